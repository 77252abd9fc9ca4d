import { randomBytes } from 'node:crypto';
import { TEST_TEMPORAL_UI_URL } from '../../../test/support/api/product-api';
import { expectProblem } from '../../../test/support/api/probe';
import { createKey } from '../../../test/support/api/test-api';
import { eventually } from '../../../test/support/eventually';
import { useProductTestApi } from '../../../test/support/per-file';

/** Customer 360 (profile, journeys), the agent's compensation quota, journeys per campaign for ops, and /healthz. */
describe('customer 360, compensation quota and the ops overview', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const growth = () => as(api.keys.growth);
  const launch = async (body: Record<string, unknown>) => {
    const created = await api.http().post('/v1/campaigns').set(growth()).send(body);
    expect(created.status).toBe(201);
    const campaignId = created.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(growth())).status).toBe(200);
    return campaignId;
  };
  let trial: string;
  let compensation: string;

  beforeAll(async () => {
    trial = await launch({ name: 'trial', journeyType: 'trial-credit', budget: 1_000_000 });
    compensation = await launch({
      name: 'compensation',
      journeyType: 'compensation',
      budget: 1_000_000,
      config: { agentDailyQuota: 30_000, agentMonthlyQuota: 50_000, approvalThreshold: 20_000 },
    });
  });

  it('profile: 404 problem for an unknown customer; the stored profile with its facts, no fingerprints', async () => {
    const customerId = id('c360');
    expectProblem(
      await api.http().get(`/v1/customers/${customerId}`).set(as(api.keys.support)),
      404,
      'not-found',
    );
    const post = (body: Record<string, unknown>) =>
      api
        .http()
        .post('/v1/events')
        .set(as(api.keys.storefront))
        .send({ eventId: id('ev'), customerId, ...body });
    expect(
      (
        await post({
          type: 'signed_up',
          email: `${customerId}@test.perkflow.local`,
          phone: '+8613800000000',
          deviceId: 'device-1',
          locale: 'en',
        })
      ).status,
    ).toBe(202);
    expect((await post({ type: 'order_placed', orderId: id('order'), amount: 12_000 })).status).toBe(202);

    const res = await api.http().get(`/v1/customers/${customerId}`).set(as(api.keys.support));
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({
      customerId,
      email: `${customerId}@test.perkflow.local`,
      phone: '+8613800000000',
      locale: 'en',
      orderCount: 1,
      totalSpent: 12_000,
    });
    expect(res.body.profile).not.toHaveProperty('deviceId');
    expect(res.body.profile).not.toHaveProperty('paymentFingerprint');
    expect(res.body.facts).toEqual({
      orderCount: 1,
      totalSpent: 12_000,
      totalSpentLast365Days: 12_000,
      daysSinceLastOrder: 0,
      daysSinceLastActive: 0,
      lead: false,
      walletBalance: 0,
      pointsBalance: 0,
      tier: null,
      referralsPaid: 0,
    });
    expect(res.body.attributes).toEqual({});
  });

  it('journeys: every journey of the customer with its step and next wake, and links into the Temporal UI', async () => {
    const customerId = id('c360');
    const signedUp = await api
      .http()
      .post('/v1/events')
      .set(as(api.keys.storefront))
      .send({ type: 'signed_up', eventId: id('ev'), customerId, email: `${customerId}@test.perkflow.local` });
    expect(signedUp.status).toBe(202);
    const credit = await api
      .http()
      .post('/v1/support/credits')
      .set(as(api.keys.support))
      .send({ customerId, amount: 1_000, reason: 'late parcel' });
    expect(credit.status).toBe(202);

    const trialId = `journey/${trial}/${customerId}`;
    const listed = await eventually(
      () => api.http().get(`/v1/customers/${customerId}/journeys`).set(as(api.keys.support)),
      {
        until: (res) =>
          res.status === 200 &&
          (res.body.items as { workflowId: string; nextWakeAt?: string }[]).some(
            (j) => j.workflowId === trialId && j.nextWakeAt !== undefined,
          ) &&
          (res.body.items as { workflowId: string }[]).some((j) => j.workflowId === credit.body.workflowId),
        description: 'both journeys listed, the trial one asleep',
      },
    );
    // The time-skipping test server cannot list workflows: the ids come from the campaigns and the journal.
    expect(listed.body.source).toBe('derived');
    const query = encodeURIComponent(`CustomerId = "${customerId}"`);
    expect(listed.body.temporalUiUrl).toBe(
      `${TEST_TEMPORAL_UI_URL}/namespaces/default/workflows?query=${query}`,
    );
    const items = listed.body.items as {
      workflowId: string;
      journeyType: string;
      campaignId: string;
      status: string;
      nextWakeAt?: string;
      temporalUiUrl: string;
    }[];
    const trialJourney = items.find((j) => j.workflowId === trialId)!;
    expect(trialJourney).toMatchObject({ journeyType: 'trial-credit', campaignId: trial, status: 'waiting' });
    expect(Date.parse(trialJourney.nextWakeAt!)).toBeGreaterThan(Date.parse(await api.now()));
    expect(trialJourney.temporalUiUrl).toBe(
      `${TEST_TEMPORAL_UI_URL}/namespaces/default/workflows?query=${encodeURIComponent(`WorkflowId = "${trialId}"`)}`,
    );
    expect(items.find((j) => j.workflowId === credit.body.workflowId)).toMatchObject({
      journeyType: 'compensation',
      campaignId: compensation,
    });
    // Only this customer's journeys.
    expect(items.every((j) => j.workflowId.includes(`/${customerId}`))).toBe(true);

    const stranger = await api
      .http()
      .get(`/v1/customers/${id('nobody')}/journeys`)
      .set(as(api.keys.ops));
    expect(stranger.status).toBe(200);
    expect(stranger.body.items).toEqual([]);
  });

  it('quota: an agent sees its limits, and what a reserved request used comes off what remains', async () => {
    const agent = (await createKey(api.apiKeys, ['support'], id('agent'))).plaintext;
    const quota = () => api.http().get('/v1/support/quota').set(as(agent));
    const fresh = await quota();
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({
      campaignId: compensation,
      dailyQuota: 30_000,
      monthlyQuota: 50_000,
      usedToday: 0,
      remainingToday: 30_000,
      remainingThisMonth: 50_000,
      approvalThreshold: 20_000,
    });
    const requested = await api
      .http()
      .post('/v1/support/credits')
      .set(as(agent))
      .send({ customerId: id('c360'), amount: 7_500, reason: 'damaged box' });
    expect(requested.status).toBe(202);
    await api.results([requested.body.workflowId as string], { stepHours: 1, maxDays: 1 });
    // The reservation's day is the test server's clock, which no skip has moved off today's.
    expect((await quota()).body).toMatchObject({
      usedToday: 7_500,
      usedThisMonth: 7_500,
      remainingToday: 22_500,
      remainingThisMonth: 42_500,
    });
    expectProblem(
      await api.http().get(`/v1/support/quota?campaignId=${trial}`).set(as(agent)),
      422,
      'no-compensation-campaign',
    );
  });

  it('ops: journeys per campaign and state, each linking into the Temporal UI; /healthz checks SMTP too', async () => {
    // The first customer ordered at once (their trial journey ends, no longer a lead), the second waits for the
    // reminder; both compensation requests were granted.
    const res = await eventually(() => api.http().get('/v1/ops/journeys').set(as(api.keys.ops)), {
      until: (r) =>
        r.status === 200 &&
        (r.body.campaigns as { campaignId: string; open: number; started: number }[]).some(
          (c) => c.campaignId === trial && c.started === 2 && c.open === 1,
        ),
      description: 'the ended trial journey counted',
    });
    expect(res.body.temporalUiUrl).toBe(`${TEST_TEMPORAL_UI_URL}/namespaces/default/workflows`);
    const byId = new Map(
      (
        res.body.campaigns as {
          campaignId: string;
          temporalUiUrl: string;
          completed: number;
          refused: number;
        }[]
      ).map((c) => [c.campaignId, c] as const),
    );
    expect(byId.get(trial)).toMatchObject({ journeyType: 'trial-credit', started: 2, open: 1, failed: 0 });
    expect(byId.get(trial)!.completed + byId.get(trial)!.refused).toBe(1);
    expect(byId.get(compensation)).toMatchObject({
      journeyType: 'compensation',
      started: 2,
      completed: 2,
      open: 0,
    });
    expect(byId.get(trial)!.temporalUiUrl).toContain(encodeURIComponent(`CampaignId = "${trial}"`));

    const health = await api.http().get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body.checks).toEqual({ postgres: 'ok', temporal: 'ok', smtp: 'ok' });
  });
});
