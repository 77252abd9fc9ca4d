import type { Pool } from 'pg';

/** The variant key of rows whose customer has no recorded assignment (or of a campaign without variants). */
export const NO_VARIANT = '';

/** Raw per-variant counts and sums of one campaign; money in integer minor units. */
export interface VariantFacts {
  variant: string;
  journeysStarted: number;
  /** Journeys that ended refused with the outcome `excluded` (another campaign of the exclusivity group pays). */
  journeysExcluded: number;
  customersReached: number;
  customersAssigned: number;
  lotsGranted: number;
  amountGranted: number;
  customersGranted: number;
  /** Lots with a positive net redeemed amount. */
  lotsClaimed: number;
  /** Customers owning at least one claimed lot. */
  customersConverted: number;
  amountRedeemed: number;
  amountReversed: number;
  ordersAttributed: number;
  ordersRefunded: number;
  attributedGmv: number;
  refundedGmv: number;
}

export interface DailyFacts {
  day: string;
  variant: string;
  lotsGranted: number;
  amountGranted: number;
  amountRedeemed: number;
  amountReversed: number;
}

export interface ReferralFacts {
  referrals: number;
  valid: number;
  paid: number;
}

const n = (v: string | number | null | undefined): number => {
  const out = Number(v ?? 0);
  if (!Number.isSafeInteger(out)) throw new Error(`KPI figure ${String(v)} is not a safe integer`);
  return out;
};

/**
 * SQL behind GET /v1/campaigns/:id/kpis. Every figure is grouped by the customer's A/B variant (campaign_assignments;
 * NO_VARIANT without one), so the campaign total is the sum over the groups. Days are UTC calendar days of business
 * time (the ledger's occurred_at / granted_at).
 */
export class KpiStore {
  constructor(private readonly pool: Pool) {}

  async variantFacts(campaignId: string, campaignCustomer: string): Promise<VariantFacts[]> {
    const res = await this.pool.query<Record<string, string>>(
      `WITH assigned AS (
         SELECT customer_id, variant FROM campaign_assignments WHERE campaign_id = $1
       ),
       journeys AS (
         SELECT coalesce(a.variant, '') AS variant,
                count(DISTINCT e.workflow_id) AS journeys_started,
                count(DISTINCT e.workflow_id) FILTER (
                  WHERE e.kind = 'journey-refused' AND e.detail->>'outcome' = 'excluded'
                ) AS journeys_excluded,
                count(DISTINCT e.customer_id) AS customers_reached
           FROM journey_events e LEFT JOIN assigned a ON a.customer_id = e.customer_id
          WHERE e.campaign_id = $1 AND e.customer_id IS DISTINCT FROM $2
          GROUP BY 1
       ),
       lots AS (
         SELECT l.id, l.customer_id, l.original_amount, coalesce(a.variant, '') AS variant,
                coalesce(r.gross, 0) AS gross, coalesce(r.reversed, 0) AS reversed
           FROM ledger_lots l
           LEFT JOIN assigned a ON a.customer_id = l.customer_id
           LEFT JOIN LATERAL (
             SELECT sum(p.amount) FILTER (WHERE p.amount > 0) AS gross,
                    -sum(p.amount) FILTER (WHERE p.amount < 0) AS reversed
               FROM ledger_postings p JOIN ledger_accounts acc ON acc.id = p.account_id AND acc.kind = 'redeemed'
              WHERE p.lot_id = l.id
           ) r ON true
          WHERE l.campaign_id = $1
       ),
       credit AS (
         SELECT variant,
                count(*) AS lots_granted,
                sum(original_amount) AS amount_granted,
                count(DISTINCT customer_id) AS customers_granted,
                count(*) FILTER (WHERE gross - reversed > 0) AS lots_claimed,
                count(DISTINCT customer_id) FILTER (WHERE gross - reversed > 0) AS customers_converted,
                sum(gross) AS amount_redeemed,
                sum(reversed) AS amount_reversed
           FROM lots GROUP BY variant
       ),
       orders AS (
         SELECT coalesce(a.variant, '') AS variant, r.order_amount, r.reversal_transaction_id IS NOT NULL AS refunded
           FROM ledger_redemptions r
           LEFT JOIN assigned a ON a.customer_id = r.customer_id
          WHERE EXISTS (
            SELECT 1 FROM ledger_postings p JOIN ledger_accounts acc ON acc.id = p.account_id AND acc.kind = 'redeemed'
             WHERE p.transaction_id = r.transaction_id AND p.campaign_id = $1)
       ),
       gmv AS (
         SELECT variant,
                count(*) FILTER (WHERE NOT refunded) AS orders_attributed,
                count(*) FILTER (WHERE refunded) AS orders_refunded,
                coalesce(sum(order_amount) FILTER (WHERE NOT refunded), 0) AS attributed_gmv,
                coalesce(sum(order_amount) FILTER (WHERE refunded), 0) AS refunded_gmv
           FROM orders GROUP BY variant
       ),
       assignment_counts AS (
         SELECT variant, count(*) AS customers_assigned FROM assigned GROUP BY variant
       ),
       variants AS (
         SELECT variant FROM journeys UNION SELECT variant FROM credit UNION SELECT variant FROM gmv
         UNION SELECT variant FROM assignment_counts
       )
       SELECT v.variant, j.journeys_started, j.journeys_excluded, j.customers_reached, ac.customers_assigned,
              c.lots_granted, c.amount_granted, c.customers_granted, c.lots_claimed, c.customers_converted,
              c.amount_redeemed, c.amount_reversed,
              g.orders_attributed, g.orders_refunded, g.attributed_gmv, g.refunded_gmv
         FROM variants v
         LEFT JOIN journeys j USING (variant)
         LEFT JOIN credit c USING (variant)
         LEFT JOIN gmv g USING (variant)
         LEFT JOIN assignment_counts ac USING (variant)
        ORDER BY v.variant`,
      [campaignId, campaignCustomer],
    );
    return res.rows.map((r) => ({
      variant: r.variant!,
      journeysStarted: n(r.journeys_started),
      journeysExcluded: n(r.journeys_excluded),
      customersReached: n(r.customers_reached),
      customersAssigned: n(r.customers_assigned),
      lotsGranted: n(r.lots_granted),
      amountGranted: n(r.amount_granted),
      customersGranted: n(r.customers_granted),
      lotsClaimed: n(r.lots_claimed),
      customersConverted: n(r.customers_converted),
      amountRedeemed: n(r.amount_redeemed),
      amountReversed: n(r.amount_reversed),
      ordersAttributed: n(r.orders_attributed),
      ordersRefunded: n(r.orders_refunded),
      attributedGmv: n(r.attributed_gmv),
      refundedGmv: n(r.refunded_gmv),
    }));
  }

  /** Issuance (by grant day) and redemption (by the day each redemption or reversal was posted), per variant. */
  async dailyFacts(campaignId: string): Promise<DailyFacts[]> {
    const res = await this.pool.query<Record<string, string>>(
      `WITH assigned AS (
         SELECT customer_id, variant FROM campaign_assignments WHERE campaign_id = $1
       ),
       issued AS (
         SELECT to_char(l.granted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, coalesce(a.variant, '') AS variant,
                count(*) AS lots_granted, sum(l.original_amount) AS amount_granted
           FROM ledger_lots l LEFT JOIN assigned a ON a.customer_id = l.customer_id
          WHERE l.campaign_id = $1
          GROUP BY 1, 2
       ),
       redeemed AS (
         SELECT to_char(p.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, coalesce(a.variant, '') AS variant,
                coalesce(sum(p.amount) FILTER (WHERE p.amount > 0), 0) AS amount_redeemed,
                coalesce(-sum(p.amount) FILTER (WHERE p.amount < 0), 0) AS amount_reversed
           FROM ledger_postings p
           JOIN ledger_accounts acc ON acc.id = p.account_id AND acc.kind = 'redeemed'
           JOIN ledger_lots l ON l.id = p.lot_id
           LEFT JOIN assigned a ON a.customer_id = l.customer_id
          WHERE p.campaign_id = $1
          GROUP BY 1, 2
       )
       SELECT day, variant, i.lots_granted, i.amount_granted, r.amount_redeemed, r.amount_reversed
         FROM issued i FULL JOIN redeemed r USING (day, variant)
        ORDER BY day, variant`,
      [campaignId],
    );
    return res.rows.map((r) => ({
      day: r.day!,
      variant: r.variant!,
      lotsGranted: n(r.lots_granted),
      amountGranted: n(r.amount_granted),
      amountRedeemed: n(r.amount_redeemed),
      amountReversed: n(r.amount_reversed),
    }));
  }

  /** Referrals of a referral campaign: all, valid (not ineligible) and paid. */
  async referralFacts(campaignId: string): Promise<ReferralFacts> {
    const res = await this.pool.query<Record<string, string>>(
      `SELECT count(*) AS referrals,
              count(*) FILTER (WHERE status <> 'ineligible') AS valid,
              count(*) FILTER (WHERE status = 'paid') AS paid
         FROM referrals WHERE campaign_id = $1`,
      [campaignId],
    );
    const r = res.rows[0]!;
    return { referrals: n(r.referrals), valid: n(r.valid), paid: n(r.paid) };
  }
}
