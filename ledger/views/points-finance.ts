import { z } from 'zod';
import type { LedgerContext } from '../accounts';
import { fromDb, SMALLER_REPORT, totalOf } from '../money';
import { pointsTerms, pointsValue } from '../points-payment';
import { instant, type Instant } from '../time';
import { identifier, parseInput } from '../validation';
import type { Period } from './finance';

export interface PointsByCampaign {
  /** null: points earned outside a campaign, or before lots recorded their campaign. */
  campaignId: string | null;
  points: number;
  /** Their money value at the program's current rate, rounded down per campaign. */
  value: number;
}

export interface PointsLiability {
  currency: string;
  asOf: string;
  rate: { points: number; minor: number };
  points: number;
  /** The sum of the campaigns' values (each rounded down). */
  value: number;
  byCampaign: PointsByCampaign[];
}

/**
 * Outstanding points: live point lots (not expired at asOf) at their balances, by the campaign that issued them, with
 * their money value at the program's current rate — what the program still owes in points.
 */
export async function pointsLiability(ctx: LedgerContext, asOf: Instant): Promise<PointsLiability> {
  const at = parseInput(instant, asOf, 'pointsLiability');
  const terms = await pointsTerms(ctx);
  const rows = await ctx.pool.query<{ campaign_id: string | null; points: string }>(
    `SELECT l.campaign_id, sum(a.balance) AS points
       FROM ledger_point_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE a.balance > 0 AND (l.expires_at IS NULL OR l.expires_at > $1)
      GROUP BY l.campaign_id ORDER BY l.campaign_id NULLS LAST`,
    [at],
  );
  const byCampaign = rows.rows.map((r) => {
    const points = fromDb(r.points);
    return { campaignId: r.campaign_id, points, value: pointsValue(points, terms) };
  });
  return {
    currency: ctx.currency,
    asOf: at.toISOString(),
    rate: { points: terms.points, minor: terms.minor },
    points: totalOf(
      byCampaign.map((c) => c.points),
      'the outstanding points',
    ),
    value: totalOf(
      byCampaign.map((c) => c.value),
      'the value of the outstanding points',
    ),
    byCampaign,
  };
}

export interface PointsCampaignActivity {
  campaignId: string | null;
  earned: number;
  /** Spent on catalog rewards (and deducted for refunded orders) by the points journey. */
  redeemed: number;
  /** Spent at checkout, net of what refunds gave back. */
  spentAtCheckout: number;
  expired: number;
  /** The money value of the points spent at checkout, net of refunds: the points expense. */
  expense: number;
}

export interface PointsActivity {
  currency: string;
  from: string;
  to: string;
  campaigns: PointsCampaignActivity[];
  totals: Omit<PointsCampaignActivity, 'campaignId'>;
}

const periodSchema = z
  .object({ from: instant, to: instant, campaignId: identifier.optional() })
  .refine((p) => !(p.to instanceof Date && p.from instanceof Date && p.to < p.from), {
    message: 'from must not be after to',
    path: ['to'],
  });

/** Points movements with business time in [from, to), by campaign: earned, redeemed, spent at checkout, expense. */
export async function pointsActivity(
  ctx: LedgerContext,
  period: Period & { campaignId?: string },
): Promise<PointsActivity> {
  const p = parseInput(periodSchema, period, 'pointsActivity');
  const rows = await ctx.pool.query<{
    campaign_id: string | null;
    earned: string;
    redeemed: string;
    spent: string;
    expired: string;
    expense: string;
  }>(
    // The campaign of a points posting is its lot's (expiry and catalog postings predate campaign tags).
    `SELECT coalesce(p.campaign_id, pl.campaign_id) AS campaign_id,
            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'points_lot' AND t.type = 'points_earn'), 0) AS earned,
            coalesce(-sum(p.amount) FILTER (WHERE a.kind = 'points_lot' AND t.type = 'points_redeem'), 0)
              AS redeemed,
            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'points_redeemed'
                                            AND t.type IN ('points_payment', 'points_refund')), 0) AS spent,
            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'points_expired'), 0) AS expired,
            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'points_expense'), 0) AS expense
       FROM ledger_postings p
       JOIN ledger_accounts a ON a.id = p.account_id
       JOIN ledger_transactions t ON t.id = p.transaction_id
       LEFT JOIN ledger_point_lots pl ON pl.id = p.lot_id
      WHERE p.occurred_at >= $1 AND p.occurred_at < $2
        AND a.kind IN ('points_lot', 'points_redeemed', 'points_expired', 'points_expense')
        AND ($3::text IS NULL OR coalesce(p.campaign_id, pl.campaign_id) = $3)
      GROUP BY 1 ORDER BY 1 NULLS LAST`,
    [p.from, p.to, p.campaignId ?? null],
  );
  const campaigns = rows.rows.map((r) => ({
    campaignId: r.campaign_id,
    earned: fromDb(r.earned),
    redeemed: fromDb(r.redeemed),
    spentAtCheckout: fromDb(r.spent),
    expired: fromDb(r.expired),
    expense: fromDb(r.expense),
  }));
  const sum = (k: keyof Omit<PointsCampaignActivity, 'campaignId'>) =>
    totalOf(
      campaigns.map((c) => c[k]),
      `the ${k} total`,
      SMALLER_REPORT,
    );
  return {
    currency: ctx.currency,
    from: p.from.toISOString(),
    to: p.to.toISOString(),
    campaigns,
    totals: {
      earned: sum('earned'),
      redeemed: sum('redeemed'),
      spentAtCheckout: sum('spentAtCheckout'),
      expired: sum('expired'),
      expense: sum('expense'),
    },
  };
}
