import { newId } from './ids';
import { z } from 'zod';
import type { LedgerContext } from './accounts';
import { slotForReturn } from './budgets';
import { LedgerError } from './errors';
import { idempotentWrite } from './idempotency';
import { recordTransaction, type Posting } from './journal';
import { fromDb } from './money';
import { instant, type Instant } from './time';
import { identifier, idempotencyKey, parseInput } from './validation';

const reverseSchema = z
  .object({
    idempotencyKey,
    redemptionId: z.uuid().optional(),
    orderId: identifier.optional(),
    asOf: instant,
    reason: z.string().min(1).max(500).optional(),
  })
  .refine((r) => r.redemptionId !== undefined || r.orderId !== undefined, {
    message: 'give redemptionId or orderId',
    path: ['redemptionId'],
  });

export interface ReverseRedemptionInput {
  idempotencyKey: string;
  redemptionId?: string;
  orderId?: string;
  asOf: Instant;
  reason?: string;
}

export interface ReverseRedemptionResult {
  redemptionId: string;
  orderId: string;
  transactionId: string;
  /** Credit put back per lot (applied plus any forfeited coupon value). */
  restored: { lotId: string; amount: number }[];
  /** Restored value that went on to the campaign budget because its lot had been revoked meanwhile. */
  returnedToBudget: { lotId: string; amount: number }[];
  total: number;
}

/**
 * Order refund: undoes a redemption by posting its exact opposite, so every lot gets back what it gave — even a lot
 * that has expired since (the next expiry sweep then moves it to breakage, keeping one expiry path and one place
 * where breakage is decided). A lot revoked since is not revived: its restored value goes back to the campaign budget,
 * as the revocation would have done. A second reversal is ALREADY_REVERSED.
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
      transaction_id: string;
      total: string;
      reversal_transaction_id: string | null;
    }>(
      // One text per identifier given, each led by a key condition: an "($1 IS NULL OR id = $1)" form gets a
      // cached generic plan that cannot use either index.
      req.redemptionId !== undefined
        ? `SELECT id, order_id, transaction_id, total, reversal_transaction_id FROM ledger_redemptions
            WHERE id = $1 AND ($2::text IS NULL OR order_id = $2) FOR UPDATE`
        : `SELECT id, order_id, transaction_id, total, reversal_transaction_id FROM ledger_redemptions
            WHERE order_id = $2 AND $1::uuid IS NULL FOR UPDATE`,
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
    const original = await client.query<{
      account_id: string;
      amount: string;
      lot_id: string | null;
      campaign_id: string | null;
      customer_id: string | null;
    }>(
      `SELECT account_id, amount, lot_id, campaign_id, customer_id FROM ledger_postings
        WHERE transaction_id = $1 ORDER BY id`,
      [redemption.transaction_id],
    );
    const lotIds = [...new Set(original.rows.map((p) => p.lot_id).filter((id): id is string => id !== null))];
    // Same lock order as redemptions: the lots' wallet accounts by id.
    const lots = await client.query<{
      id: string;
      account_id: string;
      campaign_id: string;
      customer_id: string;
      revoked: boolean;
    }>(
      `SELECT l.id, l.account_id, l.campaign_id, l.customer_id, l.revoked_at IS NOT NULL AS revoked
         FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
        WHERE l.id = ANY($1::uuid[]) ORDER BY a.id FOR UPDATE OF a, l`,
      [lotIds],
    );
    const postings: Posting[] = original.rows.map((p) => ({
      accountId: p.account_id,
      amount: -fromDb(p.amount),
      lotId: p.lot_id,
      campaignId: p.campaign_id,
      customerId: p.customer_id,
    }));
    const restored = lots.rows.map((lot) => ({
      lot,
      amount: postings.filter((p) => p.accountId === lot.account_id).reduce((s, p) => s + p.amount, 0),
    }));
    const returnedToBudget: { lotId: string; amount: number }[] = [];
    for (const { lot, amount } of restored) {
      if (!lot.revoked || amount <= 0) continue;
      const slot = await slotForReturn(client, lot.campaign_id);
      const tags = { lotId: lot.id, campaignId: lot.campaign_id };
      postings.push(
        { accountId: lot.account_id, amount: -amount, ...tags, customerId: lot.customer_id },
        { accountId: slot, amount, ...tags },
      );
      returnedToBudget.push({ lotId: lot.id, amount });
    }
    const transactionId = newId();
    await recordTransaction(client, {
      id: transactionId,
      type: 'reverse',
      idempotencyKey: key,
      occurredAt: req.asOf,
      memo: req.reason ?? `refund of order ${redemption.order_id}`,
      postings,
    });
    await client.query(
      'UPDATE ledger_redemptions SET reversal_transaction_id = $2, reversed_at = $3 WHERE id = $1',
      [redemption.id, transactionId, req.asOf],
    );
    return {
      redemptionId: redemption.id,
      orderId: redemption.order_id,
      transactionId,
      restored: restored.map(({ lot, amount }) => ({ lotId: lot.id, amount })),
      returnedToBudget,
      total: fromDb(redemption.total),
    };
  });
}
