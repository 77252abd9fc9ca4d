import type { Db } from '../lib/transaction';

export type TransactionType =
  | 'fund'
  | 'allocate'
  | 'grant'
  | 'redeem'
  | 'reverse'
  | 'revoke'
  | 'expire'
  | 'points_earn'
  | 'points_redeem'
  | 'points_expire'
  | 'points_allocate'
  | 'points_payment'
  | 'points_refund';

export interface Posting {
  accountId: string;
  /** Signed minor units (or points): positive adds to the account, negative takes from it. */
  amount: number;
  lotId?: string | null;
  campaignId?: string | null;
  /** Only on the customer's own (wallet) leg: it is what the customer's statement lists. */
  customerId?: string | null;
}

export interface JournalEntry {
  id: string;
  type: TransactionType;
  idempotencyKey: string;
  occurredAt: Date;
  memo?: string | null;
  postings: readonly Posting[];
}

/**
 * Writes one transaction and its postings in a single statement — the database checks the zero-sum rule at the end
 * of each posting INSERT statement and allows one transaction per statement (migration 105), so a transaction's
 * postings must arrive together, and alone. The rule is
 * also checked here first, so a bug shows up with the entry at hand.
 */
export async function recordTransaction(client: Db, entry: JournalEntry): Promise<void> {
  if (entry.postings.length < 2) throw new Error(`transaction ${entry.id} needs at least two postings`);
  let sum = 0;
  for (const p of entry.postings) {
    if (!Number.isSafeInteger(p.amount) || p.amount === 0) {
      throw new Error(`transaction ${entry.id} has an invalid posting amount ${p.amount}`);
    }
    sum += p.amount;
  }
  // Points and money never share a transaction, so one sum per transaction is the per-currency sum.
  if (sum !== 0) throw new Error(`transaction ${entry.id} does not balance: ${sum}`);
  await client.query(
    `WITH txn AS (
       INSERT INTO ledger_transactions (id, type, idempotency_key, occurred_at, memo)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, occurred_at
     )
     INSERT INTO ledger_postings (transaction_id, account_id, amount, occurred_at, lot_id, campaign_id, customer_id)
     SELECT txn.id, p.account_id, p.amount, txn.occurred_at, p.lot_id, p.campaign_id, p.customer_id
       FROM txn,
            unnest($6::bigint[], $7::bigint[], $8::uuid[], $9::text[], $10::text[])
              WITH ORDINALITY AS p(account_id, amount, lot_id, campaign_id, customer_id, n)
      ORDER BY p.n`,
    [
      entry.id,
      entry.type,
      entry.idempotencyKey,
      entry.occurredAt,
      entry.memo ?? null,
      entry.postings.map((p) => p.accountId),
      entry.postings.map((p) => String(p.amount)),
      entry.postings.map((p) => p.lotId ?? null),
      entry.postings.map((p) => p.campaignId ?? null),
      entry.postings.map((p) => p.customerId ?? null),
    ],
  );
}
