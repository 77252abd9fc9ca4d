import { z } from 'zod';
import type { LedgerContext } from './accounts';
import type { Db } from '../lib/transaction';
import { LedgerError } from './errors';
import { newId } from './ids';
import { recordTransaction, type Posting } from './journal';
import { exactAmount, fromDb, nonNegativeAmount, positiveAmount } from './money';
import { parseInput } from './validation';

/**
 * Points as payment at checkout (rules; the redemption in ledger/redeem.ts calls them in its transaction).
 *
 * - Terms are the program's (one row, ledger_points_terms): `points` points are worth `minor` minor units; an order
 *   spends at least `minPoints` and at most `maxShareBp` basis points of the order amount in points.
 * - Points pay last: after every discount and all credit (ledger/redemption-plan.ts), for part of what is still
 *   payable, never more than that.
 * - Integer-safe: the shopper names the points to spend, which must be worth a whole number of minor units (a
 *   multiple of `step` = points / gcd(points, minor)); the value is exact, nothing is rounded away.
 * - Refusals, nothing written: fewer points than the minimum (POINTS_BELOW_MINIMUM), worth more than the order's
 *   maximum or than what credit left payable (POINTS_ABOVE_MAXIMUM, details give maxPoints), more than the live
 *   balance (INSUFFICIENT_BALANCE), not a multiple of the step (INVALID_INPUT).
 * - Booking: the points move from the customer's live point lots (soonest-expiring first) to points:redeemed
 *   (`points_payment`, POINTS); their value moves from points:settlement to points:expense (`points_payment`, money):
 *   expense at their value when spent. Both legs of each lot carry the lot's campaign.
 * - Refunds (restorePointsPayment) give back in proportion like divisible credit: after refunds totalling r of an
 *   order amount A, a lot that paid p points (worth v) has had floor(p·r/A) points (and floor(v·r/A) of value) back,
 *   cumulative per lot, the completing refund gives back the remainders. Points for a lot that expired meanwhile go
 *   to points:expired instead of the lot.
 */

export interface PointsTerms {
  points: number;
  minor: number;
  minPoints: number;
  maxShareBp: number;
}

const termsSchema = z
  .object({
    points: positiveAmount,
    minor: positiveAmount,
    minPoints: nonNegativeAmount,
    maxShareBp: z.number().int().min(1).max(10_000),
  })
  .refine((t) => t.points <= 1_000_000_000 && t.minor <= 1_000_000_000, {
    message: 'points and minor are at most 1 000 000 000',
    path: ['points'],
  });

export async function pointsTerms(
  ctx: LedgerContext,
  client: Pick<Db, 'query'> = ctx.pool,
): Promise<PointsTerms> {
  const row = await client.query<{ points: string; minor: string; min_points: string; max_share_bp: number }>(
    'SELECT points, minor, min_points, max_share_bp FROM ledger_points_terms',
  );
  const r = row.rows[0];
  if (!r) throw new Error('ledger_points_terms has no row (migration 1000 inserts it)');
  return {
    points: fromDb(r.points),
    minor: fromDb(r.minor),
    minPoints: fromDb(r.min_points),
    maxShareBp: r.max_share_bp,
  };
}

/** Changes the program's terms; payments already made keep the rate they were made at (stored on the redemption). */
export async function setPointsTerms(ctx: LedgerContext, input: PointsTerms): Promise<PointsTerms> {
  const t = parseInput(termsSchema, input, 'setPointsTerms');
  await ctx.pool.query(
    `UPDATE ledger_points_terms SET points = $1, minor = $2, min_points = $3, max_share_bp = $4, updated_at = now()`,
    [t.points, t.minor, t.minPoints, t.maxShareBp],
  );
  return t;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** Points per whole-minor-unit step of the rate (100 points = 100 minor: 1; 100 points = 1 minor: 100). */
export function pointsStep(terms: PointsTerms): number {
  return Number(BigInt(terms.points) / gcd(BigInt(terms.points), BigInt(terms.minor)));
}

/** The money value of `points` at the terms' rate, rounded down (exact for multiples of the step). */
export function pointsValue(points: number, terms: Pick<PointsTerms, 'points' | 'minor'>): number {
  return exactAmount(
    (BigInt(points) * BigInt(terms.minor)) / BigInt(terms.points),
    `the value of ${points} points`,
  );
}

/** The most points (a multiple of the step) worth at most `value`. */
function pointsWorthAtMost(value: number, terms: PointsTerms): number {
  const step = BigInt(pointsStep(terms));
  const raw = (BigInt(value) * BigInt(terms.points)) / BigInt(terms.minor);
  return Number((raw / step) * step);
}

export interface PointsPayment {
  points: number;
  /** Their money value (minor units), taken off what is payable. */
  value: number;
  rate: { points: number; minor: number };
}

/**
 * Checks a request to spend `points` on an order of `orderAmount` of which `payable` is left after credit; returns
 * the payment or throws the refusal. `available` is the customer's live points balance.
 */
export function planPointsPayment(
  terms: PointsTerms,
  order: { orderId: string; amount: number },
  payable: number,
  points: number,
  available: number,
): PointsPayment {
  const step = pointsStep(terms);
  if (points % step !== 0) {
    throw new LedgerError('INVALID_INPUT', `points must be a multiple of ${step} (a whole minor unit)`, {
      points,
      step,
    });
  }
  if (points < terms.minPoints) {
    throw new LedgerError('POINTS_BELOW_MINIMUM', `an order spends at least ${terms.minPoints} points`, {
      points,
      minPoints: terms.minPoints,
    });
  }
  const value = pointsValue(points, terms);
  const orderMax = Number((BigInt(order.amount) * BigInt(terms.maxShareBp)) / 10_000n);
  const maxValue = Math.min(orderMax, payable);
  if (value > maxValue) {
    throw new LedgerError(
      'POINTS_ABOVE_MAXIMUM',
      `points worth ${value} exceed what this order may pay in points (${maxValue})`,
      {
        orderId: order.orderId,
        points,
        value,
        maxValue,
        maxPoints: pointsWorthAtMost(maxValue, terms),
        maxShareBp: terms.maxShareBp,
      },
    );
  }
  if (points > available) {
    throw new LedgerError('INSUFFICIENT_BALANCE', `only ${available} points available`, {
      available,
      requested: points,
    });
  }
  return { points, value, rate: { points: terms.points, minor: terms.minor } };
}

export interface PayingPointLot {
  lotId: string;
  accountId: string;
  customerId: string;
  campaignId: string | null;
  remaining: number;
  expiresAt: Date | null;
}

/** The customer's live point lots, soonest-expiring first; `lock` takes their accounts in id order. */
export async function livePointLotsOf(
  client: Db,
  customerId: string,
  asOf: Date,
  lock: boolean,
): Promise<PayingPointLot[]> {
  const rows = await client.query<{
    id: string;
    account_id: string;
    customer_id: string;
    campaign_id: string | null;
    balance: string;
    expires_at: Date | null;
  }>(
    `SELECT l.id, l.account_id, l.customer_id, l.campaign_id, a.balance, l.expires_at
       FROM ledger_point_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE l.customer_id = $1 AND a.balance > 0 ORDER BY a.id ${lock ? 'FOR UPDATE OF a' : ''}`,
    [customerId],
  );
  return rows.rows
    .map((r) => ({
      lotId: r.id,
      accountId: r.account_id,
      customerId: r.customer_id,
      campaignId: r.campaign_id,
      remaining: fromDb(r.balance),
      expiresAt: r.expires_at,
    }))
    .filter((l) => l.expiresAt === null || l.expiresAt.getTime() > asOf.getTime())
    .sort(
      (a, b) =>
        (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) ||
        a.lotId.localeCompare(b.lotId),
    );
}

/** Cumulative rounding: shares of `total` proportional to `weights` that add up to exactly `total`. */
export function proportionalShares(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  let before = 0;
  let cumulative = 0;
  return weights.map((w) => {
    cumulative += w;
    const upTo = Number((BigInt(total) * BigInt(cumulative)) / BigInt(sum));
    const share = upTo - before;
    before = upTo;
    return share;
  });
}

export interface PointsSpent {
  pointsTransactionId: string;
  valueTransactionId: string;
}

/** Posts a checked payment: lots → points:redeemed (POINTS), points:settlement → points:expense (money). */
export async function spendPoints(
  ctx: LedgerContext,
  client: Db,
  input: { key: string; customerId: string; orderId: string; asOf: Date; payment: PointsPayment },
  lots: PayingPointLot[],
): Promise<PointsSpent> {
  const { payment } = input;
  const taken: { lot: PayingPointLot; points: number }[] = [];
  let left = payment.points;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    taken.push({ lot, points: take });
    left -= take;
  }
  if (left > 0) throw new Error(`points lots cover ${payment.points - left} of ${payment.points}`);
  const values = proportionalShares(
    payment.value,
    taken.map((t) => t.points),
  );
  const pointsPostings: Posting[] = taken.flatMap(({ lot, points }) => [
    {
      accountId: lot.accountId,
      amount: -points,
      lotId: lot.lotId,
      campaignId: lot.campaignId,
      customerId: lot.customerId,
    },
    { accountId: ctx.accounts.pointsRedeemed, amount: points, lotId: lot.lotId, campaignId: lot.campaignId },
  ]);
  const valuePostings: Posting[] = taken.flatMap(({ lot }, i) =>
    values[i]! > 0
      ? [
          {
            accountId: ctx.accounts.pointsSettlement,
            amount: -values[i]!,
            lotId: lot.lotId,
            campaignId: lot.campaignId,
          },
          {
            accountId: ctx.accounts.pointsExpense,
            amount: values[i]!,
            lotId: lot.lotId,
            campaignId: lot.campaignId,
          },
        ]
      : [],
  );
  const pointsTransactionId = newId();
  const valueTransactionId = newId();
  const memo = `order ${input.orderId}: ${payment.points} points worth ${payment.value}`;
  await recordTransaction(client, {
    id: pointsTransactionId,
    type: 'points_payment',
    idempotencyKey: `${input.key}:points`,
    occurredAt: input.asOf,
    memo,
    postings: pointsPostings,
  });
  await recordTransaction(client, {
    id: valueTransactionId,
    type: 'points_payment',
    idempotencyKey: `${input.key}:points-value`,
    occurredAt: input.asOf,
    memo,
    postings: valuePostings,
  });
  return { pointsTransactionId, valueTransactionId };
}

export interface PointsRestored {
  points: number;
  value: number;
  pointsTransactionId: string | null;
  valueTransactionId: string | null;
}

/**
 * Gives back the points part of a refund of `before` → `after` of an order of `orderAmount` (complete: the rest).
 * Locks the paying lots' accounts in id order (after the credit lots: the refund's lock order).
 */
export async function restorePointsPayment(
  ctx: LedgerContext,
  client: Db,
  input: {
    key: string;
    orderId: string;
    asOf: Date;
    pointsTransactionId: string;
    valueTransactionId: string;
    orderAmount: number;
    before: number;
    after: number;
    complete: boolean;
  },
): Promise<PointsRestored> {
  const paid = await client.query<{
    lot_id: string;
    account_id: string;
    customer_id: string;
    campaign_id: string | null;
    expires_at: Date | null;
    points: string;
  }>(
    `SELECT l.id AS lot_id, l.account_id, l.customer_id, l.campaign_id, l.expires_at, -sum(p.amount) AS points
       FROM ledger_postings p
       JOIN ledger_point_lots l ON l.account_id = p.account_id
       JOIN ledger_accounts a ON a.id = l.account_id
      WHERE p.transaction_id = $1
      GROUP BY l.id, l.account_id, l.customer_id, l.campaign_id, l.expires_at, a.id
      ORDER BY a.id`,
    [input.pointsTransactionId],
  );
  if (paid.rows.length > 0) {
    await client.query('SELECT id FROM ledger_accounts WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [
      paid.rows.map((r) => r.account_id),
    ]);
  }
  const valueRows = await client.query<{ lot_id: string; value: string }>(
    `SELECT lot_id, sum(amount) AS value FROM ledger_postings
      WHERE transaction_id = $1 AND account_id = $2 GROUP BY lot_id`,
    [input.valueTransactionId, ctx.accounts.pointsExpense],
  );
  const valueOf = new Map(valueRows.rows.map((r) => [r.lot_id, fromDb(r.value)]));
  const due = (paidAmount: number): number => {
    const given = Number((BigInt(paidAmount) * BigInt(input.before)) / BigInt(input.orderAmount));
    if (input.complete) return paidAmount - given;
    return Number((BigInt(paidAmount) * BigInt(input.after)) / BigInt(input.orderAmount)) - given;
  };
  const pointsPostings: Posting[] = [];
  const valuePostings: Posting[] = [];
  let points = 0;
  let value = 0;
  for (const r of paid.rows) {
    const tags = { lotId: r.lot_id, campaignId: r.campaign_id };
    const back = due(fromDb(r.points));
    if (back > 0) {
      points += back;
      const expired = r.expires_at !== null && r.expires_at.getTime() <= input.asOf.getTime();
      pointsPostings.push(
        { accountId: ctx.accounts.pointsRedeemed, amount: -back, ...tags },
        expired
          ? { accountId: ctx.accounts.pointsExpired, amount: back, ...tags }
          : { accountId: r.account_id, amount: back, ...tags, customerId: r.customer_id },
      );
    }
    const backValue = due(valueOf.get(r.lot_id) ?? 0);
    if (backValue > 0) {
      value += backValue;
      valuePostings.push(
        { accountId: ctx.accounts.pointsExpense, amount: -backValue, ...tags },
        { accountId: ctx.accounts.pointsSettlement, amount: backValue, ...tags },
      );
    }
  }
  const memo = `refund of order ${input.orderId}: ${points} points worth ${value} back`;
  const pointsTransactionId = pointsPostings.length > 0 ? newId() : null;
  const valueTransactionId = valuePostings.length > 0 ? newId() : null;
  if (pointsTransactionId !== null) {
    await recordTransaction(client, {
      id: pointsTransactionId,
      type: 'points_refund',
      idempotencyKey: `${input.key}:points`,
      occurredAt: input.asOf,
      memo,
      postings: pointsPostings,
    });
  }
  if (valueTransactionId !== null) {
    await recordTransaction(client, {
      id: valueTransactionId,
      type: 'points_refund',
      idempotencyKey: `${input.key}:points-value`,
      occurredAt: input.asOf,
      memo,
      postings: valuePostings,
    });
  }
  return { points, value, pointsTransactionId, valueTransactionId };
}
