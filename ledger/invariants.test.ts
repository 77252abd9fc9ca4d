import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../test/support/database';
import { isLedgerError, type LedgerErrorCode } from './errors';
import { Ledger } from './ledger';
import { fromDb } from './money';
import { T0, at, ignoreDropTermination, invariantViolations } from '../test/support/ledger';

type Command =
  | {
      op: 'grant';
      customer: number;
      amount: number;
      kind: 'cash' | 'threshold' | 'rebate' | 'percent' | 'shipping' | 'gift';
      percentBp: number;
      categories: string[] | null;
      stacking: 'stackable' | 'exclusive';
      expiresInDays: number | null;
      minOrder: number;
    }
  | {
      op: 'redeem';
      customer: number;
      amount: number;
      categories: string[];
      withLines: boolean;
      shipping: number;
      /** Points to pay with (even: a multiple of the 2-points step of the terms below), or none. */
      points: number | null;
    }
  | { op: 'reverse'; pick: number; refunded: number | null }
  | { op: 'revoke'; pick: number }
  | { op: 'advance'; days: number }
  | { op: 'expire' }
  | { op: 'earn'; customer: number; points: number; cap: number | null }
  | { op: 'spendPoints'; customer: number; points: number }
  | { op: 'expirePoints' };

/** Every generated order line names this item: gift lots have something to pay for. */
const GIFT_SKU = 'sku-gift';
const category = fc.constantFrom('books', 'toys', 'food');
const customer = fc.integer({ min: 0, max: 2 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('grant' as const),
      customer,
      amount: fc.integer({ min: 1, max: 600 }),
      kind: fc.constantFrom(
        'cash' as const,
        'threshold' as const,
        'rebate' as const,
        'percent' as const,
        'shipping' as const,
        'gift' as const,
      ),
      percentBp: fc.integer({ min: 1, max: 10_000 }),
      categories: fc.option(fc.uniqueArray(category, { minLength: 1, maxLength: 2 }), { nil: null }),
      stacking: fc.constantFrom('stackable' as const, 'exclusive' as const),
      expiresInDays: fc.option(fc.integer({ min: 1, max: 15 }), { nil: null }),
      minOrder: fc.integer({ min: 0, max: 800 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('redeem' as const),
      customer,
      amount: fc.integer({ min: 1, max: 1_000 }),
      categories: fc.uniqueArray(category, { minLength: 1, maxLength: 3 }),
      withLines: fc.boolean(),
      shipping: fc.integer({ min: 0, max: 200 }),
      points: fc.option(
        fc.integer({ min: 5, max: 60 }).map((n) => n * 2),
        { nil: null, freq: 4 },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('reverse' as const),
      pick: fc.nat(),
      // null: the rest of the order; otherwise a partial refund (possibly more than is left).
      refunded: fc.option(fc.integer({ min: 1, max: 700 }), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('revoke' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 6 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'expire' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('earn' as const),
      customer,
      points: fc.integer({ min: 1, max: 200 }),
      cap: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('spendPoints' as const),
      customer,
      points: fc.integer({ min: 1, max: 100 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'expirePoints' as const }) },
);

/** Refusals a random sequence may legitimately run into; anything else (or a non-LedgerError) fails the property. */
const EXPECTED_REFUSALS: LedgerErrorCode[] = [
  'BUDGET_EXCEEDED',
  'INSUFFICIENT_BALANCE',
  'LOT_EXPIRED',
  'NOT_ELIGIBLE',
  'ALREADY_REVERSED',
  'ALREADY_REVOKED',
  'POINTS_BELOW_MINIMUM',
  'POINTS_ABOVE_MAXIMUM',
];

describe('ledger: invariants under random operation sequences (fast-check)', () => {
  let db: TestDatabase;
  let ledger: Ledger;
  let run = 0;
  /** How often the sequences paid with points and got points back: the property must exercise both. */
  let pointsPaid = 0;
  let pointsRestored = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    ignoreDropTermination(db.pool);
    ledger = new Ledger(db.pool, { budgetSlots: 3 });
    await ledger.fundProgram({ idempotencyKey: 'prop-fund', amount: 1_000_000_000, asOf: T0 });
    // 2 points = 1 minor unit (a step of 2), at least 10 points, at most half an order.
    await ledger.setPointsTerms({ points: 2, minor: 1, minPoints: 10, maxShareBp: 5_000 });
  });
  afterAll(() => db?.drop());

  it('keeps every posting balanced, no budget or lot negative, balances equal postings, value conserved', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 5, maxLength: 30 }),
        fc.integer({ min: 500, max: 5_000 }),
        fc.integer({ min: 100, max: 1_000 }),
        async (commands, budget, pointsCap) => {
          run += 1;
          const campaignId = `prop-${run}`;
          const customerId = (n: number) => `prop-${run}-c${n}`;
          await ledger.openCampaignBudget({
            idempotencyKey: `${campaignId}-open`,
            campaignId,
            amount: budget,
            asOf: T0,
          });
          let day = 0;
          let step = 0;
          const lots: string[] = [];
          const pointsCampaign = `${campaignId}-points`;
          const redemptions: {
            id: string;
            total: number;
            givenBack: number;
            points: number;
            pointsBack: number;
            value: number;
            valueBack: number;
          }[] = [];
          for (const c of commands) {
            step += 1;
            const key = `${campaignId}-${step}`;
            const asOf = at(day);
            try {
              switch (c.op) {
                case 'grant': {
                  const g = await ledger.grantCredit({
                    idempotencyKey: key,
                    campaignId,
                    customerId: customerId(c.customer),
                    amount: c.amount,
                    kind: c.kind,
                    scope:
                      c.categories && c.kind !== 'gift' && c.kind !== 'shipping'
                        ? { type: 'categories', categories: c.categories }
                        : { type: 'all' },
                    stacking: c.stacking,
                    ...(c.kind === 'threshold' ||
                    (c.kind !== 'cash' && c.kind !== 'rebate' && c.minOrder % 2 === 0)
                      ? { minOrderAmount: c.minOrder }
                      : {}),
                    ...(c.kind === 'percent' ? { percentBp: c.percentBp } : {}),
                    ...(c.kind === 'gift' ? { giftSku: GIFT_SKU } : {}),
                    expiresAt: c.expiresInDays === null ? null : at(day + c.expiresInDays),
                    asOf,
                    source: { reason: 'property' },
                  });
                  lots.push(g.lotId);
                  break;
                }
                case 'redeem': {
                  const half = Math.floor(c.amount / 2);
                  // A shipping part only where it fits beside the line.
                  const shipping = Math.min(c.shipping, c.amount - half);
                  const order = {
                    orderId: key,
                    amount: c.amount,
                    categories: c.categories,
                    ...(c.withLines && half > 0
                      ? { lines: [{ category: c.categories[0]!, amount: half, sku: GIFT_SKU }] }
                      : {}),
                    ...(shipping > 0 ? { shippingAmount: shipping } : {}),
                  };
                  const points = c.points === null ? {} : { points: c.points };
                  const quote = await ledger.quoteRedemption({
                    customerId: customerId(c.customer),
                    order,
                    asOf,
                    ...points,
                  });
                  const r = await ledger.redeem({
                    idempotencyKey: key,
                    customerId: customerId(c.customer),
                    order,
                    asOf,
                    ...points,
                  });
                  expect(r.total).toBe(quote.total);
                  expect(r.points).toEqual(quote.points);
                  expect(r.total).toBeLessThanOrEqual(c.amount);
                  // Points pay after credit, within half the order and what credit left.
                  const value = r.points?.value ?? 0;
                  expect(r.payable).toBe(c.amount - r.total - value);
                  expect(r.payable).toBeGreaterThanOrEqual(0);
                  expect(value * 2).toBeLessThanOrEqual(c.amount);
                  if (r.points) {
                    expect(r.points.value * 2).toBe(r.points.points);
                    pointsPaid += 1;
                  }
                  expect(r.applied.reduce((s, a) => s + a.amount, 0)).toBe(r.total);
                  for (const a of r.applied) {
                    if (a.kind === 'percent' || a.kind === 'shipping') expect(a.forfeited).toBeUndefined();
                  }
                  redemptions.push({
                    id: r.redemptionId,
                    total: r.total,
                    givenBack: 0,
                    points: r.points?.points ?? 0,
                    pointsBack: 0,
                    value,
                    valueBack: 0,
                  });
                  break;
                }
                case 'reverse':
                  if (redemptions.length > 0) {
                    const redemption = redemptions[c.pick % redemptions.length]!;
                    const back = await ledger.reverseRedemption({
                      idempotencyKey: key,
                      redemptionId: redemption.id,
                      ...(c.refunded === null ? {} : { refundedAmount: c.refunded }),
                      asOf,
                    });
                    // Partial refunds of one order never give back more than it redeemed; the last gives back all.
                    redemption.givenBack += back.givenBack;
                    expect(redemption.givenBack).toBeLessThanOrEqual(redemption.total);
                    if (back.complete) expect(redemption.givenBack).toBe(redemption.total);
                    // Points and their value come back the same way: never more, all of them at the end.
                    redemption.pointsBack += back.pointsRestored ?? 0;
                    if ((back.pointsRestored ?? 0) > 0) pointsRestored += 1;
                    redemption.valueBack += back.pointsValueRestored ?? 0;
                    expect(redemption.pointsBack).toBeLessThanOrEqual(redemption.points);
                    expect(redemption.valueBack).toBeLessThanOrEqual(redemption.value);
                    if (back.complete) {
                      expect(redemption.pointsBack).toBe(redemption.points);
                      expect(redemption.valueBack).toBe(redemption.value);
                    }
                  }
                  break;
                case 'revoke':
                  if (lots.length > 0) {
                    await ledger.revokeGrant({
                      idempotencyKey: key,
                      lotId: lots[c.pick % lots.length]!,
                      asOf,
                      reason: 'p',
                    });
                  }
                  break;
                case 'advance':
                  day += c.days;
                  break;
                case 'expire':
                  await ledger.expireDueLots({ asOf });
                  break;
                case 'earn':
                  await ledger.earnPoints({
                    transactionId: key,
                    customerId: customerId(c.customer),
                    points: c.points,
                    asOf,
                    expiresAt: at(day + 10),
                    reason: 'p',
                    ...(c.cap === null ? {} : { dailyCap: c.cap }),
                    campaignId: pointsCampaign,
                    pointsBudget: pointsCap,
                  });
                  break;
                case 'spendPoints':
                  await ledger.redeemPoints({
                    idempotencyKey: key,
                    customerId: customerId(c.customer),
                    points: c.points,
                    asOf,
                    reason: 'p',
                  });
                  break;
                case 'expirePoints':
                  await ledger.expirePoints({ asOf });
                  break;
              }
            } catch (err) {
              if (!isLedgerError(err, ...EXPECTED_REFUSALS)) throw err;
            }
          }

          expect(await invariantViolations(db.pool)).toEqual([]);

          // The points budget: never more earned than the cap, and what is left is the cap less the earns.
          const pb = await ledger.pointsBudget(pointsCampaign);
          if (pb.budget !== null) {
            expect(pb.earned).toBeLessThanOrEqual(pointsCap);
            expect(pb.remaining).toBe(pb.budget - pb.earned);
          } else {
            expect(pb.earned).toBe(0);
          }

          // The campaign's budget: remaining = budget − (granted − revoked) and never negative.
          const b = await ledger.campaignBudget(campaignId);
          expect(b.remaining).toBeGreaterThanOrEqual(0);
          expect(b.remaining).toBe(b.budget - b.spentNet);
          expect(b.spentNet).toBeGreaterThanOrEqual(0);

          // Conservation: what left the budget for good sits in lots, was redeemed, or became breakage.
          const flows = await db.pool.query<{ lots: string; redeemed: string; breakage: string }>(
            `SELECT coalesce(sum(p.amount) FILTER (WHERE a.kind = 'customer_lot'), 0) AS lots,
                  coalesce(sum(p.amount) FILTER (WHERE a.kind = 'redeemed'), 0) AS redeemed,
                  coalesce(sum(p.amount) FILTER (WHERE a.kind = 'breakage'), 0) AS breakage
             FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.campaign_id = $1`,
            [campaignId],
          );
          const f = flows.rows[0]!;
          expect(fromDb(f.lots) + fromDb(f.redeemed) + fromDb(f.breakage)).toBe(b.spentNet);

          // Each wallet's balance is the sum of its live lots' remaining values, and the statement adds up to its lots.
          for (const n of [0, 1, 2]) {
            const asOf = at(day);
            const wallet = await ledger.wallet(customerId(n), asOf);
            expect(wallet.balance).toBe(wallet.lots.reduce((s, l) => s + l.remaining, 0));
            expect(wallet.balance).toBe(Object.values(wallet.byKind).reduce((sum, v) => sum + v, 0));
            for (const lot of wallet.lots) {
              expect(lot.remaining).toBeGreaterThan(0);
              expect(lot.remaining).toBeLessThanOrEqual(lot.original);
              expect(lot.expiresAt === null || Date.parse(lot.expiresAt) > Date.parse(asOf)).toBe(true);
            }
            const live = await db.pool.query<{ s: string }>(
              `SELECT coalesce(sum(a.balance), 0) AS s FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
              WHERE l.customer_id = $1 AND l.revoked_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > $2)`,
              [customerId(n), asOf],
            );
            expect(wallet.balance).toBe(fromDb(live.rows[0]?.s));
            const points = await ledger.pointsBalance(customerId(n), asOf);
            expect(points.balance).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 120 },
    );
    console.log(`points payments ${pointsPaid}, refunds giving points back ${pointsRestored}`);
    expect(pointsPaid).toBeGreaterThan(5);
    expect(pointsRestored).toBeGreaterThan(1);
  });
});
