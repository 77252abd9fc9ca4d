import { ROLES } from '../platform/roles';
import { expectAuthMatrix } from '../../test/support/api/auth-matrix';
import { expectProblem } from '../../test/support/api/probe';
import { createTestApi, type TestApi } from '../../test/support/api/test-api';

/** GET /v1/me: any valid key learns its own name and roles (the console shapes its navigation by them). */
describe('GET /v1/me', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('auth matrix: every role may ask, no key, an unknown or a revoked key is a 401 problem', async () => {
    await expectAuthMatrix(api, { method: 'get', path: '/v1/me' }, ROLES);
  });

  it.each(ROLES)(
    'answers a %s key with its id, name and roles, and nothing of the key itself',
    async (role) => {
      const res = await api.http().get('/v1/me').set('Authorization', `Bearer ${api.keys[role]}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ keyId: api.keyIds[role], name: `test ${role}`, roles: [role] });
      expect(res.text).not.toContain(api.keys[role]);
    },
  );

  it('names every role of a key that holds several', async () => {
    const created = await api
      .http()
      .post('/v1/api-keys')
      .set('Authorization', `Bearer ${api.keys.admin}`)
      .send({ name: 'support lead', roles: ['support', 'support-manager'] });
    expect(created.status).toBe(201);
    const res = await api
      .http()
      .get('/v1/me')
      .set('X-Api-Key', created.body.key as string);
    expect(res.body).toEqual({
      keyId: created.body.id,
      name: 'support lead',
      roles: ['support', 'support-manager'],
    });
  });

  it('a revoked key is told so', async () => {
    const body = expectProblem(
      await api.http().get('/v1/me').set('Authorization', `Bearer ${api.revokedKey}`),
      401,
    );
    expect(body.detail).toBe('The API key has been revoked.');
  });
});
