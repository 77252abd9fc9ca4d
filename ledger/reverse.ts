import { newId } from './ids';
import { z } from 'zod';
import type { LedgerContext } from './accounts';
import { drawCampaignBudget, slotForReturn, type SlotDraw } from './budgets';
import { LedgerError, isLedgerError } from './errors';
import { idempotentWrite } from './idempotency';
import { recordTransaction, type Posting } from './journal';
import { isExpired, isSingleUse, type CreditKind } from './lots';
import { fromDb, positiveAmount } from './money';
import { instant, type Instant } from './time';
import type { Db } from '../lib/transaction';
import { identifier, idempotencyKey, parseInput } from './validation';
import { restorePointsPayment } from './points-payment';

const reverseSchema = z
  .object({
    idempotencyKey,
    redemptionId: z.uuid().optional(),
    orderId: identifier.optional(),
    refundedAmount: positiveAmount.optional(),
    asOf: instant,
    reason: z.string().min(1).max(500).optional(),
  })
  .refine((r) => r.redemptionId !== undefined || r.orderId !== undefined, {
    message: 'give redemptionId or orderId',
    path: ['redemptionId'],
  });

export interface ReverseRedemptionInput {
  /** One per refund (e.g. the refund event): a replay returns this refund's result, another key is another refund. */
  idempotencyKey: string;
  redemptionId?: string;
  orderId?: string;
  /**
   * How much of the order this refund gives back, in the terms of the order's amount at redemption. Left out, or
   * reaching what is still unrefunded: the rest of the order (a full reversal).
   */
  refundedAmount?: number;
  asOf: Instant;
  reason?: string;
}

export interface ReverseRedemptionResult {
  redemptionId: string;
  orderId: string;
  /** Null when a small partial refund rounded down to no credit to give back yet. */
  transactionId: string | null;
  /** Credit put back per lot by this refund (given back plus any forfeited coupon value and re-reserved cap). */
  restored: { lotId: string; amount: number }[];
  /** Restored value that went on to the campaign budget because its lot had been revoked meanwhile. */
  returnedToBudget: { lotId: string; amount: number }[];
  /** The redemption's total (credit it applied). */
  total: number;
  /** Redeemed credit this refund gave back (out of the expense): what the customer got back. */
  givenBack: number;
  /**
   * Of givenBack, what stays in the customer's wallet: a revoked lot's share went on to the budget. Absent from
   * results stored before it (their replays): givenBack then.
   */
  givenBackToWallet?: number;
  /** The part of the order this refund counted (capped at what was still unrefunded). */
  refunded: number;
  /** The order's refunds so far, this one included. */
  refundedTotal: number;
  /** True once the whole order is refunded: the redemption is reversed and later refunds are ALREADY_REVERSED. */
  complete: boolean;
  /** Orders paid partly with points: the points this refund gave back and their value (out of points expense). */
  pointsRestored?: number;
  pointsValueRestored?: number;
}

interface RedeemedLot {
  id: string;
  account_id: string;
  campaign_id: string;
  customer_id: string;
  kind: CreditKind;
  revoked: boolean;
  expires_at: Date | null;
}

/** What one lot took part in the redemption with, read from the redemption's own postings. */
interface LotShare {
  lot: RedeemedLot;
  /** lot → redeemed: the credit applied. */
  applied: number;
  /** lot → breakage: threshold coupon value beyond the order. */
  forfeited: number;
  /** lot → campaign budget: the unused part of a percent or shipping coupon's cap. */
  released: number;
}

/**
 * Order refunds, whole or in parts. A refund names how much of the order it refunds; the order's refunds so far
 * are kept on the redemption (refunded_amount, restored_amount: the database refuses more than the order or the
 * redemption), so several partial refunds can never give back more than was redeemed.
 *
 * - Divisible credit (cash, rebate) comes back in proportion: after refunds totalling r of an order amount A, a lot
 *   that paid `a` has been given back floor(a · r / A) — cumulative and rounded down per lot, so each refund gives
 *   the difference to the previous target, the customer is never given a minor unit too much, and the refund that
 *   completes the order gives back exactly what is left (the rounding remainders).
 * - Single-use coupons (threshold, percent, shipping) come back whole, and only with the refund that completes the
 *   order: a partly refunded order still used its coupon (as storefronts treat coupons on partial refunds). Then a
 *   threshold coupon gets its forfeited value back (from breakage), and a percent or shipping coupon its released cap
 *   reserved again from the campaign budget, as far as the budget still covers it (never below zero: a budget spent
 *   meanwhile restores the coupon with a smaller cap).
 * - A lot that expired since gets its value back all the same (the next expiry sweep moves it to breakage: one expiry
 *   path), but no coupon cap is reserved again for it. A lot revoked since is not revived: what it would get goes on
 *   to the campaign budget, and nothing is reserved again for it.
 * - Refunds after the completing one are ALREADY_REVERSED.
 */
export function reverseRedemption(
  ctx: LedgerContext,
  input: ReverseRedemptionInput,
): Promise<ReverseRedemptionResult> {
  const req = parseInput(reverseSchema, input, 'reverseRedemption');
  // When and why are not part of what a replay must match: a resent refund (later asOf, another event's reason)
  // for the same redemption is the same request and gets the original reversal back.
  const { idempotencyKey: key, asOf: _asOf, reason: _reason, ...request } = req;
  return idempotentWrite(ctx.pool, { key, operation: 'reverseRedemption', request }, async (client) => {
    const found = await client.query<{
      id: string;
      order_id: string;
      order_amount: string;
      transaction_id: string | null;
      total: string;
      refunded_amount: string;
      reversal_transaction_id: string | null;
      points_transaction_id: string | null;
      points_value_transaction_id: string | null;
    }>(
      // One text per identifier given, each led by a key condition: an "($1 IS NULL OR id = $1)" form gets a
      // cached generic plan that cannot use either index.
      req.redemptionId !== undefined
        ? `SELECT id, order_id, order_amount, transaction_id, total, refunded_amount, reversal_transaction_id,
                  points_transaction_id, points_value_transaction_id
             FROM ledger_redemptions WHERE id = $1 AND ($2::text IS NULL OR order_id = $2) FOR UPDATE`
        : `SELECT id, order_id, order_amount, transaction_id, total, refunded_amount, reversal_transaction_id,
                  points_transaction_id, points_value_transaction_id
             FROM ledger_redemptions WHERE order_id = $2 AND $1::uuid IS NULL FOR UPDATE`,
      [req.redemptionId ?? null, req.orderId ?? null],
    );
    const redemption = found.rows[0];
    if (!redemption) {
      throw new LedgerError('NOT_FOUND', 'no such redemption', {
        redemptionId: req.redemptionId,
        orderId: req.orderId,
      });
    }
    if (redemption.reversal_transaction_id !== null) {
      throw new LedgerError('ALREADY_REVERSED', `redemption ${redemption.id} is already reversed`, {
        redemptionId: redemption.id,
        reversalTransactionId: redemption.reversal_transaction_id,
      });
    }
    const orderAmount = fromDb(redemption.order_amount);
    const before = fromDb(redemption.refunded_amount);
    const refunded = Math.min(req.refundedAmount ?? orderAmount - before, orderAmount - before);
    const after = before + refunded;
    const complete = after === orderAmount;

    const shares =
      redemption.transaction_id === null ? [] : await lotShares(ctx, client, redemption.transaction_id);
    const postings: Posting[] = [];
    const restored: { lotId: string; amount: number }[] = [];
    const returnedToBudget: { lotId: string; amount: number }[] = [];
    let givenBack = 0;
    let givenBackToWallet = 0;
    for (const share of shares) {
      const { lot } = share;
      const tags = { lotId: lot.id, campaignId: lot.campaign_id };
      const wallet = { accountId: lot.account_id, ...tags, customerId: lot.customer_id };
      const divisible = !isSingleUse(lot.kind);
      // What this lot has been given back before (divisible: the previous cumulative target; coupons: nothing).
      const given = divisible ? Math.floor((share.applied * before) / orderAmount) : 0;
      const due = complete
        ? share.applied - given
        : divisible
          ? Math.floor((share.applied * after) / orderAmount) - given
          : 0;
      const forfeited = complete ? share.forfeited : 0;
      // A revoked lot reserves nothing again (it would go straight back to the budget), nor does an expired one (the
      // next sweep would move the budget's money to breakage).
      const reserved: SlotDraw[] =
        complete && share.released > 0 && !lot.revoked && !isExpired({ expiresAt: lot.expires_at }, req.asOf)
          ? await reserveUpTo(client, lot.campaign_id, share.released)
          : [];
      const fromBudget = reserved.reduce((s, d) => s + d.amount, 0);
      const into = due + forfeited + fromBudget;
      if (into === 0) continue;
      givenBack += due;
      if (!lot.revoked) givenBackToWallet += due;
      if (due > 0) postings.push({ accountId: ctx.accounts.redeemed, amount: -due, ...tags });
      if (forfeited > 0) postings.push({ accountId: ctx.accounts.breakage, amount: -forfeited, ...tags });
      for (const d of reserved) postings.push({ accountId: d.accountId, amount: -d.amount, ...tags });
      postings.push({ ...wallet, amount: into });
      restored.push({ lotId: lot.id, amount: into });
      if (lot.revoked) {
        postings.push(
          { ...wallet, amount: -into },
          { accountId: await slotForReturn(client, lot.campaign_id), amount: into, ...tags },
        );
        returnedToBudget.push({ lotId: lot.id, amount: into });
      }
    }
    const transactionId = postings.length > 0 ? newId() : null;
    if (transactionId !== null) {
      await recordTransaction(client, {
        id: transactionId,
        type: 'reverse',
        idempotencyKey: key,
        occurredAt: req.asOf,
        memo:
          req.reason ??
          (complete
            ? `refund of order ${redemption.order_id}`
            : `partial refund of order ${redemption.order_id} (${refunded})`),
        postings,
      });
    }
    // The points part of the order comes back in the same proportion (ledger/points-payment.ts), its lots locked
    // after the credit lots and budget slots, as the redemption took them.
    const points =
      redemption.points_transaction_id !== null && redemption.points_value_transaction_id !== null
        ? await restorePointsPayment(ctx, client, {
            key,
            orderId: redemption.order_id,
            asOf: req.asOf,
            pointsTransactionId: redemption.points_transaction_id,
            valueTransactionId: redemption.points_value_transaction_id,
            orderAmount,
            before,
            after,
            complete,
          })
        : null;
    await client.query(
      `UPDATE ledger_redemptions SET refunded_amount = $2, restored_amount = restored_amount + $3,
              reversal_transaction_id = CASE WHEN $4::boolean THEN $5::uuid END,
              reversed_at = CASE WHEN $4::boolean THEN $6::timestamptz END,
              points_restored = points_restored + $7, points_value_restored = points_value_restored + $8
        WHERE id = $1`,
      [
        redemption.id,
        after,
        givenBack,
        complete,
        // A redemption paid by points alone is reversed by its points refund.
        transactionId ?? points?.pointsTransactionId ?? null,
        req.asOf,
        points?.points ?? 0,
        points?.value ?? 0,
      ],
    );
    await client.query(
      `INSERT INTO ledger_redemption_refunds
         (idempotency_key, redemption_id, refunded_amount, restored_amount, transaction_id, occurred_at,
          points_restored, points_value_restored, points_transaction_id, points_value_transaction_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        key,
        redemption.id,
        refunded,
        givenBack,
        transactionId,
        req.asOf,
        points?.points ?? 0,
        points?.value ?? 0,
        points?.pointsTransactionId ?? null,
        points?.valueTransactionId ?? null,
      ],
    );
    return {
      redemptionId: redemption.id,
      orderId: redemption.order_id,
      transactionId,
      restored,
      returnedToBudget,
      total: fromDb(redemption.total),
      givenBack,
      givenBackToWallet,
      refunded,
      refundedTotal: after,
      complete,
      ...(points ? { pointsRestored: points.points, pointsValueRestored: points.value } : {}),
    };
  });
}

/** The redemption's legs per lot, with the lots locked in the redemptions' lock order (wallet accounts by id). */
async function lotShares(ctx: LedgerContext, client: Db, transactionId: string): Promise<LotShare[]> {
  const original = await client.query<{ account_id: string; amount: string; lot_id: string | null }>(
    'SELECT account_id, amount, lot_id FROM ledger_postings WHERE transaction_id = $1 ORDER BY id',
    [transactionId],
  );
  const lotIds = [...new Set(original.rows.map((p) => p.lot_id).filter((id): id is string => id !== null))];
  const lots = await client.query<RedeemedLot>(
    `SELECT l.id, l.account_id, l.campaign_id, l.customer_id, l.kind, l.revoked_at IS NOT NULL AS revoked,
            l.expires_at
       FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE l.id = ANY($1::uuid[]) ORDER BY a.id FOR UPDATE OF a, l`,
    [lotIds],
  );
  return lots.rows.map((lot) => {
    const legs = original.rows.filter((p) => p.lot_id === lot.id && p.account_id !== lot.account_id);
    const sum = (accountIs: (id: string) => boolean) =>
      legs.filter((p) => accountIs(p.account_id)).reduce((s, p) => s + fromDb(p.amount), 0);
    return {
      lot,
      applied: sum((id) => id === ctx.accounts.redeemed),
      forfeited: sum((id) => id === ctx.accounts.breakage),
      // Any other leg of a redemption is a campaign budget slot: the released part of a coupon's cap.
      released: sum((id) => id !== ctx.accounts.redeemed && id !== ctx.accounts.breakage),
    };
  });
}

/** Reserves up to `amount` of the campaign's budget: all of it if the budget covers it, else what is left. */
async function reserveUpTo(client: Db, campaignId: string, amount: number): Promise<SlotDraw[]> {
  try {
    return await drawCampaignBudget(client, campaignId, amount);
  } catch (err) {
    if (!isLedgerError(err, 'BUDGET_EXCEEDED')) throw err;
    // drawCampaignBudget refused holding every slot locked: what is left cannot change before this commits.
    const remaining = Number(err.details?.remaining ?? 0);
    return remaining > 0 ? drawCampaignBudget(client, campaignId, remaining) : [];
  }
}
