import {
  MIN_BOOTSTRAP_KEY_LENGTH,
  ensureBootstrapAdminKey,
  generateApiKey,
  hashApiKey,
} from '../platform/api-key-material';
import { expectAuthMatrix } from '../../test/support/api/auth-matrix';
import { expectProblem } from '../../test/support/api/probe';
import { createTestApi, type TestApi } from '../../test/support/api/test-api';

describe('API keys: hashed storage, roles, admin management', () => {
  let api: TestApi;
  const admin = () => ({ Authorization: `Bearer ${api.keys.admin}` });
  const tableCounts = async () =>
    (
      await api.db.pool.query(
        `SELECT (SELECT count(*) FROM api_keys) AS keys, (SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL)
           AS revoked, (SELECT count(*) FROM idempotency_keys) AS idempotency`,
      )
    ).rows[0];

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('generates pk_ keys with 256 bits of randomness, stores only their SHA-256', async () => {
    const a = generateApiKey();
    expect(a).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    expect(generateApiKey()).not.toBe(a);

    const res = await api
      .http()
      .post('/v1/api-keys')
      .set(admin())
      .send({ name: 'storefront', roles: ['storefront'] });
    expect(res.status).toBe(201);
    const { key, id, prefix, roles, createdBy, revokedAt } = res.body as Record<string, unknown>;
    expect(key).toMatch(/^pk_/);
    expect(prefix).toBe((key as string).slice(0, 11));
    expect({ roles, createdBy, revokedAt }).toEqual({
      roles: ['storefront'],
      createdBy: api.keyIds.admin,
      revokedAt: null,
    });

    const stored = await api.db.pool.query('SELECT * FROM api_keys WHERE id = $1', [id]);
    expect(stored.rows[0].key_hash).toEqual(hashApiKey(key as string));
    expect(JSON.stringify(stored.rows[0])).not.toContain((key as string).slice(11));
  });

  it('a new key works at once with its roles', async () => {
    const created = await api
      .http()
      .post('/v1/api-keys')
      .set(admin())
      .send({ name: 'ops+admin', roles: ['admin'] });
    const key = created.body.key as string;
    expect((await api.http().get('/v1/api-keys').set('X-Api-Key', key)).status).toBe(200);
  });

  it('lists keys without any secret', async () => {
    const res = await api.http().get('/v1/api-keys').set(admin());
    expect(res.status).toBe(200);
    const items = res.body.items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThanOrEqual(8);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(
        ['createdAt', 'createdBy', 'id', 'name', 'prefix', 'revokedAt', 'roles'].sort(),
      );
    }
    for (const secret of Object.values(api.keys)) expect(res.text).not.toContain(secret.slice(11));
  });

  it('revocation takes effect on the next request and is idempotent', async () => {
    const created = await api
      .http()
      .post('/v1/api-keys')
      .set(admin())
      .send({ name: 'temp', roles: ['finance'] });
    const { id, key } = created.body as { id: string; key: string };
    const adminKey = await api
      .http()
      .post('/v1/api-keys')
      .set(admin())
      .send({ name: 'temp admin', roles: ['admin'] });
    const tempAdmin = { Authorization: `Bearer ${adminKey.body.key as string}` };

    const first = await api.http().post(`/v1/api-keys/${id}/revoke`).set(admin());
    expect(first.status).toBe(200);
    expect(first.body.revokedAt).toEqual(expect.any(String));
    const again = await api.http().post(`/v1/api-keys/${id}/revoke`).set(admin());
    expect(again.body.revokedAt).toBe(first.body.revokedAt);

    await api
      .http()
      .post(`/v1/api-keys/${adminKey.body.id as string}/revoke`)
      .set(admin());
    const res = await api.http().get('/v1/api-keys').set(tempAdmin);
    expect(expectProblem(res, 401, 'unauthenticated').detail).toContain('revoked');
    // A revoked key is unauthenticated even where its role would have been refused anyway.
    expectProblem(await api.http().get('/v1/api-keys').set('X-Api-Key', key), 401, 'unauthenticated');
  });

  it('bootstrap admin key is stored once, usable, and stays revoked once revoked', async () => {
    const plaintext = `bootstrap-${'z'.repeat(MIN_BOOTSTRAP_KEY_LENGTH)}`;
    const first = await ensureBootstrapAdminKey(api.apiKeys, plaintext);
    const second = await ensureBootstrapAdminKey(api.apiKeys, plaintext);
    expect(first.created).toBe(true);
    expect(second).toEqual({ created: false, record: first.record });
    expect(first.record.roles).toEqual(['admin']);
    expect((await api.http().get('/v1/api-keys').set('Authorization', `Bearer ${plaintext}`)).status).toBe(
      200,
    );

    await api.apiKeys.revoke(first.record.id);
    const third = await ensureBootstrapAdminKey(api.apiKeys, plaintext);
    expect(third.record.revokedAt).not.toBeNull();
    expect((await api.http().get('/v1/api-keys').set('Authorization', `Bearer ${plaintext}`)).status).toBe(
      401,
    );

    await expect(ensureBootstrapAdminKey(api.apiKeys, 'short')).rejects.toThrow(/at least/);
  });

  it('auth matrix: create key is admin-only and rejected requests write nothing', async () => {
    await expectAuthMatrix(
      api,
      { method: 'post', path: '/v1/api-keys', body: { name: 'matrix', roles: ['ops'] } },
      ['admin'],
      { snapshot: tableCounts },
    );
  });

  it('auth matrix: list keys is admin-only', async () => {
    await expectAuthMatrix(api, { method: 'get', path: '/v1/api-keys' }, ['admin']);
  });

  it('auth matrix: revoke is admin-only and rejected requests write nothing', async () => {
    const victim = await api
      .http()
      .post('/v1/api-keys')
      .set(admin())
      .send({ name: 'victim', roles: ['ops'] });
    await expectAuthMatrix(
      api,
      { method: 'post', path: `/v1/api-keys/${victim.body.id as string}/revoke` },
      ['admin'],
      { snapshot: tableCounts },
    );
  });

  it('auth matrix: health is public', async () => {
    await expectAuthMatrix(api, { method: 'get', path: '/healthz' }, 'public');
    const res = await api.http().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { postgres: 'ok' } });
  });
});
