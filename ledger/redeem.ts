import { newId } from './ids';
import { linesWithinAmount } from '../contracts/order-lines';
import { z } from 'zod';
import type { LedgerContext } from './accounts';
import { slotForReturn } from './budgets';
import { assertCurrency } from './currency';
import { pgConstraint, pgErrorCode, type Db } from '../lib/transaction';
import { LedgerError } from './errors';
import { idempotentWrite, requestHash } from './idempotency';
import { pickedLots, readWallet, redeemInOneStatement } from './redeem-one-statement';
import { recordTransaction, type Posting } from './journal';
import { customerLotsWithValue, isExpired, isUsable, type Lot } from './lots';
import { nonNegativeAmount, positiveAmount } from './money';
import {
  eligibleBase,
  thresholdBase,
  planRedemption,
  type AppliedLot,
  type Order,
  type RedemptionPlan,
} from './redemption-plan';
import { instant, type Instant } from './time';
import { identifier, idempotencyKey, parseInput } from './validation';
import {
  livePointLotsOf,
  planPointsPayment,
  pointsTerms,
  spendPoints,
  type PointsPayment,
} from './points-payment';

const orderSchema = z
  .object({
    orderId: identifier,
    amount: positiveAmount,
    categories: z.array(identifier),
    lines: z
      .array(
        z.object({
          category: identifier,
          amount: positiveAmount,
          sku: identifier.optional(),
          quantity: z.number().int().min(1).max(1_000_000).optional(),
        }),
      )
      .optional(),
    shippingAmount: nonNegativeAmount.optional(),
  })
  .refine(linesWithinAmount, {
    message: 'order lines and shipping add up to more than the order amount',
    path: ['lines'],
  });

const quoteFields = {
  customerId: identifier,
  order: orderSchema,
  asOf: instant,
  maxAmount: positiveAmount.optional(),
  /** The lots the customer picked at checkout; every one must be usable. Default: the whole wallet. */
  // Each lot once: a repeated id would plan two debits of one lot.
  lotIds: z
    .array(z.uuid())
    .min(1)
    .refine((ids) => new Set(ids).size === ids.length, 'each lot id at most once')
    .optional(),
  /** Points to spend on what credit leaves payable (ledger/points-payment.ts). */
  points: positiveAmount.optional(),
};
const quoteSchema = z.object(quoteFields);
const redeemSchema = z.object({ idempotencyKey, currency: z.string().optional(), ...quoteFields });

export interface QuoteRedemptionInput {
  customerId: string;
  order: Order;
  asOf: Instant;
  /** At most this much credit on the order. */
  maxAmount?: number;
  lotIds?: string[];
  /** Points to pay part of what the credit leaves payable, at the program's rate (ledger/points-payment.ts). */
  points?: number;
}

/** A redemption plan, with the points part when points pay (payable is then net of their value). */
export interface RedemptionQuote extends RedemptionPlan {
  points?: PointsPayment;
}

export interface RedeemInput extends QuoteRedemptionInput {
  idempotencyKey: string;
  currency?: string;
}

export interface RedeemResult extends RedemptionQuote {
  redemptionId: string;
  transactionId: string;
  orderId: string;
  customerId: string;
}

type QuoteRequest = z.output<typeof quoteSchema>;

/** The lots a quote may use: the whole wallet, or the picked lots — each of which must exist, hold value and be live. */
async function candidateLots(client: Db, req: QuoteRequest, lock: boolean): Promise<Lot[]> {
  const lots = await customerLotsWithValue(client, req.customerId, lock);
  if (!req.lotIds) return lots;
  const byId = new Map(lots.map((l) => [l.lotId, l]));
  for (const lotId of req.lotIds) {
    const lot = byId.get(lotId);
    if (!lot) {
      const owned = await client.query('SELECT 1 FROM ledger_lots WHERE id = $1 AND customer_id = $2', [
        lotId,
        req.customerId,
      ]);
      if (owned.rowCount === 0)
        throw new LedgerError('NOT_FOUND', `lot ${lotId} not found in this wallet`, { lotId });
      throw new LedgerError('INSUFFICIENT_BALANCE', `lot ${lotId} has no value left`, { lotId });
    }
    if (isExpired(lot, req.asOf)) {
      throw new LedgerError('LOT_EXPIRED', `lot ${lotId} expired`, { lotId, expiresAt: lot.expiresAt });
    }
  }
  return req.lotIds.map((id) => byId.get(id)!);
}

/** Why nothing applied: no value at all, only expired value, or value that does not fit this order. */
function nothingApplies(lots: Lot[], req: QuoteRequest): LedgerError {
  const usable = lots.filter((l) => isUsable(l, req.asOf));
  if (usable.length === 0) {
    if (lots.some((l) => isExpired(l, req.asOf))) {
      return new LedgerError('LOT_EXPIRED', 'the only credit left has expired', {
        customerId: req.customerId,
        expiredLots: lots.filter((l) => isExpired(l, req.asOf)).map((l) => l.lotId),
      });
    }
    return new LedgerError('INSUFFICIENT_BALANCE', 'no credit to redeem', { customerId: req.customerId });
  }
  return new LedgerError('NOT_ELIGIBLE', 'no credit applies to this order', {
    customerId: req.customerId,
    orderId: req.order.orderId,
    lots: usable.map((l) => ({
      lotId: l.lotId,
      reason:
        eligibleBase(req.order, l) === 0
          ? 'OUT_OF_SCOPE'
          : thresholdBase(req.order, l) < (l.minOrderAmount ?? 0)
            ? 'THRESHOLD_NOT_REACHED'
            : 'DOES_NOT_FIT',
    })),
  });
}

/** What a redemption would apply right now; writes nothing. Never refuses for ineligibility: it quotes zero. */
export async function quoteRedemption(
  ctx: LedgerContext,
  input: QuoteRedemptionInput,
): Promise<RedemptionQuote> {
  const req = parseInput(quoteSchema, input, 'quoteRedemption');
  const client = await ctx.pool.connect();
  try {
    const lots = await candidateLots(client, req, false);
    const plan = planRedemption(lots, req.order, req.asOf, req.maxAmount);
    if (req.points === undefined) return plan;
    const pointLots = await livePointLotsOf(client, req.customerId, req.asOf, false);
    const points = planPointsPayment(
      await pointsTerms(ctx, client),
      req.order,
      plan.payable,
      req.points,
      pointLots.reduce((s, l) => s + l.remaining, 0),
    );
    return { ...plan, payable: plan.payable - points.value, points };
  } finally {
    client.release();
  }
}

/**
 * Commits a redemption: the customer's lots are locked (account-id order), the quote is recomputed under the lock and
 * posted — lot → redeemed, plus forfeited coupon value → breakage. Refuses with INSUFFICIENT_BALANCE, LOT_EXPIRED or
 * NOT_ELIGIBLE when nothing applies, ALREADY_REDEEMED when the order already has a redemption.
 */
export async function redeem(ctx: LedgerContext, input: RedeemInput): Promise<RedeemResult> {
  const req = parseInput(redeemSchema, input, 'redeem');
  assertCurrency(ctx, req.currency);
  // asOf is left out of what a replay must match: a checkout retrying its commit a moment later (a new asOf, same
  // order) is the same request and must get the original redemption back, not a conflict.
  const { idempotencyKey: key, asOf: _asOf, ...request } = req;
  if (req.points === undefined) {
    const fast = await redeemOptimistically(ctx, req, key, requestHash('redeem', request));
    if (fast) return fast;
  }
  return idempotentWrite(ctx.pool, { key, operation: 'redeem', request }, async (client) => {
    const redeemed = await client.query('SELECT 1 FROM ledger_redemptions WHERE order_id = $1', [
      req.order.orderId,
    ]);
    if (redeemed.rowCount !== 0) throw alreadyRedeemed(req.order.orderId);
    const lots = await candidateLots(client, req, true);
    const plan = planRedemption(lots, req.order, req.asOf, req.maxAmount);
    // Points alone may pay (no credit applies): only a redemption that pays nothing at all is refused.
    if (plan.total === 0 && req.points === undefined) throw nothingApplies(lots, req);
    const lotsById = new Map(lots.map((l) => [l.lotId, l]));
    const redemptionId = newId();
    const transactionId = plan.total > 0 ? newId() : null;
    if (transactionId !== null) {
      await recordTransaction(client, {
        id: transactionId,
        type: 'redeem',
        idempotencyKey: key,
        occurredAt: req.asOf,
        memo: `order ${req.order.orderId}`,
        postings: await redemptionPostings(ctx, client, plan.applied, lotsById),
      });
    }
    // Points pay last, for part of what credit left payable; their lots are locked after the credit lots and
    // the budget slots a coupon's released cap went to (the lock order of refunds too).
    let points: PointsPayment | undefined;
    let spent: { pointsTransactionId: string; valueTransactionId: string } | undefined;
    if (req.points !== undefined) {
      const pointLots = await livePointLotsOf(client, req.customerId, req.asOf, true);
      points = planPointsPayment(
        await pointsTerms(ctx, client),
        req.order,
        plan.payable,
        req.points,
        pointLots.reduce((s, l) => s + l.remaining, 0),
      );
      spent = await spendPoints(
        ctx,
        client,
        { key, customerId: req.customerId, orderId: req.order.orderId, asOf: req.asOf, payment: points },
        pointLots,
      );
    }
    try {
      await client.query(
        `INSERT INTO ledger_redemptions (id, customer_id, order_id, order_amount, total, transaction_id, occurred_at,
                                         points_spent, points_value, points_rate_points, points_rate_minor,
                                         points_transaction_id, points_value_transaction_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          redemptionId,
          req.customerId,
          req.order.orderId,
          req.order.amount,
          plan.total,
          transactionId,
          req.asOf,
          points?.points ?? 0,
          points?.value ?? 0,
          points?.rate.points ?? null,
          points?.rate.minor ?? null,
          spent?.pointsTransactionId ?? null,
          spent?.valueTransactionId ?? null,
        ],
      );
    } catch (err) {
      if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'ledger_redemptions_order_id_key') {
        throw alreadyRedeemed(req.order.orderId);
      }
      throw err;
    }
    return {
      redemptionId,
      // The credit transaction, or (points only) the points transaction.
      transactionId: transactionId ?? spent!.pointsTransactionId,
      orderId: req.order.orderId,
      customerId: req.customerId,
      ...plan,
      ...(points ? { payable: plan.payable - points.value, points } : {}),
    };
  });
}

/**
 * The common checkout (credit only, nothing released back to a budget) without the general path's transaction: an
 * unlocked read of the wallet, the plan, then one statement that writes it only if the wallet is unchanged
 * (ledger/redeem-one-statement.ts). Undefined when the general path must decide: a refusal, a replayed or
 * conflicting key, an order already redeemed, a wallet that changed meanwhile, a coupon cap to release.
 */
async function redeemOptimistically(
  ctx: LedgerContext,
  req: z.output<typeof redeemSchema>,
  key: string,
  hash: string,
): Promise<RedeemResult | undefined> {
  const wallet = await readWallet(ctx, req.customerId);
  const lots = pickedLots(wallet, req.lotIds, req.asOf);
  if (!lots) return undefined;
  const plan = planRedemption(lots, req.order, req.asOf, req.maxAmount);
  if (plan.total === 0 || plan.applied.some((a) => (a.released ?? 0) > 0)) return undefined;
  const lotsById = new Map(lots.map((l) => [l.lotId, l]));
  const postings = plan.applied.flatMap((a) => lotPostings(ctx, a, lotsById.get(a.lotId)!));
  const result: RedeemResult = {
    redemptionId: newId(),
    transactionId: newId(),
    orderId: req.order.orderId,
    customerId: req.customerId,
    ...plan,
  };
  const written = await redeemInOneStatement(ctx, {
    key,
    hash,
    customerId: req.customerId,
    orderId: req.order.orderId,
    orderAmount: req.order.amount,
    asOf: req.asOf,
    redemptionId: result.redemptionId,
    transactionId: result.transactionId,
    seen: wallet,
    plan,
    postings,
    result,
  });
  return written ? result : undefined;
}

function alreadyRedeemed(orderId: string): LedgerError {
  return new LedgerError('ALREADY_REDEEMED', `order ${orderId} already has a redemption`, { orderId });
}

/**
 * Per applied lot: lot → redeemed (the expense), forfeited coupon value → breakage, and the part of a percent or
 * shipping coupon's cap the order did not need → a slot of its campaign's budget (taken after the wallet locks, the
 * lock order of revocations and refunds too).
 */
async function redemptionPostings(
  ctx: LedgerContext,
  client: Db,
  applied: AppliedLot[],
  lots: Map<string, Lot>,
): Promise<Posting[]> {
  const postings: Posting[] = [];
  for (const a of applied) {
    const lot = lots.get(a.lotId)!;
    postings.push(...lotPostings(ctx, a, lot));
    const released = a.released ?? 0;
    if (released > 0) {
      postings.push({
        accountId: await slotForReturn(client, lot.campaignId),
        amount: released,
        lotId: lot.lotId,
        campaignId: lot.campaignId,
      });
    }
  }
  return postings;
}

/** An applied lot's legs, but for the released cap: lot → redeemed, and forfeited coupon value → breakage. */
function lotPostings(ctx: LedgerContext, a: AppliedLot, lot: Lot): Posting[] {
  const tags = { lotId: lot.lotId, campaignId: lot.campaignId };
  const forfeited = a.forfeited ?? 0;
  const released = a.released ?? 0;
  return [
    {
      accountId: lot.accountId,
      amount: -(a.amount + forfeited + released),
      ...tags,
      customerId: lot.customerId,
    },
    { accountId: ctx.accounts.redeemed, amount: a.amount, ...tags },
    ...(forfeited > 0 ? [{ accountId: ctx.accounts.breakage, amount: forfeited, ...tags }] : []),
  ];
}
