import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';

const DAY_MS = 86_400_000;

describe('points economics API (points budget, terms, points as payment, liability)', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  let creditCampaign: string;
  let pointsCampaign: string;

  beforeAll(async () => {
    const credit = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'goodwill', journeyType: 'compensation', budget: 1_000_000 });
    creditCampaign = credit.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${creditCampaign}/launch`).set(as('growth'))).status).toBe(
      200,
    );
    const points = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'points', journeyType: 'points', budget: 1_000, config: { pointsBudget: 20_000 } });
    expect(points.status).toBe(201);
    pointsCampaign = points.body.campaignId as string;
  });

  const now = () => new Date().toISOString();
  /** Points earned as the points journey earns them: tagged with the campaign, drawn from its points budget. */
  const earn = (customerId: string, points: number) =>
    api.ledger.earnPoints({
      transactionId: id('order'),
      customerId,
      points,
      asOf: now(),
      expiresAt: new Date(Date.now() + 365 * DAY_MS).toISOString(),
      reason: 'order',
      campaignId: pointsCampaign,
      pointsBudget: 20_000,
    });
  const grant = (customerId: string, amount: number) =>
    api.ledger.grantCredit({
      idempotencyKey: id('grant'),
      campaignId: creditCampaign,
      customerId,
      amount,
      kind: 'cash',
      scope: { type: 'all' },
      stacking: 'stackable',
      expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
      asOf: now(),
      source: { reason: 'test' },
    });
  const redeem = (body: Record<string, unknown>) =>
    api.http().post('/v1/redemptions').set(as('storefront')).send(body);
  const pointsOf = async (customerId: string) =>
    (await api.http().get(`/v1/customers/${customerId}/points`).set(as('storefront'))).body.balance as number;

  it('GET/PUT /v1/finance/points-terms: the money value of a point and the per-order limits', async () => {
    const got = await api.http().get('/v1/finance/points-terms').set(as('storefront'));
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ points: 100, minor: 100, minPoints: 100, maxShareBp: 5_000 });
    const put = (body: Record<string, unknown>) =>
      api.http().put('/v1/finance/points-terms').set(as('finance')).send(body);
    expectProblem(await put({ points: 100, minor: 100, minPoints: 100, maxShareBp: 0 }), 400);
    expectProblem(await put({ points: 0, minor: 100, minPoints: 100, maxShareBp: 5_000 }), 400);
    const changed = await put({ points: 10, minor: 1, minPoints: 50, maxShareBp: 3_000 });
    expect(changed.status).toBe(200);
    expect((await api.http().get('/v1/finance/points-terms').set(as('finance'))).body).toEqual({
      points: 10,
      minor: 1,
      minPoints: 50,
      maxShareBp: 3_000,
    });
    expect((await put({ points: 100, minor: 100, minPoints: 100, maxShareBp: 5_000 })).status).toBe(200);
  });

  it('a liability past the most an amount can be is a 422 that says so, not a 500; it reads again once the rate is lowered', async () => {
    // An outside probe: a point worth 10 000 000.00 and 100 000 000 points outstanding answered 500.
    const rich = id('cust');
    await api.ledger.earnPoints({
      transactionId: id('order'),
      customerId: rich,
      points: 10_000_000,
      asOf: now(),
      reason: 'order',
    });
    const put = (minor: number) =>
      api
        .http()
        .put('/v1/finance/points-terms')
        .set(as('finance'))
        .send({ points: 1, minor, minPoints: 1, maxShareBp: 10_000 });
    const liability = () => api.http().get('/v1/finance/points-liability').set(as('finance'));
    try {
      expect((await put(1_000_000_000)).status).toBe(200);
      const refused = expectProblem(await liability(), 422, 'amount-out-of-range');
      expect(refused.detail).toContain('past the most an amount can be (9007199254740991 minor units)');
      const pointsOfRich = await api.http().get(`/v1/customers/${rich}/points`).set(as('storefront'));
      expect(pointsOfRich.body.balance).toBe(10_000_000);
    } finally {
      expect((await put(1)).status).toBe(200);
      expect((await liability()).status).toBe(200);
      expect(
        (
          await api.http().put('/v1/finance/points-terms').set(as('finance')).send({
            points: 100,
            minor: 100,
            minPoints: 100,
            maxShareBp: 5_000,
          })
        ).status,
      ).toBe(200);
    }
  });

  it('POST /v1/redemptions spends points after credit; 422 problems write nothing; a refund gives them back', async () => {
    const customerId = id('cust');
    await grant(customerId, 1_000);
    await earn(customerId, 5_000);
    const orderId = id('order');
    const body = { customerId, order: { orderId, amount: 10_000, categories: ['books'] }, points: 3_000 };
    const poor = id('cust');
    await earn(poor, 200);

    const before = await api.nothingWrittenSnapshot();
    const quote = await redeem(body);
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({
      committed: false,
      total: 1_000,
      payable: 6_000,
      points: { points: 3_000, value: 3_000, rate: { points: 100, minor: 100 } },
    });
    for (const [points, type] of [
      [50, 'points-below-minimum'],
      [5_100, 'points-above-maximum'],
      [150.5, null],
    ] as const) {
      const res = await redeem({ ...body, points, commit: true });
      if (type === null) expectProblem(res, 400);
      else expectProblem(res, 422, type);
    }
    expectProblem(
      await redeem({
        customerId: poor,
        order: { orderId: id('o'), amount: 10_000 },
        points: 300,
        commit: true,
      }),
      422,
      'insufficient-balance',
    );
    expect(await api.nothingWrittenSnapshot()).toEqual(before);

    const committed = await redeem({ ...body, commit: true });
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({
      committed: true,
      total: 1_000,
      payable: 6_000,
      points: { value: 3_000 },
    });
    // The same order again is the same redemption (idempotent); other points for it are a conflict.
    const again = await redeem({ ...body, commit: true });
    expect(again.body).toEqual(committed.body);
    expectProblem(await redeem({ ...body, points: 2_000, commit: true }), 409);
    expect(await pointsOf(customerId)).toBe(2_000);

    // Finance: points expense at their value, and what is still outstanding.
    const from = new Date(Date.now() - DAY_MS).toISOString();
    const to = new Date(Date.now() + DAY_MS).toISOString();
    const activity = await api
      .http()
      .get('/v1/finance/points')
      .query({ from, to, campaignId: pointsCampaign })
      .set(as('finance'));
    expect(activity.status).toBe(200);
    expect(activity.body.totals).toMatchObject({ spentAtCheckout: 3_000, expense: 3_000 });
    const expense = await api.http().get('/v1/finance/expense').query({ from, to }).set(as('finance'));
    expect(
      (expense.body.campaigns as { campaignId: string }[]).find((c) => c.campaignId === pointsCampaign),
    ).toMatchObject({ points: 3_000, expense: 3_000 });

    // A refund of 40 % of the order gives back 40 % of the points (and of the credit).
    const refunded = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({ type: 'order_refunded', eventId: id('ev'), customerId, orderId, amount: 4_000 });
    expect(refunded.status).toBe(202);
    expect(refunded.body.creditRestored).toBe(400);
    expect(await pointsOf(customerId)).toBe(3_200);
    const after = await api
      .http()
      .get('/v1/finance/points')
      .query({ from, to, campaignId: pointsCampaign })
      .set(as('finance'));
    expect(after.body.totals).toMatchObject({ spentAtCheckout: 1_800, expense: 1_800 });
  });

  it('GET /v1/campaigns/:id/points-budget and /v1/finance/points-liability', async () => {
    const customerId = id('cust');
    await earn(customerId, 700);
    const budget = await api.http().get(`/v1/campaigns/${pointsCampaign}/points-budget`).set(as('growth'));
    expect(budget.status).toBe(200);
    expect(budget.body).toMatchObject({
      campaignId: pointsCampaign,
      journeyType: 'points',
      configured: 20_000,
    });
    expect(budget.body.budget).toBe(20_000);
    expect(budget.body.remaining).toBe(20_000 - (budget.body.earned as number));
    expect(budget.body.earned).toBeGreaterThanOrEqual(700);

    // A campaign without a points budget: unlimited.
    const unlimited = await api
      .http()
      .get(`/v1/campaigns/${creditCampaign}/points-budget`)
      .set(as('finance'));
    expect(unlimited.body).toMatchObject({ configured: null, budget: null, remaining: null, earned: 0 });
    expectProblem(
      await api
        .http()
        .get(`/v1/campaigns/${id('none')}/points-budget`)
        .set(as('growth')),
      404,
    );

    const liability = await api.http().get('/v1/finance/points-liability').set(as('finance'));
    expect(liability.status).toBe(200);
    const row = (liability.body.byCampaign as { campaignId: string; points: number; value: number }[]).find(
      (c) => c.campaignId === pointsCampaign,
    )!;
    expect(row.points).toBeGreaterThanOrEqual(700);
    expect(row.value).toBe(row.points); // 100 points = 1.00
    expect(liability.body).toMatchObject({ currency: 'CNY', rate: { points: 100, minor: 100 } });
    expect(liability.body.value).toBe(
      (liability.body.byCampaign as { value: number }[]).reduce((s, c) => s + c.value, 0),
    );
  });
});
