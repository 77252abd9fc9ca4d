import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { expectProblem } from '../../../test/support/api/probe';
import { eventually } from '../../../test/support/eventually';
import { useProductTestApi } from '../../../test/support/per-file';
import { harnessValue } from '../../../test/support/shared-env';

/** Scratch databases of this process's simulations still on the server. */
async function scratchDatabases(): Promise<string[]> {
  const client = new Client({ connectionString: harnessValue('pgAdminUrl') });
  await client.connect();
  try {
    const rows = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname',
      [`perkflow\\_sim\\_${process.pid}\\_%`],
    );
    return rows.rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

/**
 * A simulation is bounded in real time: one that outlives its bound answers 422 and takes its environment (test
 * server, worker, scratch database) down with it; the API itself carries on. Here the bound is 1 ms, so every run
 * outlives it.
 */
describe('a simulation past its wall-clock bound', () => {
  const api = useProductTestApi({ simulation: { poolSize: 1, wallMs: 1 } });
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });

  it('answers 422 simulation-too-long, leaves no scratch database behind, and the API carries on', async () => {
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: `limits-${randomBytes(3).toString('hex')}`, journeyType: 'dormancy', budget: 100_000 });
    expect(created.status).toBe(201);
    const res = await api
      .http()
      .post(`/v1/campaigns/${created.body.campaignId}/simulate`)
      .set(as('growth'))
      .send({
        timelines: [
          {
            events: [{ at: 'P0D', event: { type: 'signed_up', email: 'a@example.com' } }],
            horizon: 'P1000D',
          },
        ],
      });
    expect(expectProblem(res, 422, 'simulation-too-long').detail).toContain('did not finish within');

    // The environment the run used is gone; only the one kept ready for the next run may hold a database.
    await eventually(scratchDatabases, {
      description: 'the timed-out run’s scratch database dropped',
      until: (names) => names.length <= 1,
      timeoutMs: 30_000,
    });
    expect((await api.http().get('/healthz')).status).toBe(200);
    expect((await api.http().get(`/v1/campaigns/${created.body.campaignId}`).set(as('growth'))).status).toBe(
      200,
    );
  });
});
