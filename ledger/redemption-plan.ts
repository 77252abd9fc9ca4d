import { byRedemptionPriority, isUsable, type CreditKind, type Lot } from './lots';

/**
 * Which lots pay for how much of an order — pure rules, no database.
 *
 * - Only usable lots (unexpired at asOf, not revoked, value left) take part; soonest expiry first, never-expiring last.
 * - Scope: an all-scope lot may pay for the whole order. A category lot pays only for order lines in its categories
 *   when `lines` are given, otherwise for the whole order as soon as one order category matches. Lots share the
 *   order: what one lot paid for a line is no longer there for the next.
 * - Threshold coupons (满减) apply when the eligible part of the order (before any credit) reaches minOrderAmount,
 *   and all-or-nothing: the whole coupon is used up in one redemption. Its applied value is capped at the eligible
 *   part of the order; a coupon bigger than that part forfeits the difference (posted to breakage). A coupon that
 *   no longer fits what other lots left of the order (or of maxAmount) is skipped rather than split.
 * - Within the stackable set threshold coupons go first (they cannot be kept partially, cash can), then cash and
 *   rebate lots fill what is left, each possibly in part.
 * - Stacking: an exclusive lot combines with nothing. The candidates are the stackable set and each exclusive lot
 *   alone; the one that applies the most credit wins; on a tie the one holding the soonest-expiring lot wins (less
 *   breakage); if still tied, the stackable set.
 * - Never more than the order amount, nor more than maxAmount when given.
 */
export interface OrderLine {
  category: string;
  amount: number;
}

export interface Order {
  orderId: string;
  amount: number;
  categories: string[];
  lines?: OrderLine[];
}

export interface AppliedLot {
  lotId: string;
  kind: CreditKind;
  amount: number;
  /** Threshold coupons only: coupon value beyond the order, used up with the coupon. */
  forfeited?: number;
}

export interface RedemptionPlan {
  applied: AppliedLot[];
  total: number;
  payable: number;
}

interface Bucket {
  category: string | null;
  left: number;
}

class OrderCapacity {
  private readonly buckets: Bucket[];
  private totalLeft: number;

  constructor(
    private readonly order: Order,
    maxAmount: number | undefined,
  ) {
    if (order.lines && order.lines.length > 0) {
      const lined = order.lines.reduce((s, l) => s + l.amount, 0);
      // The part of the order outside any line (shipping, uncategorised goods) is open to all-scope lots only.
      this.buckets = [
        { category: null, left: order.amount - lined },
        ...order.lines.map((l) => ({ category: l.category, left: l.amount })),
      ];
    } else {
      this.buckets = [{ category: null, left: order.amount }];
    }
    this.totalLeft = Math.min(order.amount, maxAmount ?? order.amount);
  }

  private eligible(lot: Lot): Bucket[] {
    if (lot.scope.type === 'all') return this.buckets;
    const categories = new Set(lot.scope.categories);
    if (this.order.lines && this.order.lines.length > 0) {
      return this.buckets.filter((b) => b.category !== null && categories.has(b.category));
    }
    return this.order.categories.some((c) => categories.has(c)) ? this.buckets : [];
  }

  available(lot: Lot): number {
    const buckets = this.eligible(lot).reduce((s, b) => s + b.left, 0);
    return Math.min(buckets, this.totalLeft);
  }

  take(lot: Lot, amount: number): void {
    let left = amount;
    for (const bucket of this.eligible(lot)) {
      const part = Math.min(left, bucket.left);
      bucket.left -= part;
      left -= part;
      if (left === 0) break;
    }
    this.totalLeft -= amount;
  }
}

/** What a lot could pay for if it were alone on the order, before any credit: what a threshold is checked against. */
export function eligibleBase(order: Order, lot: Lot): number {
  if (lot.scope.type === 'all') return order.amount;
  const categories = new Set(lot.scope.categories);
  if (order.lines && order.lines.length > 0) {
    return order.lines.filter((l) => categories.has(l.category)).reduce((s, l) => s + l.amount, 0);
  }
  return order.categories.some((c) => categories.has(c)) ? order.amount : 0;
}

function planFor(lots: Lot[], order: Order, maxAmount: number | undefined): AppliedLot[] {
  const capacity = new OrderCapacity(order, maxAmount);
  const applied: AppliedLot[] = [];
  const thresholds = lots.filter((l) => l.kind === 'threshold');
  const partials = lots.filter((l) => l.kind !== 'threshold');
  for (const lot of thresholds) {
    const base = eligibleBase(order, lot);
    if (base === 0 || base < (lot.minOrderAmount ?? 0)) continue;
    const due = Math.min(lot.remaining, base);
    if (capacity.available(lot) < due) continue;
    capacity.take(lot, due);
    const forfeited = lot.remaining - due;
    applied.push({ lotId: lot.lotId, kind: lot.kind, amount: due, ...(forfeited > 0 ? { forfeited } : {}) });
  }
  for (const lot of partials) {
    const take = Math.min(lot.remaining, capacity.available(lot));
    if (take <= 0) continue;
    capacity.take(lot, take);
    applied.push({ lotId: lot.lotId, kind: lot.kind, amount: take });
  }
  return applied;
}

function soonestExpiry(applied: AppliedLot[], lots: Map<string, Lot>): number {
  let soonest = Number.POSITIVE_INFINITY;
  for (const a of applied) soonest = Math.min(soonest, lots.get(a.lotId)?.expiresAt?.getTime() ?? Infinity);
  return soonest;
}

const sumApplied = (applied: AppliedLot[]): number => applied.reduce((s, a) => s + a.amount, 0);

export function planRedemption(
  allLots: readonly Lot[],
  order: Order,
  asOf: Date,
  maxAmount?: number,
): RedemptionPlan {
  const usable = allLots.filter((l) => isUsable(l, asOf)).sort(byRedemptionPriority);
  const byId = new Map(usable.map((l) => [l.lotId, l]));
  const candidates: AppliedLot[][] = [
    planFor(
      usable.filter((l) => l.stacking === 'stackable'),
      order,
      maxAmount,
    ),
  ];
  for (const lot of usable.filter((l) => l.stacking === 'exclusive'))
    candidates.push(planFor([lot], order, maxAmount));
  let best = candidates[0]!;
  for (const candidate of candidates.slice(1)) {
    const diff = sumApplied(candidate) - sumApplied(best);
    if (diff > 0 || (diff === 0 && soonestExpiry(candidate, byId) < soonestExpiry(best, byId)))
      best = candidate;
  }
  // Present the chosen lots in redemption priority order.
  const order_ = new Map(usable.map((l, i) => [l.lotId, i]));
  const applied = [...best].sort((a, b) => order_.get(a.lotId)! - order_.get(b.lotId)!);
  const total = sumApplied(applied);
  return { applied, total, payable: order.amount - total };
}
