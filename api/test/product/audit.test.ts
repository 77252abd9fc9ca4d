import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { expectProblem } from '../../../test/support/api/probe';
import { useProductTestApi } from '../../../test/support/per-file';

describe('audit log: who created, launched, paused, ended or changed what', () => {
  const api = useProductTestApi();
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const http = () => api.http();
  const audit = (query: string) => http().get(`/v1/audit${query}`).set(as('ops'));

  it('records each successful change with its key, filters by resource and actor, and pages', async () => {
    const created = await http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'audited', journeyType: 'compensation', budget: 10_000 });
    const campaignId = created.body.campaignId as string;
    for (const step of ['launch', 'pause', 'launch', 'end']) {
      expect((await http().post(`/v1/campaigns/${campaignId}/${step}`).set(as('growth'))).status).toBe(200);
    }
    // Refused and read-only requests are not changes.
    expectProblem(await http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth')), 409);
    expect((await http().get(`/v1/campaigns/${campaignId}`).set(as('growth'))).status).toBe(200);
    // Customer traffic is left to the journal.
    const event = await http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({
        type: 'order_placed',
        eventId: `e-${randomBytes(4).toString('hex')}`,
        customerId: 'c1',
        orderId: 'o1',
        amount: 100,
      });
    expect(event.status).toBe(202);

    // A campaign whose id extends this one's (cmp_x → cmp_x0) is not below its path.
    const sibling = await http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ campaignId: `${campaignId}0`, name: 'sibling', journeyType: 'compensation', budget: 10_000 });
    expect(sibling.status).toBe(201);
    expect((await http().post(`/v1/campaigns/${campaignId}0/launch`).set(as('growth'))).status).toBe(200);
    const launches = await audit(`?resource=/v1/campaigns/${campaignId}`);
    expect(launches.status).toBe(200);
    expect((launches.body.items as { operationId: string }[]).map((e) => e.operationId)).toEqual([
      'endCampaign',
      'launchCampaign',
      'pauseCampaign',
      'launchCampaign',
    ]);
    expect(launches.body.items[0]).toMatchObject({
      actorKeyId: api.keyIds.growth,
      actorName: 'test growth',
      method: 'POST',
      resource: `/v1/campaigns/${campaignId}/end`,
      status: 200,
    });

    const byGrowth = await audit(`?actor=${api.keyIds.growth}&limit=2`);
    expect(byGrowth.body.items).toHaveLength(2);
    const rest = await audit(`?actor=${api.keyIds.growth}&limit=100&before=${byGrowth.body.next as number}`);
    const all = [...byGrowth.body.items, ...rest.body.items] as { operationId: string }[];
    expect(all.map((e) => e.operationId)).toEqual([
      'launchCampaign',
      'createCampaign',
      'endCampaign',
      'launchCampaign',
      'pauseCampaign',
      'launchCampaign',
      'createCampaign',
    ]);
    expect((await audit('?operationId=postCustomerEvent')).body.items).toEqual([]);
    // The log records no body: nothing a request carried (names, reasons, personal data) is copied into it.
    const rows = await api.db.pool.query('SELECT * FROM audit_log');
    expect(JSON.stringify(rows.rows)).not.toContain('audited');
  });

  it('is for ops and finance (and admin); bad filters are 400', async () => {
    expectProblem(await http().get('/v1/audit').set(as('growth')), 403);
    expectProblem(await http().get('/v1/audit').set(as('storefront')), 403);
    expect((await http().get('/v1/audit').set(as('finance'))).status).toBe(200);
    expectProblem(await audit('?resource=campaigns'), 400);
    expectProblem(await audit('?limit=0'), 400);
  });
});
