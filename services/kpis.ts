import type { Pool } from 'pg';
import type { PromotionCodeStore } from '../stores/promotion-codes';
import type { CampaignStore } from '../stores/campaigns';
import { KpiStore, NO_VARIANT, type DailyFacts, type VariantFacts } from '../stores/kpis';
import { referralLeaderboard, type LeaderboardEntry } from '../stores/leaderboard';
import { CAMPAIGN_JOURNEY_CUSTOMER } from './campaigns';
import { ServiceError } from './errors';

/** Decimal places of every ratio string (4: a rate of "0.3750" is 37.50 %). */
export const RATIO_SCALE = 4;

/**
 * num / den as a decimal string with `scale` places, rounded half away from zero, computed on integers (BigInt), so
 * money ratios never pass through floating point. null when the denominator is 0.
 */
export function ratio(num: number, den: number, scale = RATIO_SCALE): string | null {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) throw new Error('ratio takes safe integers');
  if (den === 0) return null;
  const negative = num < 0 !== den < 0 && num !== 0;
  const a = BigInt(Math.abs(num)) * 10n ** BigInt(scale);
  const b = BigInt(Math.abs(den));
  const q = (2n * a + b) / (2n * b);
  const digits = q.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  const text = scale > 0 ? `${whole}.${frac}` : whole;
  return negative && q !== 0n ? `-${text}` : text;
}

/** Two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion x/n (Wilson 1927; Newcombe 1998 method 3): well-behaved for small n
 * and for proportions near 0 or 1, unlike the Wald interval. null when n = 0.
 */
export function wilsonInterval(x: number, n: number, z = Z95): Interval | null {
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(n) || x < 0 || n < 0 || x > n) {
    throw new Error(`wilsonInterval needs integers 0 <= x <= n (got ${x}/${n})`);
  }
  if (n === 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Interval for the difference of two independent proportions p1 − p2 built from their Wilson intervals (Newcombe 1998,
 * "hybrid score", method 10). null when either sample is empty.
 */
export function differenceInterval(x1: number, n1: number, x2: number, n2: number, z = Z95): Interval | null {
  const w1 = wilsonInterval(x1, n1, z);
  const w2 = wilsonInterval(x2, n2, z);
  if (!w1 || !w2) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  };
}

/** Statistics are reported with 6 decimals: they are estimates, not money. */
const stat = (v: number): number => Math.round(v * 1e6) / 1e6;

export interface DailyPoint {
  day: string;
  lotsGranted: number;
  amountGranted: number;
  amountRedeemed: number;
  amountReversed: number;
  /** amountRedeemed − amountReversed: negative on a day with more refunds than redemptions. */
  amountRedeemedNet: number;
}

export interface KpiMetrics {
  journeysStarted: number;
  /** Refused as `excluded`: another campaign of the exclusivity group pays the customer (a refusal, not a failure). */
  journeysExcluded: number;
  customersReached: number;
  credits: {
    lotsGranted: number;
    amountGranted: number;
    customersGranted: number;
    lotsClaimed: number;
    customersConverted: number;
    amountRedeemed: number;
    amountReversed: number;
  };
  grantRate: string | null;
  claimRate: string | null;
  redemptionRate: string | null;
  attributedGmv: number;
  ordersAttributed: number;
  ordersRefunded: number;
  refundedGmv: number;
  cost: number;
  roi: string | null;
  series: DailyPoint[];
}

export interface VariantReport {
  name: string;
  weight: number;
  customersAssigned: number;
  /** Customers of the variant who converted (own a claimed lot), over customers assigned. */
  conversion: { converted: number; assigned: number; rate: number | null; ci95: Interval | null };
  metrics: KpiMetrics;
}

export interface VariantComparison {
  variant: string;
  baseline: string;
  /** conversion(variant) − conversion(baseline). */
  difference: number | null;
  ci95: Interval | null;
  /** The interval excludes 0. */
  significant: boolean | null;
}

export interface CampaignKpis {
  campaignId: string;
  journeyType: string;
  currency: string;
  generatedAt: string;
  totals: KpiMetrics;
  referrals?: { referrals: number; valid: number; paid: number; conversion: string | null };
  /** Campaigns that issued promotion codes: 领取率 as codes claimed over codes issued. */
  codes?: { issued: number; claimed: number; claimRate: string | null };
  abTest?: {
    metric: 'customer-conversion';
    confidence: 0.95;
    variants: VariantReport[];
    /** Customers with journeys or credit but no recorded assignment (e.g. granted before variants applied). */
    unassigned: KpiMetrics | null;
    comparisons: VariantComparison[];
  };
}

const EMPTY: VariantFacts = {
  variant: NO_VARIANT,
  journeysStarted: 0,
  journeysExcluded: 0,
  customersReached: 0,
  customersAssigned: 0,
  lotsGranted: 0,
  amountGranted: 0,
  customersGranted: 0,
  lotsClaimed: 0,
  customersConverted: 0,
  amountRedeemed: 0,
  amountReversed: 0,
  ordersAttributed: 0,
  ordersRefunded: 0,
  attributedGmv: 0,
  refundedGmv: 0,
};

function sumFacts(rows: readonly VariantFacts[]): VariantFacts {
  const out: VariantFacts = { ...EMPTY };
  for (const r of rows) {
    for (const key of Object.keys(EMPTY) as (keyof VariantFacts)[]) {
      if (key !== 'variant') out[key] += r[key];
    }
  }
  return out;
}

function series(days: readonly DailyFacts[]): DailyPoint[] {
  const byDay = new Map<string, DailyPoint>();
  for (const d of days) {
    const p = byDay.get(d.day) ?? {
      day: d.day,
      lotsGranted: 0,
      amountGranted: 0,
      amountRedeemed: 0,
      amountReversed: 0,
      amountRedeemedNet: 0,
    };
    p.lotsGranted += d.lotsGranted;
    p.amountGranted += d.amountGranted;
    p.amountRedeemed += d.amountRedeemed;
    p.amountReversed += d.amountReversed;
    p.amountRedeemedNet = p.amountRedeemed - p.amountReversed;
    byDay.set(d.day, p);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

function metrics(f: VariantFacts, days: readonly DailyFacts[]): KpiMetrics {
  // Customers counted as reached also include those granted without a journey event (e.g. support credit).
  const cost = f.amountRedeemed - f.amountReversed;
  return {
    journeysStarted: f.journeysStarted,
    journeysExcluded: f.journeysExcluded,
    customersReached: f.customersReached,
    credits: {
      lotsGranted: f.lotsGranted,
      amountGranted: f.amountGranted,
      customersGranted: f.customersGranted,
      lotsClaimed: f.lotsClaimed,
      customersConverted: f.customersConverted,
      amountRedeemed: f.amountRedeemed,
      amountReversed: f.amountReversed,
    },
    grantRate: ratio(f.customersGranted, f.customersReached),
    claimRate: ratio(f.lotsClaimed, f.lotsGranted),
    redemptionRate: ratio(cost, f.amountGranted),
    attributedGmv: f.attributedGmv,
    ordersAttributed: f.ordersAttributed,
    ordersRefunded: f.ordersRefunded,
    refundedGmv: f.refundedGmv,
    cost,
    roi: ratio(f.attributedGmv - cost, cost),
    series: series(days),
  };
}

/** Campaign KPIs (seed 000 数据驱动: 领取率、核销率、GMV、ROI; A/B 测试) and the referral leaderboard (seed 002). */
export class KpiService {
  private readonly store: KpiStore;

  constructor(
    private readonly pool: Pool,
    private readonly campaigns: CampaignStore,
    private readonly codes: PromotionCodeStore,
  ) {
    this.store = new KpiStore(pool);
  }

  async campaignKpis(campaignId: string): Promise<CampaignKpis> {
    const campaign = await this.campaigns.get(campaignId);
    if (!campaign) throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
    const [facts, days, currency] = await Promise.all([
      this.store.variantFacts(campaignId, CAMPAIGN_JOURNEY_CUSTOMER),
      this.store.dailyFacts(campaignId),
      this.pool.query<{ currency: string }>('SELECT currency FROM ledger_settings'),
    ]);
    const report: CampaignKpis = {
      campaignId,
      journeyType: campaign.journeyType,
      currency: currency.rows[0]?.currency ?? 'CNY',
      generatedAt: new Date().toISOString(),
      totals: metrics(sumFacts(facts), days),
    };
    const codes = await this.codes.campaignCounts(campaignId);
    if (codes.issued > 0) report.codes = { ...codes, claimRate: ratio(codes.claimed, codes.issued) };
    if (campaign.journeyType === 'referral') {
      const r = await this.store.referralFacts(campaignId);
      report.referrals = { ...r, conversion: ratio(r.paid, r.referrals) };
    }
    if (campaign.variants?.length) {
      const variants = campaign.variants.map((v): VariantReport => {
        const f = facts.find((x) => x.variant === v.name) ?? { ...EMPTY, variant: v.name };
        const ci = wilsonInterval(f.customersConverted, f.customersAssigned);
        return {
          name: v.name,
          weight: v.weight,
          customersAssigned: f.customersAssigned,
          conversion: {
            converted: f.customersConverted,
            assigned: f.customersAssigned,
            rate: f.customersAssigned > 0 ? stat(f.customersConverted / f.customersAssigned) : null,
            ci95: ci && { low: stat(ci.low), high: stat(ci.high) },
          },
          metrics: metrics(
            f,
            days.filter((d) => d.variant === v.name),
          ),
        };
      });
      const declared = new Set(campaign.variants.map((v) => v.name));
      const rest = facts.filter((f) => !declared.has(f.variant));
      const [baseline, ...others] = variants;
      report.abTest = {
        metric: 'customer-conversion',
        confidence: 0.95,
        variants,
        unassigned: rest.length
          ? metrics(
              sumFacts(rest),
              days.filter((d) => !declared.has(d.variant)),
            )
          : null,
        comparisons: others.map((v) => {
          const b = baseline!.conversion;
          const c = v.conversion;
          const ci = differenceInterval(c.converted, c.assigned, b.converted, b.assigned);
          return {
            variant: v.name,
            baseline: baseline!.name,
            difference:
              c.assigned > 0 && b.assigned > 0
                ? stat(c.converted / c.assigned - b.converted / b.assigned)
                : null,
            ci95: ci && { low: stat(ci.low), high: stat(ci.high) },
            significant: ci ? ci.low > 0 || ci.high < 0 : null,
          };
        }),
      };
    }
    return report;
  }

  /** Top referrers of a calendar month (UTC), `month` as YYYY-MM. */
  async leaderboard(
    month: string,
    limit = 10,
  ): Promise<{ month: string; from: string; to: string; entries: LeaderboardEntry[] }> {
    const match = /^(\d{4})-(\d{2})$/.exec(month);
    if (!match) throw new ServiceError('invalid', 'INVALID_MONTH', `month must be YYYY-MM, got "${month}".`);
    const year = Number(match[1]);
    const m = Number(match[2]);
    const from = new Date(Date.UTC(year, m - 1, 1));
    const to = new Date(Date.UTC(year, m, 1));
    const entries = await referralLeaderboard(this.pool, { from, to, limit });
    return { month, from: from.toISOString(), to: to.toISOString(), entries };
  }
}
