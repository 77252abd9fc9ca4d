import { fuzzRoute } from '../../test/support/api/fuzz';
import { createTestApi, type TestApi } from '../../test/support/api/test-api';

describe('fuzzing: malformed requests get 4xx problem+json and write nothing', () => {
  let api: TestApi;
  /** Everything the API keys routes could write: keys, revocations and idempotency records. */
  const snapshot = async () =>
    (
      await api.db.pool.query(
        `SELECT (SELECT count(*) FROM api_keys) AS keys,
                (SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL) AS revoked,
                (SELECT count(*) FROM idempotency_keys) AS idempotency`,
      )
    ).rows[0];

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('POST /v1/api-keys (150 runs)', async () => {
    await fuzzRoute(api, { method: 'post', path: '/v1/api-keys' }, { runs: 150, snapshot });
  });

  it('POST /v1/api-keys/:id/revoke (100 runs)', async () => {
    await fuzzRoute(api, { method: 'post', path: '/v1/api-keys/:id/revoke' }, { runs: 100, snapshot });
  });

  it('GET /v1/api-keys (60 runs)', async () => {
    await fuzzRoute(api, { method: 'get', path: '/v1/api-keys' }, { runs: 60, snapshot });
  });

  it('the fuzzer can fail: a route that accepts anything is caught', async () => {
    // /healthz is public and takes no input, so the "bad auth" defect alone lets a request through.
    await expect(
      fuzzRoute(api, { method: 'get', path: '/healthz' }, { runs: 50, snapshot, seed: 1 }),
    ).rejects.toThrow(/status 200/);
  });
});
