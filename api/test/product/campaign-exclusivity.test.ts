import { randomBytes } from 'node:crypto';
import { expectProblem } from '../../../test/support/api/probe';
import { eventually } from '../../../test/support/eventually';
import { recordHistory } from '../../../test/support/histories';
import { useProductTestApi } from '../../../test/support/per-file';
import { approvalSignal, journeyWorkflowId } from '../../../workflows/shared/definitions';

const HOUR = 3_600_000;

describe('campaign exclusivity: among launched campaigns of one group at most one pays a customer', () => {
  const api = useProductTestApi();
  const as = (role: 'growth' | 'storefront' | 'ops') => ({ Authorization: `Bearer ${api.keys[role]}` });
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;

  const launched = async (body: Record<string, unknown>) => {
    const campaignId = id(String(body.journeyType));
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ campaignId, name: campaignId, budget: 1_000_000, ...body });
    expect(created.status).toBe(201);
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);
    return created.body as { campaignId: string; exclusivityGroup: string | null; priority: number };
  };
  const emit = async (event: Record<string, unknown>) => {
    const res = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({ eventId: id('ev'), ...event });
    expect({ status: res.status, body: res.status === 202 ? null : res.body }).toEqual({
      status: 202,
      body: null,
    });
  };
  const journey = async (campaignId: string, customerId: string) =>
    (await api.http().get(`/v1/campaigns/${campaignId}/journeys/${customerId}`).set(as('ops'))).body as {
      status: string;
      step: string;
      outcome?: string;
    };
  const granted = async (campaignId: string) => (await api.ledger.campaignBudget(campaignId)).granted;
  const balance = async (customerId: string) =>
    (await api.ledger.wallet(customerId, await api.now())).balance;

  it('pays a referral once, from the higher-priority campaign, even when the lower one reaches its grant first', async () => {
    const group = id('referral-group');
    const low = await launched({ journeyType: 'referral', exclusivityGroup: group, priority: 1 });
    const high = await launched({ journeyType: 'referral', exclusivityGroup: group, priority: 5 });
    expect([low.exclusivityGroup, low.priority, high.priority]).toEqual([group, 1, 5]);

    const referrer = id('referrer');
    await emit({ type: 'signed_up', customerId: referrer, email: `${referrer}@test.local`, phone: id('p') });
    await emit({
      type: 'order_placed',
      customerId: referrer,
      orderId: id('o'),
      amount: 30000,
      categories: [],
    });
    const referee = id('referee');
    await emit({
      type: 'signed_up',
      customerId: referee,
      email: `${referee}@test.local`,
      referralCode: referrer,
    });
    await emit({
      type: 'order_placed',
      customerId: referee,
      orderId: id('o'),
      amount: 20000,
      categories: [],
    });

    const [lowId, highId] = [low, high].map((c) => journeyWorkflowId(c.campaignId, referee));
    for (const c of [low, high]) {
      await eventually(() => journey(c.campaignId, referee), {
        until: (s) => s.step === 'awaiting-verification',
        description: `${c.campaignId}'s journey waiting for sales`,
      });
    }
    const approve = (workflowId: string) =>
      api.workflows.client.workflow
        .getHandle(workflowId)
        .signal(approvalSignal, { decision: 'approve', by: 'sales-1' });
    // The lower-priority journey is approved first, so its 72 h window closes (and it asks to pay) first.
    await approve(lowId!);
    await api.advance(2 * HOUR);
    await approve(highId!);
    expect(await api.results([lowId!, highId!])).toEqual(['excluded', 'rewarded']);
    await recordHistory(api.workflows.client.workflow.getHandle(lowId!), 'referral--excluded');

    expect(await journey(low.campaignId, referee)).toMatchObject({ status: 'refused', outcome: 'excluded' });
    expect(await journey(high.campaignId, referee)).toMatchObject({
      status: 'completed',
      outcome: 'rewarded',
    });
    // Ledger: both sides paid once, all of it from the higher-priority campaign (50.00 each + the referrer's
    // first-tier voucher of 100.00); the lower one granted nothing.
    expect(await balance(referee)).toBe(5000);
    expect(await balance(referrer)).toBe(15000);
    expect(await granted(high.campaignId)).toBe(20000);
    expect(await granted(low.campaignId)).toBe(0);
    const claims = await api.db.pool.query(
      'SELECT customer_id, campaign_id FROM exclusivity_claims WHERE exclusivity_group = $1 ORDER BY customer_id',
      [group],
    );
    expect(claims.rows).toEqual([
      { customer_id: referee, campaign_id: high.campaignId },
      { customer_id: referrer, campaign_id: high.campaignId },
    ]);
    const kpis = async (campaignId: string) =>
      (await api.http().get(`/v1/campaigns/${campaignId}/kpis`).set(as('growth'))).body.totals;
    expect(await kpis(low.campaignId)).toMatchObject({
      journeysStarted: 1,
      journeysExcluded: 1,
      credits: { lotsGranted: 0 },
    });
    expect(await kpis(high.campaignId)).toMatchObject({
      journeysStarted: 1,
      journeysExcluded: 0,
      credits: { lotsGranted: 3 },
    });
    // An exclusion is a refusal, journaled as such: no failed journey, no journey-failed support task.
    const ends = await api.db.pool.query(
      `SELECT kind, detail->>'outcome' AS outcome FROM journey_events
        WHERE workflow_id = $1 AND kind IN ('journey-refused', 'journey-failed')`,
      [lowId],
    );
    expect(ends.rows).toEqual([{ kind: 'journey-refused', outcome: 'excluded' }]);
    const tasks = await api.db.pool.query(
      `SELECT count(*)::int AS n FROM support_tasks WHERE customer_id = $1 AND kind = 'journey-failed'`,
      [referee],
    );
    expect(tasks.rows[0].n).toBe(0);
  });

  it('with equal priorities the first grant wins, for coded plugins and flows alike; other campaigns pay as before', async () => {
    const group = id('welcome');
    const trial = await launched({ journeyType: 'trial-credit', exclusivityGroup: group });
    const flow = await launched({
      journeyType: 'flow',
      exclusivityGroup: group,
      config: {
        definition: {
          nodes: [
            { id: 'signup', type: 'entry', on: { type: 'signed_up' }, next: 'grant' },
            { id: 'grant', type: 'grantCredit', amount: { fixed: 2000 }, validityDays: 30, next: 'done' },
            { id: 'done', type: 'exit', outcome: 'rewarded' },
          ],
        },
      },
    });
    const outside = await launched({ journeyType: 'trial-credit' });
    const customer = id('lead');
    await emit({ type: 'signed_up', customerId: customer, email: `${customer}@test.local` });
    await api.settle();

    const states = await Promise.all([trial, flow].map((c) => journey(c.campaignId, customer)));
    const excluded = states.filter((s) => s.outcome === 'excluded');
    expect(excluded).toHaveLength(1);
    expect(excluded[0]).toMatchObject({ status: 'refused' });
    const paidBy = [trial, flow].filter((_, i) => states[i]!.outcome !== 'excluded')[0]!;
    const [trialGranted, flowGranted] = [await granted(trial.campaignId), await granted(flow.campaignId)];
    expect(paidBy === trial ? [trialGranted, flowGranted] : [flowGranted, trialGranted]).toEqual([
      paidBy === trial ? 5000 : 2000,
      0,
    ]);
    // The campaign outside the group pays its 50.00 as well.
    expect(await granted(outside.campaignId)).toBe(5000);
    expect(await balance(customer)).toBe(5000 + (paidBy === trial ? 5000 : 2000));
  });

  it('gives the claim back when the ledger refuses the grant, so another campaign of the group may still pay', async () => {
    const group = id('refused');
    const broke = await launched({ journeyType: 'trial-credit', exclusivityGroup: group, budget: 100 });
    const customer = id('lead');
    await emit({ type: 'signed_up', customerId: customer, email: `${customer}@test.local` });
    await api.settle();
    expect(await journey(broke.campaignId, customer)).toMatchObject({
      status: 'refused',
      outcome: 'BUDGET_EXCEEDED',
    });
    const claims = () =>
      api.db.pool
        .query('SELECT campaign_id FROM exclusivity_claims WHERE exclusivity_group = $1', [group])
        .then((r) => r.rows);
    expect(await claims()).toEqual([]);

    const funded = await launched({ journeyType: 'trial-credit', exclusivityGroup: group });
    await emit({ type: 'signed_up', customerId: customer, email: `${customer}@test.local` });
    await api.settle();
    expect(await journey(funded.campaignId, customer)).toMatchObject({ status: 'waiting' }); // credit granted, waiting for an order
    expect(await claims()).toEqual([{ campaign_id: funded.campaignId }]);
    // (Campaigns launched by earlier tests of this file pay this customer too: the ledger is read per campaign.)
    expect([await granted(broke.campaignId), await granted(funded.campaignId)]).toEqual([0, 5000]);
  });

  it('refuses a priority without a group and a malformed group name', async () => {
    const noGroup = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'x', journeyType: 'trial-credit', budget: 10, priority: 3 });
    expect(expectProblem(noGroup, 422).errors).toEqual([
      expect.objectContaining({ path: ['body', 'priority'] }),
    ]);
    const badName = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'x', journeyType: 'trial-credit', budget: 10, exclusivityGroup: 'a b' });
    expect(expectProblem(badName, 400).errors).toEqual([
      expect.objectContaining({ path: ['body', 'exclusivityGroup'] }),
    ]);
  });
});
