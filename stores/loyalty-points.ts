import type { Pool } from 'pg';

/** Points a source transaction (e.g. an order) earned for the customer: 0 when it earned none or nothing yet. */
/**
 * Points a transaction (an order) earned the customer: in every campaign (`campaignId` absent), in one, or (null) in
 * none — lots earned before earns named their campaign.
 */
export async function pointsEarnedFor(
  pool: Pool,
  req: { customerId: string; transactionId: string; campaignId?: string | null },
): Promise<number> {
  const res = await pool.query<{ points: string }>(
    `SELECT COALESCE(SUM(original_points), 0) AS points FROM ledger_point_lots
      WHERE customer_id = $1 AND source_txn_id = $2
        AND (NOT $3::boolean OR campaign_id IS NOT DISTINCT FROM $4::text)`,
    [req.customerId, req.transactionId, req.campaignId !== undefined, req.campaignId ?? null],
  );
  return Number(res.rows[0]!.points);
}

export interface OrderFacts {
  orderId: string;
  customerId: string;
  amount: number;
  categories: string[];
  placedAt: string;
  refunded: boolean;
}

/** One of the customer's orders as the storefront reported it (null when it is not theirs or unknown). */
export async function orderOf(
  pool: Pool,
  req: { customerId: string; orderId: string },
): Promise<OrderFacts | null> {
  const res = await pool.query<{
    order_id: string;
    customer_id: string;
    amount: string;
    categories: string[];
    placed_at: Date;
    refunded_at: Date | null;
  }>('SELECT * FROM customer_orders WHERE order_id = $1 AND customer_id = $2', [req.orderId, req.customerId]);
  const r = res.rows[0];
  if (!r) return null;
  return {
    orderId: r.order_id,
    customerId: r.customer_id,
    amount: Number(r.amount),
    categories: r.categories,
    placedAt: r.placed_at.toISOString(),
    refunded: r.refunded_at !== null,
  };
}

/**
 * What decides an earn's time-window and tier multipliers: the campaign's time zone (its schedule's, null when it has
 * none) and the customer's current member tier (the most recently changed across member-tier campaigns, null when
 * they have none).
 */
export async function earnContextFacts(
  pool: Pool,
  req: { campaignId: string; customerId: string },
): Promise<{ timezone: string | null; tier: 'standard' | 'silver' | 'gold' | 'diamond' | null }> {
  const res = await pool.query<{ time_zone: string | null; tier: string | null }>(
    `SELECT (SELECT time_zone FROM campaigns WHERE campaign_id = $1) AS time_zone,
            (SELECT tier FROM loyalty_member_tiers WHERE customer_id = $2
              ORDER BY updated_at DESC, campaign_id LIMIT 1) AS tier`,
    [req.campaignId, req.customerId],
  );
  const r = res.rows[0];
  return {
    timezone: r?.time_zone ?? null,
    tier: (r?.tier as 'standard' | 'silver' | 'gold' | 'diamond' | null) ?? null,
  };
}
