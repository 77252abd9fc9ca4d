import { byRedemptionPriority, isUsable, type CreditKind, type Lot } from './lots';

/**
 * Which lots pay for how much of an order — pure rules, no database.
 *
 * - Gift items (赠品): a gift lot pays for one unit of its SKU (`amount / quantity` of the first order line naming it,
 *   rounded down), up to the lot's value, before any other discount; single use, the unused value released like a
 *   percent coupon's cap. minOrderAmount (满500赠) is checked on the goods.
 *
 * - Only usable lots (unexpired at asOf, not revoked, value left) take part; soonest expiry first, never-expiring last.
 * - Scope: an all-scope lot may pay for the whole order. A category lot pays only for order lines in its categories
 *   when `lines` are given, otherwise for the whole order as soon as one order category matches. Lots share the
 *   order: what one lot paid for a line is no longer there for the next.
 * - Shipping: `shippingAmount` is the part of the order that is shipping (neither a line nor the rest). Shipping
 *   coupons pay only for it; all-scope credit may pay for it too; percent coupons never discount it.
 * - Order of application within a set (discounts first, then what pays for the discounted price):
 *   1. percent coupons (9折: percentBp off) — each takes its rate off what is left of its eligible lines, per line,
 *      rounded down per line (never more than the rate), then capped at the lot's value (its maxDiscount); a
 *      second percent coupon applies to what the first left (10 % then 10 % = 19 %). minOrderAmount, when set, is
 *      checked against the eligible part of the order before any credit;
 *   2. shipping coupons — what is left of the shipping part, up to the lot's value, when the goods (the order
 *      without shipping) reach its minOrderAmount (满50包邮);
 *   3. threshold coupons (满减) when the eligible part of the order (before any credit) reaches minOrderAmount, all-or-
 *      nothing: the whole coupon is used up in one redemption, its applied value capped at the eligible part; a
 *      coupon bigger than that part forfeits the difference (posted to breakage); one that no longer fits what other
 *      lots left of the order (or of maxAmount) is skipped rather than split;
 *   4. cash and rebate lots fill what is left, each possibly in part.
 * - Single use: percent and shipping coupons are used up by the redemption that applies them; what their cap did not
 *   need (`released`) goes back to the campaign budget, never to breakage: a cap is a reservation, not a promise.
 * - Stacking: an exclusive lot combines with nothing. The candidates are the stackable set and each exclusive lot
 *   alone; the one that applies the most credit wins; on a tie the one holding the soonest-expiring lot wins (less
 *   breakage); if still tied, the stackable set.
 * - Never more than the order amount, nor more than maxAmount when given.
 */
export interface OrderLine {
  category: string;
  amount: number;
  /** The item: what a gift lot (赠品) names. */
  sku?: string;
  /** Units in the line (default 1): a gift pays for one, `amount / quantity` rounded down. */
  quantity?: number;
}

export interface Order {
  orderId: string;
  amount: number;
  categories: string[];
  lines?: OrderLine[];
  /** The shipping part of `amount` (outside the lines): what shipping coupons pay for. */
  shippingAmount?: number;
}

/** Where an applied amount went: an order line (its index in `order.lines`), the shipping part, or the rest. */
export interface AppliedPart {
  line?: number;
  shipping?: true;
  amount: number;
}

export interface AppliedLot {
  lotId: string;
  kind: CreditKind;
  amount: number;
  /** Threshold coupons only: coupon value beyond the order, used up with the coupon. */
  forfeited?: number;
  /** Percent and shipping coupons: the part of the cap the order did not need, given back to the campaign budget. */
  released?: number;
  /**
   * Orders with lines or a shipping part: what the lot paid for, part by part (they add up to `amount`). Left out
   * otherwise (the whole order is one part), so plans of plain orders read as they always did.
   */
  parts?: AppliedPart[];
}

/** Quotes of orders with lines: each line's discount, all lots together. */
export interface LineDiscount {
  line: number;
  category: string;
  amount: number;
  discount: number;
}

export interface RedemptionPlan {
  applied: AppliedLot[];
  total: number;
  payable: number;
  /** Orders with lines only: each line's amount and the credit applied to it. */
  lines?: LineDiscount[];
  /** Orders with a shipping part only: the credit applied to shipping. */
  shippingDiscount?: number;
}

interface Bucket {
  /** null: the part of the order outside any line and outside shipping. */
  category: string | null;
  line?: number;
  sku?: string;
  shipping?: true;
  left: number;
}

const hasLines = (order: Order): boolean => order.lines !== undefined && order.lines.length > 0;

class OrderCapacity {
  private readonly buckets: Bucket[];
  private totalLeft: number;

  constructor(
    private readonly order: Order,
    maxAmount: number | undefined,
  ) {
    const lined = (order.lines ?? []).reduce((s, l) => s + l.amount, 0);
    const shipping = order.shippingAmount ?? 0;
    // The part of the order outside any line and shipping (uncategorised goods) is open to all-scope lots only.
    this.buckets = [
      { category: null, left: order.amount - lined - shipping },
      ...(shipping > 0 ? [{ category: null, shipping: true as const, left: shipping }] : []),
      ...(order.lines ?? []).map((l, line) => ({
        category: l.category,
        line,
        ...(l.sku !== undefined ? { sku: l.sku } : {}),
        left: l.amount,
      })),
    ];
    this.totalLeft = Math.min(order.amount, maxAmount ?? order.amount);
  }

  eligible(lot: Lot): Bucket[] {
    if (lot.kind === 'shipping') return this.buckets.filter((b) => b.shipping);
    // A gift pays for one unit of its item: the first line naming it.
    if (lot.kind === 'gift')
      return this.buckets.filter((b) => b.sku === lot.giftSku && b.left > 0).slice(0, 1);
    // A percent coupon is a discount on goods: never on shipping.
    const buckets = lot.kind === 'percent' ? this.buckets.filter((b) => !b.shipping) : this.buckets;
    if (lot.scope.type === 'all') return buckets;
    const categories = new Set(lot.scope.categories);
    if (hasLines(this.order)) {
      return buckets.filter((b) => b.category !== null && categories.has(b.category));
    }
    return this.order.categories.some((c) => categories.has(c)) ? buckets : [];
  }

  available(lot: Lot): number {
    const buckets = this.eligible(lot).reduce((s, b) => s + b.left, 0);
    return Math.min(buckets, this.totalLeft);
  }

  /** What a gift item takes off: one unit of the first line naming its SKU, up to the lot's value. */
  giftParts(lot: Lot): { bucket: Bucket; amount: number }[] {
    const bucket = this.eligible(lot)[0];
    if (!bucket) return [];
    const line = this.order.lines![bucket.line!]!;
    const amount = Math.min(lot.remaining, unitPrice(line), bucket.left, this.totalLeft);
    return amount > 0 ? [{ bucket, amount }] : [];
  }

  /** What a percent coupon takes off: its rate of each eligible bucket, rounded down per bucket, then capped. */
  percentParts(lot: Lot): { bucket: Bucket; amount: number }[] {
    let cap = Math.min(lot.remaining, this.totalLeft);
    const parts: { bucket: Bucket; amount: number }[] = [];
    for (const bucket of this.eligible(lot)) {
      // Integer arithmetic: left ≤ 2^53 / 10^4 for any real order, so the product stays a safe integer.
      const amount = Math.min(cap, Math.floor((bucket.left * lot.percentBp!) / 10_000));
      if (amount <= 0) continue;
      parts.push({ bucket, amount });
      cap -= amount;
    }
    return parts;
  }

  take(lot: Lot, amount: number): AppliedPart[] {
    const parts: { bucket: Bucket; amount: number }[] = [];
    let left = amount;
    for (const bucket of this.eligible(lot)) {
      if (left === 0) break;
      const part = Math.min(left, bucket.left);
      if (part > 0) parts.push({ bucket, amount: part });
      left -= part;
    }
    return this.takeParts(parts);
  }

  takeParts(parts: { bucket: Bucket; amount: number }[]): AppliedPart[] {
    for (const { bucket, amount } of parts) {
      bucket.left -= amount;
      this.totalLeft -= amount;
    }
    return parts.map(({ bucket, amount }) => ({
      ...(bucket.line !== undefined ? { line: bucket.line } : {}),
      ...(bucket.shipping ? { shipping: true as const } : {}),
      amount,
    }));
  }
}

/** What a lot could pay for if it were alone on the order, before any credit: what a threshold is checked against. */
export function eligibleBase(order: Order, lot: Lot): number {
  if (lot.kind === 'shipping') return order.shippingAmount ?? 0;
  if (lot.kind === 'gift') {
    // The most one unit of its item could pay (which line it takes depends on what other gifts took).
    return Math.max(0, ...(order.lines ?? []).filter((l) => l.sku === lot.giftSku).map(unitPrice));
  }
  const goods = lot.kind === 'percent' ? order.amount - (order.shippingAmount ?? 0) : order.amount;
  if (lot.scope.type === 'all') return goods;
  const categories = new Set(lot.scope.categories);
  if (hasLines(order)) {
    return order.lines!.filter((l) => categories.has(l.category)).reduce((s, l) => s + l.amount, 0);
  }
  return order.categories.some((c) => categories.has(c)) ? goods : 0;
}

/**
 * What a lot's minOrderAmount is checked against: what it could pay for, except for shipping coupons (满50包邮), whose
 * threshold is on the goods (the order without its shipping part), and gift items (满500赠), on the goods without the
 * unit they make free.
 */
export function thresholdBase(order: Order, lot: Lot): number {
  const goods = order.amount - (order.shippingAmount ?? 0);
  if (lot.kind === 'shipping') return goods;
  // The free unit does not count towards the minimum it unlocks (满500赠: 500 of other goods).
  if (lot.kind === 'gift') return goods - eligibleBase(order, lot);
  return eligibleBase(order, lot);
}

/** One unit of a line: its amount over its quantity, rounded down. */
const unitPrice = (line: OrderLine): number => Math.floor(line.amount / (line.quantity ?? 1));

/** The order of application within one set: gift items, percent, shipping, threshold coupons, then divisible credit. */
const APPLICATION_STEP: Record<CreditKind, number> = {
  gift: 0,
  percent: 1,
  shipping: 2,
  threshold: 3,
  cash: 4,
  rebate: 4,
};

function planFor(lots: Lot[], order: Order, maxAmount: number | undefined): AppliedLot[] {
  const capacity = new OrderCapacity(order, maxAmount);
  const applied: AppliedLot[] = [];
  // Stable sort: within a step, redemption priority (the order `lots` came in).
  const steps = [...lots].sort((a, b) => APPLICATION_STEP[a.kind] - APPLICATION_STEP[b.kind]);
  for (const lot of steps) {
    const base = eligibleBase(order, lot);
    if (base === 0 || thresholdBase(order, lot) < (lot.minOrderAmount ?? 0)) continue;
    switch (lot.kind) {
      case 'percent':
      case 'shipping':
      case 'gift': {
        const parts =
          lot.kind === 'percent'
            ? capacity.takeParts(capacity.percentParts(lot))
            : lot.kind === 'gift'
              ? capacity.takeParts(capacity.giftParts(lot))
              : capacity.take(lot, Math.min(lot.remaining, capacity.available(lot)));
        const amount = parts.reduce((s, p) => s + p.amount, 0);
        if (amount === 0) continue;
        const released = lot.remaining - amount;
        applied.push({
          lotId: lot.lotId,
          kind: lot.kind,
          amount,
          ...(released > 0 ? { released } : {}),
          parts,
        });
        break;
      }
      case 'threshold': {
        const due = Math.min(lot.remaining, base);
        if (capacity.available(lot) < due) continue;
        const parts = capacity.take(lot, due);
        const forfeited = lot.remaining - due;
        applied.push({
          lotId: lot.lotId,
          kind: lot.kind,
          amount: due,
          ...(forfeited > 0 ? { forfeited } : {}),
          parts,
        });
        break;
      }
      case 'cash':
      case 'rebate': {
        const take = Math.min(lot.remaining, capacity.available(lot));
        if (take <= 0) continue;
        applied.push({ lotId: lot.lotId, kind: lot.kind, amount: take, parts: capacity.take(lot, take) });
        break;
      }
    }
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
  const itemised = hasLines(order) || order.shippingAmount !== undefined;
  return {
    applied: itemised ? applied : applied.map(({ parts: _parts, ...a }) => a),
    total,
    payable: order.amount - total,
    ...breakdown(order, applied),
  };
}

/** Per line (orders with lines) and for shipping (orders with a shipping part): what all applied lots took off. */
function breakdown(order: Order, applied: AppliedLot[]): Pick<RedemptionPlan, 'lines' | 'shippingDiscount'> {
  const parts = applied.flatMap((a) => a.parts ?? []);
  return {
    ...(hasLines(order)
      ? {
          lines: order.lines!.map((l, line) => ({
            line,
            category: l.category,
            amount: l.amount,
            discount: parts.filter((p) => p.line === line).reduce((s, p) => s + p.amount, 0),
          })),
        }
      : {}),
    ...(order.shippingAmount !== undefined
      ? { shippingDiscount: parts.filter((p) => p.shipping).reduce((s, p) => s + p.amount, 0) }
      : {}),
  };
}
