import { Ledger } from '../../../ledger';
import { differenceInterval, KpiService, wilsonInterval } from '../../../services/kpis';
import { CampaignStore } from '../../../stores/campaigns';
import { PromotionCodeStore } from '../../../stores/promotion-codes';
import { createKpisModule } from '../../routes/kpis';
import { expectAuthMatrix } from '../../../test/support/api/auth-matrix';
import { expectProblem } from '../../../test/support/api/probe';
import { createTestApi, type TestApi } from '../../../test/support/api/test-api';
import { day, insertReferral, seedKpiScenario } from '../../../test/support/kpi-scenario';

const READERS = ['growth', 'finance', 'ops'] as const;

describe('KPIs API', () => {
  let api: TestApi;
  let ledger: Ledger;
  let scenario: Awaited<ReturnType<typeof seedKpiScenario>>;
  const get = (path: string) =>
    api
      .http()
      .get(path)
      .set({ Authorization: `Bearer ${api.keys.finance}` });

  beforeAll(async () => {
    api = await createTestApi({
      routes: (ctx) => [
        createKpisModule(
          new KpiService(ctx.pool, new CampaignStore(ctx.pool), new PromotionCodeStore(ctx.pool)),
        ),
      ],
    });
    ledger = new Ledger(api.pool);
    scenario = await seedKpiScenario(api.pool, ledger, 'k1');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('reports exact KPIs for known grants, redemptions and a refund', async () => {
    const res = await get(`/v1/campaigns/${scenario.campaignId}/kpis`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      campaignId: scenario.campaignId,
      journeyType: 'trial-credit',
      currency: 'CNY',
    });
    expect(res.body.totals).toEqual({
      journeysStarted: 6, // c1..c6; the campaign-level sweep is not a customer journey
      journeysExcluded: 0,
      customersReached: 6,
      credits: {
        lotsGranted: 5,
        amountGranted: 31_000,
        customersGranted: 5,
        lotsClaimed: 3, // c1, c2, c5; c4's only redemption was refunded
        customersConverted: 3,
        amountRedeemed: 20_000,
        amountReversed: 8000,
      },
      grantRate: '0.8333', // 5 / 6
      claimRate: '0.6000', // 3 / 5
      redemptionRate: '0.3871', // 12000 / 31000
      attributedGmv: 27_000, // o1 20000 + o2 3000 + o4 4000; refunded o3 excluded
      ordersAttributed: 3,
      ordersRefunded: 1,
      refundedGmv: 10_000,
      cost: 12_000,
      roi: '1.2500', // (27000 − 12000) / 12000
      series: [
        {
          day: '2025-03-01',
          lotsGranted: 3,
          amountGranted: 18_000,
          amountRedeemed: 0,
          amountReversed: 0,
          amountRedeemedNet: 0,
        },
        {
          day: '2025-03-02',
          lotsGranted: 1,
          amountGranted: 8000,
          amountRedeemed: 13_000,
          amountReversed: 0,
          amountRedeemedNet: 13_000,
        },
        {
          day: '2025-03-03',
          lotsGranted: 1,
          amountGranted: 5000,
          amountRedeemed: 4000,
          amountReversed: 8000,
          amountRedeemedNet: -4000,
        },
        {
          day: '2025-03-04',
          lotsGranted: 0,
          amountGranted: 0,
          amountRedeemed: 3000,
          amountReversed: 0,
          amountRedeemedNet: 3000,
        },
      ],
    });
    expect(res.body.referrals).toBeUndefined();
  });

  it('cost is the marketing expense of the finance view, and the other campaign sees its share of o1', async () => {
    const expense = await ledger.marketingExpense({ from: day(-2), to: day(10) });
    const byCampaign = new Map(expense.campaigns.map((c) => [c.campaignId, c]));
    const kpis = (await get(`/v1/campaigns/${scenario.campaignId}/kpis`)).body;
    expect(kpis.totals.cost).toBe(byCampaign.get(scenario.campaignId)!.redeemed);
    const other = (await get(`/v1/campaigns/${scenario.otherId}/kpis`)).body;
    expect(other.totals.cost).toBe(byCampaign.get(scenario.otherId)!.redeemed);
    expect(other.totals).toMatchObject({
      cost: 1000,
      attributedGmv: 20_000, // o1 is attributed in full to every campaign whose credit paid for it
      ordersAttributed: 1,
      claimRate: '1.0000',
      roi: '19.0000',
      journeysStarted: 0,
      grantRate: null,
    });
    expect(other.abTest).toBeUndefined();
  });

  it('compares A/B variants on customer conversion with Wilson and Newcombe intervals', async () => {
    const { abTest } = (await get(`/v1/campaigns/${scenario.campaignId}/kpis`)).body;
    expect(abTest).toMatchObject({ metric: 'customer-conversion', confidence: 0.95, unassigned: null });
    const [control, bigger] = abTest.variants;
    expect(control).toMatchObject({
      name: 'control',
      weight: 1,
      customersAssigned: 4,
      conversion: { converted: 2, assigned: 4, rate: 0.5 },
      metrics: {
        journeysStarted: 4,
        credits: {
          lotsGranted: 3,
          amountGranted: 15_000,
          lotsClaimed: 2,
          amountRedeemed: 8000,
          amountReversed: 0,
        },
        cost: 8000,
        attributedGmv: 23_000,
        roi: '1.8750',
        claimRate: '0.6667',
      },
    });
    expect(bigger).toMatchObject({
      name: 'bigger',
      customersAssigned: 2,
      conversion: { converted: 1, assigned: 2, rate: 0.5 },
      metrics: {
        credits: {
          lotsGranted: 2,
          amountGranted: 16_000,
          lotsClaimed: 1,
          amountRedeemed: 12_000,
          amountReversed: 8000,
        },
        cost: 4000,
        attributedGmv: 4000,
        ordersRefunded: 1,
        roi: '0.0000',
      },
    });
    expect(bigger.metrics.series.map((p: { day: string }) => p.day)).toEqual([
      '2025-03-01',
      '2025-03-02',
      '2025-03-03',
    ]);
    // Wilson 2/4: [0.150039, 0.849961].
    expect(control.conversion.ci95.low).toBeCloseTo(0.150039, 5);
    expect(control.conversion.ci95.high).toBeCloseTo(0.849961, 5);
    expect(control.conversion.ci95).toEqual({
      low: Number(wilsonInterval(2, 4)!.low.toFixed(6)),
      high: Number(wilsonInterval(2, 4)!.high.toFixed(6)),
    });
    const ci = differenceInterval(1, 2, 2, 4)!;
    expect(abTest.comparisons).toEqual([
      {
        variant: 'bigger',
        baseline: 'control',
        difference: 0,
        ci95: { low: Number(ci.low.toFixed(6)), high: Number(ci.high.toFixed(6)) },
        significant: false,
      },
    ]);
    // Variant totals add up to the campaign's.
    expect(control.metrics.cost + bigger.metrics.cost).toBe(12_000);
    expect(control.metrics.attributedGmv + bigger.metrics.attributedGmv).toBe(27_000);
  });

  it('referral campaigns add referrals, valid, paid and conversion', async () => {
    const campaigns = new CampaignStore(api.pool);
    await campaigns.create({
      campaignId: 'kpi-referral',
      name: 'referral',
      journeyType: 'referral',
      config: {},
      budget: 1000,
      createdBy: null,
    });
    const statuses = ['paid', 'paid', 'ineligible', 'pending', 'rejected'];
    for (const [i, status] of statuses.entries()) {
      await insertReferral(api.pool, {
        refereeId: `kpi-ref-referee-${i}`,
        referrerId: 'kpi-ref-referrer',
        campaignId: 'kpi-referral',
        status,
        paidAt: status === 'paid' ? day(i) : null,
      });
    }
    const res = await get('/v1/campaigns/kpi-referral/kpis');
    expect(res.status).toBe(200);
    expect(res.body.referrals).toEqual({ referrals: 5, valid: 4, paid: 2, conversion: '0.4000' });
    expect(res.body.totals).toMatchObject({
      journeysStarted: 0,
      cost: 0,
      roi: null,
      claimRate: null,
      series: [],
    });
  });

  it('answers 404 for an unknown campaign and 400 for a malformed month', async () => {
    expectProblem(await get('/v1/campaigns/no-such-campaign/kpis'), 404);
    expectProblem(await get('/v1/referrals/leaderboard?month=2025-13'), 400);
    expectProblem(await get('/v1/referrals/leaderboard?month=2025-3'), 400);
  });

  it('auth matrix: growth, finance and ops (admin) may read KPIs and the leaderboard', async () => {
    await expectAuthMatrix(
      api,
      { method: 'get', path: `/v1/campaigns/${scenario.campaignId}/kpis` },
      READERS,
    );
    await expectAuthMatrix(api, { method: 'get', path: '/v1/referrals/leaderboard?month=2025-03' }, READERS);
  });
});

describe('referral leaderboard', () => {
  let api: TestApi;
  const get = (month: string) =>
    api
      .http()
      .get(`/v1/referrals/leaderboard?month=${month}`)
      .set({ Authorization: `Bearer ${api.keys.growth}` });
  let n = 0;
  const paid = (referrerId: string, paidAt: string, status = 'paid') =>
    insertReferral(api.pool, {
      refereeId: `lb-referee-${++n}`,
      referrerId,
      campaignId: 'lb-referral',
      status,
      paidAt,
    });

  beforeAll(async () => {
    api = await createTestApi({
      routes: (ctx) => [
        createKpisModule(
          new KpiService(ctx.pool, new CampaignStore(ctx.pool), new PromotionCodeStore(ctx.pool)),
        ),
      ],
    });
    // March 2025: r-b and r-a tie on 3, r-b got there first; r-c has 2 (one paid on the last millisecond of March).
    for (const d of ['03-02', '03-05', '03-10']) await paid('r-b', `2025-${d}T08:00:00.000Z`);
    for (const d of ['03-01', '03-03', '03-20']) await paid('r-a', `2025-${d}T08:00:00.000Z`);
    await paid('r-c', '2025-03-04T00:00:00.000Z');
    await paid('r-c', '2025-03-31T23:59:59.999Z');
    // Eight referrers with one paid referral each on the same instant: ordered by id; two of them fall off the top 10.
    for (const id of ['r-k', 'r-d', 'r-j', 'r-e', 'r-i', 'r-f', 'r-h', 'r-g'])
      await paid(id, '2025-03-15T12:00:00.000Z');
    // Not paid, or paid outside March, does not count for March.
    await paid('r-z', '2025-03-06T00:00:00.000Z', 'cancelled');
    await paid('r-z', '2025-03-07T00:00:00.000Z', 'approved');
    await paid('r-y', '2025-04-01T00:00:00.000Z'); // first instant of April
    await paid('r-x', '2025-02-28T23:59:59.999Z'); // last instant of February
    // An ambassador: 9 paid in January + 1 in March = 10 all-time.
    for (let i = 1; i <= 9; i++) await paid('r-amb', `2025-01-${String(i).padStart(2, '0')}T00:00:00.000Z`);
    await paid('r-amb', '2025-03-16T00:00:00.000Z');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('ranks the month’s top 10 by paid referrals with deterministic ties and the ambassador flag', async () => {
    const res = await get('2025-03');
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2025-03-01T00:00:00.000Z');
    expect(res.body.to).toBe('2025-04-01T00:00:00.000Z');
    const entries = res.body.entries as { rank: number; referrerId: string; paidReferrals: number }[];
    expect(entries.map((e) => [e.rank, e.referrerId, e.paidReferrals])).toEqual([
      [1, 'r-b', 3],
      [2, 'r-a', 3],
      [3, 'r-c', 2],
      [4, 'r-d', 1],
      [5, 'r-e', 1],
      [6, 'r-f', 1],
      [7, 'r-g', 1],
      [8, 'r-h', 1],
      [9, 'r-i', 1],
      [10, 'r-j', 1],
    ]);
    expect(res.body.entries[0]).toEqual({
      rank: 1,
      referrerId: 'r-b',
      paidReferrals: 3,
      reachedAt: '2025-03-10T08:00:00.000Z',
      paidReferralsAllTime: 3,
      ambassador: false,
    });
    // r-amb (1 in March, paid after the r-d..r-k instant) is 11th: outside the top 10.
    expect(entries.find((e) => e.referrerId === 'r-amb')).toBeUndefined();
    expect(entries.find((e) => e.referrerId === 'r-z')).toBeUndefined();
  });

  it('months are UTC calendar months: boundary instants land in their own month', async () => {
    const april = (await get('2025-04')).body.entries;
    expect(april).toEqual([
      {
        rank: 1,
        referrerId: 'r-y',
        paidReferrals: 1,
        reachedAt: '2025-04-01T00:00:00.000Z',
        paidReferralsAllTime: 1,
        ambassador: false,
      },
    ]);
    const february = (await get('2025-02')).body.entries;
    expect(february.map((e: { referrerId: string }) => e.referrerId)).toEqual(['r-x']);
    const january = (await get('2025-01')).body.entries;
    expect(january).toEqual([
      {
        rank: 1,
        referrerId: 'r-amb',
        paidReferrals: 9,
        reachedAt: '2025-01-09T00:00:00.000Z',
        paidReferralsAllTime: 10,
        ambassador: true,
      },
    ]);
    expect((await get('2024-12')).body.entries).toEqual([]);
  });
});
