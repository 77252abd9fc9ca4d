import type { LedgerContext } from '../accounts';
import type { TransactionType } from '../journal';
import type { CreditKind } from '../lots';
import { fromDb } from '../money';
import { identifier, parseInput } from '../validation';
import { z } from 'zod';

/** One change to a customer's credit or points, from the customer's side, as a simulation report or an audit lists it. */
export interface CustomerMovement {
  transactionId: string;
  type: TransactionType;
  /** Business time of the write (its asOf). */
  occurredAt: string;
  customerId: string;
  /** The campaign whose budget paid for the lot (credit only). */
  campaignId: string | null;
  unit: 'credit' | 'points';
  /** Signed: + into the customer's wallet or points, − out of it. Minor units for credit, points for points. */
  amount: number;
  lotId: string | null;
  /** Credit lots only. */
  kind: CreditKind | null;
  expiresAt: string | null;
  memo: string | null;
}

const optionsSchema = z.object({
  customerIds: z.array(identifier).min(1).max(100),
  limit: z.number().int().min(1).max(5_000),
});

/**
 * Every credit and points movement of these customers, oldest first (by business time, then write order): grants with
 * their lot's kind and expiry, redemptions, reversals, revocations, expiries, points earned, spent and expired.
 */
export async function customerMovements(
  ctx: LedgerContext,
  options: { customerIds: string[]; limit: number },
): Promise<CustomerMovement[]> {
  const { customerIds, limit } = parseInput(optionsSchema, options, 'customerMovements');
  const rows = await ctx.pool.query<{
    transaction_id: string;
    type: TransactionType;
    occurred_at: Date;
    customer_id: string;
    campaign_id: string | null;
    currency: string;
    amount: string;
    lot_id: string | null;
    kind: CreditKind | null;
    expires_at: Date | null;
    memo: string | null;
  }>(
    `SELECT t.id AS transaction_id, t.type, t.occurred_at, p.customer_id, p.campaign_id, a.currency, p.amount,
            p.lot_id, l.kind, COALESCE(l.expires_at, pl.expires_at) AS expires_at, t.memo
       FROM ledger_postings p
       JOIN ledger_transactions t ON t.id = p.transaction_id
       JOIN ledger_accounts a ON a.id = p.account_id
       LEFT JOIN ledger_lots l ON l.id = p.lot_id
       LEFT JOIN ledger_point_lots pl ON pl.id = p.lot_id
      WHERE p.customer_id = ANY ($1::text[])
      ORDER BY t.occurred_at, p.id
      LIMIT $2`,
    [customerIds, limit],
  );
  return rows.rows.map((r) => ({
    transactionId: r.transaction_id,
    type: r.type,
    occurredAt: r.occurred_at.toISOString(),
    customerId: r.customer_id,
    campaignId: r.campaign_id,
    unit: r.currency === 'POINTS' ? 'points' : 'credit',
    amount: fromDb(r.amount),
    lotId: r.lot_id,
    kind: r.kind,
    expiresAt: r.expires_at ? r.expires_at.toISOString() : null,
    memo: r.memo,
  }));
}
