import type { Pool } from 'pg';
import { CUSTOMER_FACTS, type CustomerFact } from '../contracts/segment-filter';
import type { MemberTier } from './loyalty-tiers';

/** What the product knows about a customer at a moment, computed from orders, the ledger, tiers and referrals. */
export interface CustomerFacts {
  orderCount: number;
  /** Minor units, refunds taken off (the profile's running total). */
  totalSpent: number;
  /** Orders placed in (asOf − 365 days, asOf] and not refunded, as the member tier counts rolling spend. */
  totalSpentLast365Days: number;
  /** Whole days since the last order at asOf; null: no order yet. */
  daysSinceLastOrder: number | null;
  /** Usable credit at asOf, as the wallet shows it: lots not revoked, not past expiry. */
  walletBalance: number;
  /** Live points at asOf, as the points balance shows it: lots not past expiry. */
  pointsBalance: number;
  /** The member tier the customer holds in the member-tier campaign that changed it last; null: none. */
  tier: MemberTier | null;
  /** Referrals this customer made that were paid. */
  referralsPaid: number;
}

/**
 * Each fact as one SQL expression over `customers c`; `asOf()` gives the placeholder of the instant (a timestamptz
 * parameter) and is called only by facts that depend on time (a parameter nothing uses is an error in Postgres). The one definition GET /v1/customers/{id} reads and segment filters compile to, so a customer's facts
 * and the segments they fall in always agree. Each mirrors the view it summarises: walletBalance the ledger's wallet
 * (ledger/views/wallet.ts), pointsBalance its points balance (ledger/points.ts), totalSpentLast365Days the tier's
 * rolling spend (stores/loyalty-tiers.ts), tier the loyalty service's current tier; a test checks they agree.
 * Identifiers here are fixed text: no caller input ever reaches them.
 */
export function factSql(fact: CustomerFact, asOf: () => string): string {
  switch (fact) {
    case 'orderCount':
      return 'c.order_count';
    case 'totalSpent':
      return 'c.total_spent';
    case 'totalSpentLast365Days':
      return `(SELECT COALESCE(SUM(o.amount), 0) FROM customer_orders o
                WHERE o.customer_id = c.customer_id AND o.refunded_at IS NULL
                  AND o.placed_at > ${asOf()}::timestamptz - interval '365 days' AND o.placed_at <= ${asOf()}::timestamptz)`;
    case 'daysSinceLastOrder':
      return `(CASE WHEN c.last_order_at IS NULL THEN NULL
                 ELSE GREATEST(0, floor(extract(epoch FROM ${asOf()}::timestamptz - c.last_order_at) / 86400))::bigint END)`;
    case 'walletBalance':
      return `(SELECT COALESCE(SUM(a.balance), 0) FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
                WHERE l.customer_id = c.customer_id AND a.balance > 0 AND l.revoked_at IS NULL
                  AND (l.expires_at IS NULL OR l.expires_at > ${asOf()}::timestamptz))`;
    case 'pointsBalance':
      return `(SELECT COALESCE(SUM(a.balance), 0) FROM ledger_point_lots p JOIN ledger_accounts a ON a.id = p.account_id
                WHERE p.customer_id = c.customer_id AND a.balance > 0
                  AND (p.expires_at IS NULL OR p.expires_at > ${asOf()}::timestamptz))`;
    case 'tier':
      return `(SELECT t.tier FROM loyalty_member_tiers t WHERE t.customer_id = c.customer_id
                ORDER BY t.updated_at DESC LIMIT 1)`;
    case 'referralsPaid':
      return `(SELECT count(*) FROM referrals r WHERE r.referrer_id = c.customer_id AND r.status = 'paid')`;
  }
}

/** Every fact of one customer at asOf; null for an unknown customer. */
export async function customerFacts(
  pool: Pool,
  customerId: string,
  asOf: string,
): Promise<CustomerFacts | null> {
  const columns = CUSTOMER_FACTS.map((f) => `${factSql(f, () => '$2')} AS "${f}"`).join(',\n');
  const res = await pool.query<Record<CustomerFact, string | null>>(
    `SELECT ${columns} FROM customers c WHERE c.customer_id = $1`,
    [customerId, asOf],
  );
  const row = res.rows[0];
  if (!row) return null;
  const num = (v: string | null) => Number(v ?? 0);
  return {
    orderCount: num(row.orderCount),
    totalSpent: num(row.totalSpent),
    totalSpentLast365Days: num(row.totalSpentLast365Days),
    daysSinceLastOrder: row.daysSinceLastOrder === null ? null : Number(row.daysSinceLastOrder),
    walletBalance: num(row.walletBalance),
    pointsBalance: num(row.pointsBalance),
    tier: row.tier as MemberTier | null,
    referralsPaid: num(row.referralsPaid),
  };
}
