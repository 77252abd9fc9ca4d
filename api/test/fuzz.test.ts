import { fuzzRoute } from '../../test/support/api/fuzz';
import { declaredRoutes, operationKey, servedOperations } from '../../test/support/api/route-registry';
import { createTestApi, type TestApi } from '../../test/support/api/test-api';
import { contentSnapshot } from '../../test/support/database';

describe('fuzzing: malformed requests get 4xx problem+json and write nothing', () => {
  let api: TestApi;
  /** Row count and content of every table: keys, revocations, idempotency records, anything else. */
  const snapshot = () => contentSnapshot(api.db.pool);
  /** Runs per method; the routes come from the registry (the API keys module this app mounts). */
  const RUNS = { post: 150, put: 150, patch: 150, delete: 100, get: 60 } as const;

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('every route of the API keys module', async () => {
    const routes = declaredRoutes(api.modules);
    // What is fuzzed is what is served (platform routes like /healthz aside).
    expect(routes.map(operationKey).sort()).toEqual(
      (await servedOperations(api)).filter((op) => op.includes(' /v1/')).sort(),
    );
    const failures: string[] = [];
    for (const { method, path } of routes) {
      await fuzzRoute(api, { method, path }, { runs: RUNS[method], snapshot }).catch((err: Error) =>
        failures.push(err.message),
      );
    }
    expect(failures).toEqual([]);
  });

  it('the fuzzer can fail: a route that accepts anything is caught', async () => {
    // /healthz is public and takes no input, so the "bad auth" defect alone lets a request through.
    await expect(
      fuzzRoute(api, { method: 'get', path: '/healthz' }, { runs: 50, snapshot, seed: 1 }),
    ).rejects.toThrow(/status 200/);
  });
});
