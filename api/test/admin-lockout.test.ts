import { expectProblem } from '../../test/support/api/probe';
import { createKey, createTestApi, type TestApi } from '../../test/support/api/test-api';

/** The API always keeps a key that can manage keys: no admin can lock everyone out until a restart (issue 12). */
describe('revoking admin keys never leaves the API without an active admin key', () => {
  let api: TestApi;
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
  const revoke = (by: string, keyId: string) =>
    api.http().post(`/v1/api-keys/${keyId}/revoke`).set(bearer(by));
  const activeAdmins = async () =>
    Number(
      (
        await api.db.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL AND 'admin' = ANY (roles)`,
        )
      ).rows[0]!.n,
    );

  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(async () => {
    await api?.close();
  });

  it('refuses a key revoking itself with 409, and the key keeps working', async () => {
    const res = await revoke(api.keys.admin, api.keyIds.admin);
    expectProblem(res, 409, 'own-api-key');
    expect((await api.http().get('/v1/api-keys').set(bearer(api.keys.admin))).status).toBe(200);
  });

  it('refuses revoking the last active admin key with 409, through the API and the store alike', async () => {
    // A second admin revokes the first; the first cannot return the favour: it would leave no admin key.
    const second = await createKey(api.apiKeys, ['admin', 'ops'], 'second admin');
    expect((await revoke(second.plaintext, api.keyIds.admin)).status).toBe(200);
    expect(await activeAdmins()).toBe(1);
    const refused = await revoke(second.plaintext, second.record.id);
    expectProblem(refused, 409, 'own-api-key');
    expect(await api.apiKeys.revoke(second.record.id)).toEqual({ kind: 'last-admin' });
    expect(await activeAdmins()).toBe(1);
    expect((await api.http().get('/v1/api-keys').set(bearer(second.plaintext))).status).toBe(200);
  });

  const twoAdmins = async (tag: string) => {
    for (const record of await api.apiKeys.list()) {
      if (record.revokedAt === null && record.roles.includes('admin'))
        await api.db.pool.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [record.id]);
    }
    const a = await createKey(api.apiKeys, ['admin'], `a ${tag}`);
    const b = await createKey(api.apiKeys, ['admin'], `b ${tag}`);
    expect(await activeAdmins()).toBe(2);
    return { a, b };
  };

  it('of the last two admin keys revoked at the same moment, exactly one is revoked (store)', async () => {
    for (let round = 0; round < 10; round++) {
      const { a, b } = await twoAdmins(String(round));
      const outcomes = await Promise.all([api.apiKeys.revoke(a.record.id), api.apiKeys.revoke(b.record.id)]);
      expect({ round, kinds: outcomes.map((o) => o.kind).sort() }).toEqual({
        round,
        kinds: ['last-admin', 'revoked'],
      });
      expect(await activeAdmins()).toBe(1);
    }
  });

  it('of two admins revoking each other at the same moment, exactly one succeeds (API)', async () => {
    for (let round = 0; round < 5; round++) {
      const { a, b } = await twoAdmins(`api ${round}`);

      const [aRevokesB, bRevokesA] = await Promise.all([
        revoke(a.plaintext, b.record.id),
        revoke(b.plaintext, a.record.id),
      ]);
      // The loser is refused either at the revocation (409: the other revocation committed while it waited for the
      // lock) or already at authentication (401: its own key was revoked before its request was looked at).
      const [won, lost] = aRevokesB.status === 200 ? [aRevokesB, bRevokesA] : [bRevokesA, aRevokesB];
      expect({ round, won: won.status }).toEqual({ round, won: 200 });
      if (lost.status === 409) expectProblem(lost, 409, 'last-admin-key');
      else expectProblem(lost, 401, 'unauthenticated');
      expect(await activeAdmins()).toBe(1);
    }
  });

  it('still revokes non-admin keys and admin keys while another admin key stays active', async () => {
    const ops = await createKey(api.apiKeys, ['ops'], 'ops');
    const spare = await createKey(api.apiKeys, ['admin'], 'spare admin');
    expect((await revoke(api.keys.admin, ops.record.id)).body.revokedAt).not.toBeNull();
    expect((await revoke(api.keys.admin, spare.record.id)).body.revokedAt).not.toBeNull();
    // Revoking a revoked key stays a no-op, even though it was an admin key.
    expect((await revoke(api.keys.admin, spare.record.id)).status).toBe(200);
    expect(await activeAdmins()).toBe(1);
  });
});
