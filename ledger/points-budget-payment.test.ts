import {
  T0,
  at,
  countRows,
  expectRefusal,
  fundedCampaign,
  grantRequest,
  uniqueKey,
  useLedgerDatabase,
  writeCounts,
} from '../test/support/ledger';

/** Points budgets, the money value of points, points as payment at checkout and its refunds (one real database). */
describe('ledger: points budgets and points as payment', () => {
  const t = useLedgerDatabase({ poolSize: 12, checkInvariants: true });
  const campaignId = 'pe-credit';

  beforeAll(async () => {
    await fundedCampaign(t.ledger, campaignId, 1_000_000);
  });

  const earn = (customerId: string, points: number, extra: Record<string, unknown> = {}) =>
    t.ledger.earnPoints({
      transactionId: uniqueKey('earn'),
      customerId,
      points,
      asOf: T0,
      expiresAt: at(365),
      reason: 'order',
      ...extra,
    });

  /** Point-related tables too: a refused payment writes none of them. */
  const allWrites = async (): Promise<Record<string, number>> => ({
    ...(await writeCounts(t.db.pool)),
    points: await countRows(t.db.pool, 'ledger_point_lots'),
    refunds: await countRows(t.db.pool, 'ledger_redemption_refunds'),
  });

  describe('points budget per campaign', () => {
    it('concurrent earns hitting the cap earn exactly the cap: the part that fits, then nothing, recorded', async () => {
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          earn(`pb-c${i}`, 100, { campaignId: 'pb-1', pointsBudget: 1_050 }),
        ),
      );
      const earned = results.reduce((s, r) => s + r.earned, 0);
      expect(earned).toBe(1_050);
      expect(results.filter((r) => r.earned === 100)).toHaveLength(10);
      const partial = results.filter((r) => r.earned > 0 && r.earned < 100);
      expect(partial).toEqual([expect.objectContaining({ earned: 50, budgetCappedBy: 50, cappedBy: 0 })]);
      const nothing = results.filter((r) => r.earned === 0);
      expect(nothing).toHaveLength(13);
      for (const r of nothing) expect(r).toMatchObject({ budgetCappedBy: 100, lotId: null });
      expect(await t.ledger.pointsBudget('pb-1')).toEqual({
        campaignId: 'pb-1',
        budget: 1_050,
        earned: 1_050,
        remaining: 0,
      });
      // A replay of a refused earn answers the recorded result: the budget is not asked again.
      const replay = await t.ledger.earnPoints({
        transactionId: 'pb-replay',
        customerId: 'pb-r',
        points: 10,
        asOf: T0,
        reason: 'order',
        campaignId: 'pb-1',
        pointsBudget: 1_050,
      });
      expect(replay).toMatchObject({ earned: 0, budgetCappedBy: 10 });
    });

    it('the first earn opens the budget with its cap; the daily cap and the budget each say what they withheld', async () => {
      const first = await earn('pb-d', 300, { campaignId: 'pb-2', pointsBudget: 500, dailyCap: 250 });
      expect(first).toMatchObject({ earned: 250, cappedBy: 50 });
      expect(first.budgetCappedBy).toBeUndefined();
      // A later earn naming another cap draws from the budget the campaign has.
      const second = await earn('pb-e', 400, { campaignId: 'pb-2', pointsBudget: 10_000 });
      expect(second).toMatchObject({ earned: 250, cappedBy: 0, budgetCappedBy: 150 });
      expect(await t.ledger.pointsBudget('pb-2')).toMatchObject({ budget: 500, earned: 500, remaining: 0 });
    });

    it('a campaign without a points budget earns without limit, as before budgets', async () => {
      const r = await earn('pb-f', 1_000_000, { campaignId: 'pb-3' });
      expect(r).toMatchObject({ earned: 1_000_000, cappedBy: 0 });
      expect(await t.ledger.pointsBudget('pb-3')).toEqual({
        campaignId: 'pb-3',
        budget: null,
        earned: 1_000_000,
        remaining: null,
      });
    });
  });

  describe('points as payment at checkout', () => {
    const order = (orderId: string, amount = 10_000) => ({ orderId, amount, categories: ['books'] });

    it('pays after credit at the program rate, booked as points spent and expense at their value', async () => {
      const customerId = 'pp-1';
      await t.ledger.grantCredit(grantRequest({ campaignId, customerId, amount: 1_000 }));
      await earn(customerId, 1_000, { campaignId: 'pp-camp-a', expiresAt: at(30) });
      await earn(customerId, 4_000, { campaignId: 'pp-camp-b', expiresAt: at(300) });

      const quote = await t.ledger.quoteRedemption({
        customerId,
        order: order('pp-o1'),
        asOf: at(1),
        points: 3_000,
      });
      expect(quote).toMatchObject({
        total: 1_000,
        payable: 6_000,
        points: { points: 3_000, value: 3_000, rate: { points: 100, minor: 100 } },
      });
      const input = {
        idempotencyKey: 'pp-o1',
        customerId,
        order: order('pp-o1'),
        asOf: at(1),
        points: 3_000,
      };
      const paid = await t.ledger.redeem(input);
      expect(paid).toMatchObject({ total: 1_000, payable: 6_000, points: { points: 3_000, value: 3_000 } });
      // Idempotent: the replay answers the first result and spends nothing twice.
      expect(await t.ledger.redeem({ ...input, asOf: at(1.5) })).toEqual(paid);
      const balance = await t.ledger.pointsBalance(customerId, at(1));
      expect(balance.balance).toBe(2_000);
      // Soonest-expiring first: the 1 000 of campaign a went before 2 000 of campaign b.
      expect(balance.lots.map((l) => l.remaining)).toEqual([2_000]);

      const activity = await t.ledger.pointsActivity({ from: T0, to: at(2) });
      const byCampaign = Object.fromEntries(activity.campaigns.map((c) => [c.campaignId, c]));
      expect(byCampaign['pp-camp-a']).toMatchObject({
        earned: 1_000,
        spentAtCheckout: 1_000,
        expense: 1_000,
      });
      expect(byCampaign['pp-camp-b']).toMatchObject({
        earned: 4_000,
        spentAtCheckout: 2_000,
        expense: 2_000,
      });
      const expense = await t.ledger.marketingExpense({ from: T0, to: at(2) });
      expect(expense.campaigns.find((c) => c.campaignId === 'pp-camp-b')).toMatchObject({
        redeemed: 0,
        points: 2_000,
        expense: 2_000,
      });

      const liability = await t.ledger.pointsLiability(at(1));
      expect(liability.byCampaign.find((c) => c.campaignId === 'pp-camp-b')).toEqual({
        campaignId: 'pp-camp-b',
        points: 2_000,
        value: 2_000,
      });
      expect(liability.value).toBe(liability.byCampaign.reduce((s, c) => s + c.value, 0));
    });

    it('refuses under the minimum, over the maximum, beyond the balance or off the step, writing nothing', async () => {
      const customerId = 'pp-2';
      await t.ledger.grantCredit(grantRequest({ campaignId, customerId, amount: 8_000 }));
      await earn(customerId, 600, { campaignId: 'pp-camp-a' });
      const before = await allWrites();
      const pay = (points: number, amount = 10_000) =>
        t.ledger.redeem({
          idempotencyKey: uniqueKey('pay'),
          customerId,
          order: order(uniqueKey('o'), amount),
          asOf: at(1),
          points,
        });
      const under = await expectRefusal(pay(50), 'POINTS_BELOW_MINIMUM');
      expect(under.details).toMatchObject({ minPoints: 100 });
      // Credit leaves 2 000 payable of 10 000: points may pay 2 000 at most (less than 50 % of the order).
      const overPayable = await expectRefusal(pay(2_100), 'POINTS_ABOVE_MAXIMUM');
      expect(overPayable.details).toMatchObject({ maxValue: 2_000, maxPoints: 2_000 });
      // 50 % of a 20 000 order is 10 000, credit leaves 12 000: the share bites.
      const overShare = await expectRefusal(pay(10_100, 20_000), 'POINTS_ABOVE_MAXIMUM');
      expect(overShare.details).toMatchObject({ maxValue: 10_000, maxShareBp: 5_000 });
      const short = await expectRefusal(pay(700), 'INSUFFICIENT_BALANCE');
      expect(short.details).toMatchObject({ available: 600, requested: 700 });
      // Nor does a quote pretend: the same refusals.
      await expectRefusal(
        t.ledger.quoteRedemption({ customerId, order: order('pp-q'), asOf: at(1), points: 50 }),
        'POINTS_BELOW_MINIMUM',
      );

      await t.ledger.setPointsTerms({ points: 100, minor: 1, minPoints: 100, maxShareBp: 5_000 });
      try {
        const offStep = await expectRefusal(pay(150), 'INVALID_INPUT');
        expect(offStep.details).toMatchObject({ step: 100 });
        // 100 points = 1 minor unit: 600 points are worth 6.
        expect(await pay(600)).toMatchObject({
          points: { points: 600, value: 6, rate: { points: 100, minor: 1 } },
        });
      } finally {
        await t.ledger.setPointsTerms({ points: 100, minor: 100, minPoints: 100, maxShareBp: 5_000 });
      }
      const after = await allWrites();
      // Only the one accepted payment wrote: one redemption, its credit and two points transactions.
      expect(after['ledger_redemptions']! - before['ledger_redemptions']!).toBe(1);
      expect(after['ledger_transactions']! - before['ledger_transactions']!).toBe(3);
    });

    it('a refund gives points back in proportion, the completing one the remainders; value leaves expense', async () => {
      const customerId = 'pp-3';
      await earn(customerId, 1_000, { campaignId: 'pp-camp-c', expiresAt: at(30) });
      await earn(customerId, 2_500, { campaignId: 'pp-camp-c', expiresAt: at(300) });
      const paid = await t.ledger.redeem({
        idempotencyKey: 'pp-o3',
        customerId,
        order: order('pp-o3'),
        asOf: at(1),
        points: 3_000,
      });
      // Points alone paid: no credit applied.
      expect(paid).toMatchObject({ total: 0, payable: 7_000, points: { points: 3_000, value: 3_000 } });
      expect((await t.ledger.pointsBalance(customerId, at(1))).balance).toBe(500);

      const part = await t.ledger.reverseRedemption({
        idempotencyKey: 'pp-o3-r1',
        orderId: 'pp-o3',
        refundedAmount: 3_333,
        asOf: at(2),
      });
      // floor(1000 · 3333 / 10000) + floor(2000 · 3333 / 10000) = 333 + 666.
      expect(part).toMatchObject({
        complete: false,
        givenBack: 0,
        pointsRestored: 999,
        pointsValueRestored: 999,
      });
      expect((await t.ledger.pointsBalance(customerId, at(2))).balance).toBe(1_499);
      const replay = await t.ledger.reverseRedemption({
        idempotencyKey: 'pp-o3-r1',
        orderId: 'pp-o3',
        refundedAmount: 3_333,
        asOf: at(3),
      });
      expect(replay).toEqual(part);

      // The lot of 1 000 expired on day 30: its share goes to points:expired, the rest back into its lot.
      const rest = await t.ledger.reverseRedemption({
        idempotencyKey: 'pp-o3-r2',
        orderId: 'pp-o3',
        asOf: at(40),
      });
      expect(rest).toMatchObject({ complete: true, pointsRestored: 2_001, pointsValueRestored: 2_001 });
      const live = await t.ledger.pointsBalance(customerId, at(40));
      expect(live.balance).toBe(2_500);
      const activity = await t.ledger.pointsActivity({ from: T0, to: at(50), campaignId: 'pp-camp-c' });
      expect(activity.totals).toMatchObject({ spentAtCheckout: 0, expense: 0, expired: 667 });
      await expectRefusal(
        t.ledger.reverseRedemption({ idempotencyKey: 'pp-o3-r3', orderId: 'pp-o3', asOf: at(41) }),
        'ALREADY_REVERSED',
      );
    });

    it('credit and points on one order: a partial refund gives both back in proportion', async () => {
      const customerId = 'pp-4';
      await t.ledger.grantCredit(grantRequest({ campaignId, customerId, amount: 2_000, expiresAt: at(90) }));
      await earn(customerId, 5_000, { campaignId: 'pp-camp-d' });
      await t.ledger.redeem({
        idempotencyKey: 'pp-o4',
        customerId,
        order: order('pp-o4', 8_000),
        asOf: at(1),
        points: 4_000,
      });
      const half = await t.ledger.reverseRedemption({
        idempotencyKey: 'pp-o4-r1',
        orderId: 'pp-o4',
        refundedAmount: 4_000,
        asOf: at(2),
      });
      expect(half).toMatchObject({ givenBack: 1_000, pointsRestored: 2_000, pointsValueRestored: 2_000 });
      expect((await t.ledger.wallet(customerId, at(2))).balance).toBe(1_000);
      expect((await t.ledger.pointsBalance(customerId, at(2))).balance).toBe(3_000);
    });
  });
});
