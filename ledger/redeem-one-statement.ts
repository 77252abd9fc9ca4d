import type { LedgerContext } from './accounts';
import { pgConstraint, pgErrorCode } from '../lib/transaction';
import type { Posting } from './journal';
import { isExpired, lotFromRow, type Lot, type LotRow } from './lots';
import type { RedemptionPlan } from './redemption-plan';

/** What the caller computed from an unlocked read of the wallet; written only if the wallet is still exactly so. */
export interface OptimisticRedemption {
  key: string;
  hash: string;
  customerId: string;
  orderId: string;
  orderAmount: number;
  asOf: Date;
  redemptionId: string;
  transactionId: string;
  /** The wallet as read: every lot of the customer holding value (account id and balance decide "unchanged"). */
  seen: readonly Lot[];
  plan: RedemptionPlan;
  postings: readonly Posting[];
  result: unknown;
}

/** The customer's lots holding value, read without locks (the optimistic path's first round trip). */
export async function readWallet(ctx: LedgerContext, customerId: string): Promise<Lot[]> {
  const rows = await ctx.pool.query<LotRow>({
    name: 'ledger_redeem_read_wallet',
    // A function planned with sequential scans off (migration 1057): a cached plan of the lookup inline, made on a
    // young ledger, read every lot and account for as long as the session lived.
    text: `SELECT * FROM ledger_wallet_lots($1::text)`,
    values: [customerId],
  });
  return rows.rows.map(lotFromRow);
}

/** The candidates of a request naming lots, or undefined when the general path must answer (it raises the error). */
export function pickedLots(wallet: Lot[], lotIds: string[] | undefined, asOf: Date): Lot[] | undefined {
  if (!lotIds) return wallet;
  const byId = new Map(wallet.map((l) => [l.lotId, l]));
  const picked: Lot[] = [];
  for (const id of lotIds) {
    const lot = byId.get(id);
    if (!lot || isExpired(lot, asOf)) return undefined;
    picked.push(lot);
  }
  return picked;
}

/**
 * A plain credit redemption in one statement (one implicit transaction, one round trip after the unlocked read):
 * it locks the customer's lots holding value in account-id order — the lock set and order of the general path —
 * and writes only if that set and every balance are exactly what the plan was made from, the order has no
 * redemption yet and the key is fresh: then the key with its result, the transaction, its postings (zero-sum and
 * balances checked by the posting trigger) and the redemption row, else nothing at all. The caller then takes the
 * general path, which claims the key first and answers replays, conflicts and refusals. Same plan, same rows as
 * the general path: the plan is a pure function of the wallet, the request and asOf.
 * Why: the general path is eight round trips (BEGIN, claim, order check, lock, journal, redemption, result, COMMIT),
 * and each costs about as much server time as the work itself.
 */
export async function redeemInOneStatement(ctx: LedgerContext, r: OptimisticRedemption): Promise<boolean> {
  const done = await ctx.pool
    .query({
      // Named: each connection parses and plans it once.
      name: 'ledger_redeem_one_statement',
      // The wallet's lock and the guards are functions planned with sequential scans off (migration 1057).
      text: `WITH locked AS (
       SELECT id, balance FROM ledger_lock_wallet($1::text)
     ), unchanged AS (
       SELECT 1 FROM (SELECT count(*) AS n,
                             count(*) FILTER (WHERE s.balance IS NOT DISTINCT FROM k.balance) AS same
                        FROM locked k LEFT JOIN unnest($2::bigint[], $3::bigint[]) AS s(id, balance) ON s.id = k.id) c
        WHERE c.n = cardinality($2::bigint[]) AND c.same = c.n
          -- An order redeemed before, or a replay, goes to the general path (which answers it).
          AND NOT ledger_redemption_seen($4::text, $5::text)
     ), claim AS (
       INSERT INTO ledger_idempotency (key, operation, request_hash, result)
       SELECT $5::text, 'redeem', $6::text, $7::jsonb FROM unchanged RETURNING key
     ), txn AS (
       INSERT INTO ledger_transactions (id, type, idempotency_key, occurred_at, memo)
       SELECT $8::uuid, 'redeem', $5::text, $9::timestamptz, 'order ' || $4::text FROM claim
     ), redemption AS (
       INSERT INTO ledger_redemptions (id, customer_id, order_id, order_amount, total, transaction_id, occurred_at,
                                       points_spent, points_value)
       SELECT $10::uuid, $1::text, $4::text, $11::bigint, $12::bigint, $8::uuid, $9::timestamptz, 0, 0 FROM claim
     )
     INSERT INTO ledger_postings (transaction_id, account_id, amount, occurred_at, lot_id, campaign_id, customer_id)
     SELECT $8::uuid, p.account_id, p.amount, $9::timestamptz, p.lot_id, p.campaign_id, p.customer_id
       FROM claim,
            unnest($13::bigint[], $14::bigint[], $15::uuid[], $16::text[], $17::text[])
              WITH ORDINALITY AS p(account_id, amount, lot_id, campaign_id, customer_id, n)
      ORDER BY p.n`,
      values: [
        r.customerId,
        r.seen.map((l) => l.accountId),
        r.seen.map((l) => String(l.remaining)),
        r.orderId,
        r.key,
        r.hash,
        JSON.stringify(r.result),
        r.transactionId,
        r.asOf.toISOString(),
        r.redemptionId,
        r.orderAmount,
        r.plan.total,
        r.postings.map((p) => p.accountId),
        r.postings.map((p) => String(p.amount)),
        r.postings.map((p) => p.lotId ?? null),
        r.postings.map((p) => p.campaignId ?? null),
        r.postings.map((p) => p.customerId ?? null),
      ],
    })
    .catch((err: unknown) => {
      // Written by nobody: a key or an order seen before (or being written right now), or a deadlock with a general
      // path holding the key while waiting for these lots. The general path replays, refuses or retries.
      const code = pgErrorCode(err);
      const constraint = pgConstraint(err);
      if (
        code === '23505' &&
        (constraint === 'ledger_idempotency_pkey' || constraint === 'ledger_redemptions_order_id_key')
      )
        return null;
      if (code === '40P01') return null;
      throw err;
    });
  return done?.rowCount === r.postings.length;
}
