import { z } from 'zod';
import type { LedgerContext } from '../accounts';
import { LedgerError } from '../errors';
import { fromDb, SMALLER_REPORT, totalOf } from '../money';
import { instant, type Instant } from '../time';
import { identifier, parseInput } from '../validation';

export interface ByCampaign {
  campaignId: string;
  amount: number;
}

export interface Liability {
  currency: string;
  asOf: string;
  total: number;
  byCampaign: ByCampaign[];
}

/**
 * Outstanding credit liability: value customers can still spend — live lots (not revoked, not expired at asOf)
 * at their current balances. Lots past expiry but not yet swept are excluded: they are breakage waiting to be posted.
 */
export async function outstandingLiability(ctx: LedgerContext, asOf: Instant): Promise<Liability> {
  const at = parseInput(instant, asOf, 'outstandingLiability');
  const rows = await ctx.pool.query<{ campaign_id: string; amount: string }>(
    `SELECT l.campaign_id, sum(a.balance) AS amount
       FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE a.balance > 0 AND l.revoked_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > $1)
      GROUP BY l.campaign_id ORDER BY l.campaign_id`,
    [at],
  );
  const byCampaign = rows.rows.map((r) => ({ campaignId: r.campaign_id, amount: fromDb(r.amount) }));
  return {
    currency: ctx.currency,
    asOf: at.toISOString(),
    total: totalOf(
      byCampaign.map((c) => c.amount),
      'the total',
      SMALLER_REPORT,
    ),
    byCampaign,
  };
}

const periodSchema = z
  .object({ from: instant, to: instant, campaignId: identifier.optional() })
  .refine((p) => !(p.to instanceof Date && p.from instanceof Date && p.to < p.from), {
    message: 'from must not be after to',
    path: ['to'],
  });

export interface Period {
  from: Instant;
  to: Instant;
}

export interface Breakage {
  currency: string;
  from: string;
  to: string;
  total: number;
  byCampaign: ByCampaign[];
}

/** Breakage in [from, to): credit that expired unused plus threshold-coupon value forfeited above an order. */
export async function breakage(ctx: LedgerContext, period: Period): Promise<Breakage> {
  const p = parseInput(periodSchema, period, 'breakage');
  const rows = await ctx.pool.query<{ campaign_id: string; amount: string }>(
    `SELECT campaign_id, sum(amount) AS amount FROM ledger_postings
      WHERE account_id = $1 AND occurred_at >= $2 AND occurred_at < $3
      GROUP BY campaign_id HAVING sum(amount) <> 0 ORDER BY campaign_id`,
    [ctx.accounts.breakage, p.from, p.to],
  );
  const byCampaign = rows.rows.map((r) => ({ campaignId: r.campaign_id, amount: fromDb(r.amount) }));
  return {
    currency: ctx.currency,
    from: p.from.toISOString(),
    to: p.to.toISOString(),
    total: totalOf(
      byCampaign.map((c) => c.amount),
      'the total',
      SMALLER_REPORT,
    ),
    byCampaign,
  };
}

export interface CampaignExpense {
  campaignId: string;
  /** Credit issued to customers: a liability, not yet an expense. */
  granted: number;
  /** Credit applied to orders, net of refunds: the marketing expense. */
  redeemed: number;
  /** Breakage (expired or forfeited): liability released without cost. */
  expired: number;
  /** Unused credit taken back into the campaign budget. */
  revoked: number;
  /**
   * Percent and shipping coupons: the part of their caps their redemptions did not need, back in the campaign budget
   * (net of caps reserved again by refunds). Never an expense: only the discount is.
   */
  released: number;
  /** The money value of points spent at checkout on lots of this campaign, net of refunds (points expense). */
  points: number;
  /** redeemed + points. */
  expense: number;
}

export interface MarketingExpense {
  currency: string;
  from: string;
  to: string;
  campaigns: CampaignExpense[];
  total: number;
}

/**
 * Expense recognition (seed 000 财务合规: 作为营销费用抵扣收入): credit becomes marketing expense when it is redeemed,
 * i.e. when it actually reduces what a customer pays for an order; a refund reverses it in the period of the refund.
 * Granting only creates a liability, and breakage releases it without ever having been an expense. Points spent at
 * checkout are expense too, at their money value when spent (ledger/points-payment.ts), by the campaign of their lots.
 * All figures are for postings with business time in [from, to).
 */
export async function marketingExpense(
  ctx: LedgerContext,
  period: Period & { campaignId?: string },
): Promise<MarketingExpense> {
  const p = parseInput(periodSchema, period, 'marketingExpense');
  if (p.campaignId !== undefined) {
    const known = await ctx.pool.query('SELECT 1 FROM ledger_campaigns WHERE campaign_id = $1', [
      p.campaignId,
    ]);
    if (known.rowCount === 0) {
      throw new LedgerError('NOT_FOUND', `campaign ${p.campaignId} not found`, { campaignId: p.campaignId });
    }
  }
  const rows = await ctx.pool.query<{
    campaign_id: string;
    granted: string;
    redeemed: string;
    expired: string;
    revoked: string;
    released: string;
    points: string;
  }>(
    `SELECT p.campaign_id,
            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'customer_lot' AND t.type = 'grant'), 0) AS granted,
            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'redeemed'), 0) AS redeemed,
            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'breakage'), 0) AS expired,
            -- Into a budget slot by a refund: a revoked lot's share; out of one: a restored coupon's cap reserved again.
            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'campaign_budget'
                                            AND (t.type = 'revoke' OR (t.type = 'reverse' AND p.amount > 0))), 0)
              AS revoked,
            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'campaign_budget'
                                            AND (t.type = 'redeem' OR (t.type = 'reverse' AND p.amount < 0))), 0)
              AS released,
            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'points_expense'), 0) AS points
       FROM ledger_postings p
       JOIN ledger_accounts a ON a.id = p.account_id
       JOIN ledger_transactions t ON t.id = p.transaction_id
      WHERE p.occurred_at >= $1 AND p.occurred_at < $2 AND p.campaign_id IS NOT NULL
        AND ($3::text IS NULL OR p.campaign_id = $3)
        AND a.kind IN ('customer_lot', 'redeemed', 'breakage', 'campaign_budget', 'points_expense')
      GROUP BY p.campaign_id ORDER BY p.campaign_id`,
    [p.from, p.to, p.campaignId ?? null],
  );
  const campaigns = rows.rows.map((r) => {
    const redeemed = fromDb(r.redeemed);
    const points = fromDb(r.points);
    return {
      campaignId: r.campaign_id,
      granted: fromDb(r.granted),
      redeemed,
      expired: fromDb(r.expired),
      revoked: fromDb(r.revoked),
      released: fromDb(r.released),
      points,
      expense: redeemed + points,
    };
  });
  return {
    currency: ctx.currency,
    from: p.from.toISOString(),
    to: p.to.toISOString(),
    campaigns,
    total: totalOf(
      campaigns.map((c) => c.expense),
      'the total',
      SMALLER_REPORT,
    ),
  };
}
