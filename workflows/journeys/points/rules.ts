import type { MultiplierWindow, PointsConfig } from './config';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type Tier = 'standard' | 'silver' | 'gold' | 'diamond';

/** When and for whom an order earns: its day in the campaign's time zone and the customer's tier at the order. */
export interface EarnContext {
  /** YYYY-MM-DD in `timezone`. */
  localDate: string;
  weekday: Weekday;
  timezone: string;
  tier: Tier | null;
}

export interface EarnBreakdown {
  units: number;
  category: number;
  /** The highest matching window's multiplier (1 when none matches) and its name. */
  window: number;
  windowName: string | null;
  tier: number;
  /** category × window × tier, capped at maxMultiplier. */
  multiplier: number;
  capped: boolean;
  points: number;
}

/** The highest multiplier among the order's categories (default 1). */
function categoryMultiplier(categories: readonly string[], c: PointsConfig): number {
  const multipliers = categories
    .map((cat) => c.categoryMultipliers[cat])
    .filter((m): m is number => m !== undefined);
  return multipliers.length > 0 ? Math.max(...multipliers) : 1;
}

/** Whether the window covers the day: its weekdays (if any) contain it and it lies within from..to (if given). */
export function windowMatches(w: MultiplierWindow, ctx: Pick<EarnContext, 'localDate' | 'weekday'>): boolean {
  if (w.weekdays && !w.weekdays.includes(ctx.weekday)) return false;
  if (w.from !== undefined && ctx.localDate < w.from) return false;
  if (w.to !== undefined && ctx.localDate > w.to) return false;
  return true;
}

/**
 * floor(amount / minorPerMajor) × pointsPerUnit × multiplier, where multiplier = the highest category multiplier ×
 * the highest matching time window × the customer's tier multiplier, capped at maxMultiplier. Windows do not add up
 * (a festival on a weekend is the festival's ×3, not ×2 × ×3); without a context (or without multipliers in the
 * config) only the category multiplier applies, as before.
 */
export function earnBreakdown(
  order: { amount: number; categories: readonly string[] },
  c: PointsConfig,
  ctx?: EarnContext,
): EarnBreakdown {
  const units = Math.floor(order.amount / c.minorPerMajor);
  const category = categoryMultiplier(order.categories, c);
  const m = c.multipliers;
  let window = 1;
  let windowName: string | null = null;
  let tier = 1;
  if (m && ctx) {
    for (const w of m.windows) {
      if (w.multiplier > window && windowMatches(w, ctx)) {
        window = w.multiplier;
        windowName = w.name;
      }
    }
    tier = (ctx.tier && m.tiers[ctx.tier]) ?? 1;
  }
  const uncapped = category * window * tier;
  const multiplier = m ? Math.min(uncapped, Math.max(m.maxMultiplier, category)) : uncapped;
  return {
    units,
    category,
    window,
    windowName,
    tier,
    multiplier,
    capped: multiplier < uncapped,
    points: units * c.pointsPerUnit * multiplier,
  };
}

/** floor(amount / minorPerMajor) × pointsPerUnit × the highest multiplier among the order's categories (default 1). */
export function pointsFor(order: { amount: number; categories: readonly string[] }, c: PointsConfig): number {
  return earnBreakdown(order, c).points;
}

/**
 * Partial expiry of one earn's remainder: floor(remaining × percent / 100) — rounded down, in the customer's favour,
 * so a remainder whose share rounds to 0 stops shrinking.
 */
export function partialExpiryOf(remaining: number, percent: number): number {
  return Math.floor((remaining * percent) / 100);
}
