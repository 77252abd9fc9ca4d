import type { Pool } from 'pg';

export type MemberTier = 'standard' | 'silver' | 'gold' | 'diamond';

/**
 * Spend that counts towards a tier: orders placed in (asOf − windowDays, asOf] that were not refunded. A refunded
 * order drops out entirely (customer_orders keeps no partial refund amounts).
 */
export async function rollingSpend(
  pool: Pool,
  req: { customerId: string; asOf: string; windowDays: number },
): Promise<number> {
  const res = await pool.query<{ total: string }>(
    `SELECT COALESCE(SUM(amount), 0) AS total FROM customer_orders
      WHERE customer_id = $1 AND refunded_at IS NULL
        AND placed_at > $2::timestamptz - make_interval(days => $3) AND placed_at <= $2::timestamptz`,
    [req.customerId, req.asOf, req.windowDays],
  );
  return Number(res.rows[0]!.total);
}

/** Whether the storefront reported the order refunded (a safety net for a refund signal that never arrived). */
export async function orderRefunded(pool: Pool, orderId: string): Promise<boolean> {
  const res = await pool.query<{ refunded: boolean }>(
    'SELECT refunded_at IS NOT NULL AS refunded FROM customer_orders WHERE order_id = $1',
    [orderId],
  );
  return res.rows[0]?.refunded ?? false;
}

export interface TierChange {
  idempotencyKey: string;
  campaignId: string;
  customerId: string;
  from: MemberTier | null;
  to: MemberTier;
  reason: string;
  rollingSpend: number;
  at: string;
}

/** Sets the customer's current tier and logs the change, both once per idempotency key. */
export async function recordTierChange(pool: Pool, change: TierChange): Promise<{ recorded: boolean }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const logged = await client.query(
      `INSERT INTO loyalty_tier_changes (idempotency_key, campaign_id, customer_id, from_tier, to_tier, reason,
                                         rolling_spend, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        change.idempotencyKey,
        change.campaignId,
        change.customerId,
        change.from,
        change.to,
        change.reason,
        change.rollingSpend,
        change.at,
      ],
    );
    if (logged.rowCount === 1) {
      await client.query(
        `INSERT INTO loyalty_member_tiers (campaign_id, customer_id, tier, rolling_spend, since, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (campaign_id, customer_id) DO UPDATE
           SET tier = EXCLUDED.tier, rolling_spend = EXCLUDED.rolling_spend, since = EXCLUDED.since,
               updated_at = EXCLUDED.updated_at
         WHERE loyalty_member_tiers.updated_at <= EXCLUDED.updated_at`,
        [change.campaignId, change.customerId, change.to, change.rollingSpend, change.at],
      );
    }
    await client.query('COMMIT');
    return { recorded: logged.rowCount === 1 };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export interface MemberTierRow {
  campaignId: string;
  customerId: string;
  tier: MemberTier;
  rollingSpend: number;
  since: string;
  updatedAt: string;
}

/** The customer's current tier in each member-tier campaign (what the API and KPIs read). */
export async function memberTiers(pool: Pool, customerId: string): Promise<MemberTierRow[]> {
  const res = await pool.query<{
    campaign_id: string;
    customer_id: string;
    tier: MemberTier;
    rolling_spend: string;
    since: Date;
    updated_at: Date;
  }>('SELECT * FROM loyalty_member_tiers WHERE customer_id = $1 ORDER BY campaign_id', [customerId]);
  return res.rows.map((r) => ({
    campaignId: r.campaign_id,
    customerId: r.customer_id,
    tier: r.tier,
    rollingSpend: Number(r.rolling_spend),
    since: r.since.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}
