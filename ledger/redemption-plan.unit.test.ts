import fc from 'fast-check';
import { byRedemptionPriority, isUsable, type Lot } from './lots';
import { eligibleBase, planRedemption, thresholdBase, type Order } from './redemption-plan';

const AS_OF = new Date('2025-03-10T00:00:00.000Z');
const day = (n: number) => new Date(AS_OF.getTime() + n * 86_400_000);

let next = 0;
function lot(overrides: Partial<Lot> & Pick<Lot, 'remaining'>): Lot {
  next += 1;
  return {
    lotId: `lot-${String(next).padStart(4, '0')}`,
    accountId: `acc-${next}`,
    customerId: 'c-1',
    campaignId: 'camp-1',
    kind: 'cash',
    scope: { type: 'all' },
    stacking: 'stackable',
    minOrderAmount: null,
    percentBp: null,
    giftSku: null,
    original: overrides.remaining,
    expiresAt: day(30),
    grantedAt: day(-1),
    revoked: false,
    ...overrides,
  };
}
const order = (amount: number, extra: Partial<Order> = {}): Order => ({
  orderId: 'o-1',
  amount,
  categories: [],
  ...extra,
});
const applied = (plan: ReturnType<typeof planRedemption>) => plan.applied.map((a) => [a.lotId, a.amount]);

describe('planRedemption: examples', () => {
  it('spends the soonest-expiring lot first, never-expiring last, and never more than the order', () => {
    const later = lot({ remaining: 3000, expiresAt: day(10) });
    const sooner = lot({ remaining: 3000, expiresAt: day(5) });
    const forever = lot({ remaining: 3000, expiresAt: null });
    const plan = planRedemption([forever, later, sooner], order(7000), AS_OF);
    expect(applied(plan)).toEqual([
      [sooner.lotId, 3000],
      [later.lotId, 3000],
      [forever.lotId, 1000],
    ]);
    expect(plan).toMatchObject({ total: 7000, payable: 0 });
  });

  it('ignores revoked, empty and expired lots; a lot expiring exactly now is expired', () => {
    const lots = [
      lot({ remaining: 1000, revoked: true }),
      lot({ remaining: 0 }),
      lot({ remaining: 1000, expiresAt: AS_OF }),
      lot({ remaining: 1000, expiresAt: day(-1) }),
    ];
    expect(planRedemption(lots, order(5000), AS_OF)).toEqual({ applied: [], total: 0, payable: 5000 });
  });

  it('caps the total at maxAmount', () => {
    const plan = planRedemption([lot({ remaining: 5000 })], order(8000), AS_OF, 1200);
    expect(plan).toMatchObject({ total: 1200, payable: 6800 });
  });

  it('applies a threshold coupon (满减) only from its minimum, whole, and forfeits what the order cannot hold', () => {
    const coupon = () => lot({ kind: 'threshold', remaining: 2000, minOrderAmount: 20_000 });
    expect(planRedemption([coupon()], order(19_999), AS_OF).total).toBe(0);
    expect(planRedemption([coupon()], order(20_000), AS_OF).total).toBe(2000);
    const big = lot({ kind: 'threshold', remaining: 5000, minOrderAmount: 1000 });
    expect(planRedemption([big], order(3000), AS_OF).applied).toEqual([
      { lotId: big.lotId, kind: 'threshold', amount: 3000, forfeited: 2000 },
    ]);
  });

  it('fits a threshold coupon before cash, and skips it rather than split it when it no longer fits', () => {
    const cash = lot({ remaining: 5000, expiresAt: day(1) });
    const coupon = lot({ kind: 'threshold', remaining: 2000, minOrderAmount: 10_000, expiresAt: day(60) });
    const plan = planRedemption([cash, coupon], order(10_000), AS_OF);
    // Listed in redemption priority (the cash lot expires first), but the coupon was fitted first.
    expect(applied(plan)).toEqual([
      [cash.lotId, 5000],
      [coupon.lotId, 2000],
    ]);
    const capped = planRedemption([cash, coupon], order(10_000), AS_OF, 1500);
    expect(applied(capped)).toEqual([[cash.lotId, 1500]]);
  });

  it('uses an exclusive lot alone when it applies more, and prefers the soonest expiry on a tie', () => {
    const a = lot({ remaining: 2000, expiresAt: day(20) });
    const b = lot({ remaining: 2000, expiresAt: day(20) });
    const big = lot({ remaining: 6000, stacking: 'exclusive' });
    expect(applied(planRedemption([a, b, big], order(10_000), AS_OF))).toEqual([[big.lotId, 6000]]);
    const tieSooner = lot({ remaining: 4000, stacking: 'exclusive', expiresAt: day(2) });
    expect(applied(planRedemption([a, b, tieSooner], order(10_000), AS_OF))).toEqual([
      [tieSooner.lotId, 4000],
    ]);
    const tieLater = lot({ remaining: 4000, stacking: 'exclusive', expiresAt: day(90) });
    expect(applied(planRedemption([a, b, tieLater], order(10_000), AS_OF))).toEqual([
      [a.lotId, 2000],
      [b.lotId, 2000],
    ]);
  });

  it('lets a category lot pay only for its lines, and lots share the lines', () => {
    const tea = lot({
      remaining: 5000,
      scope: { type: 'categories', categories: ['tea'] },
      expiresAt: day(1),
    });
    const any = lot({ remaining: 20_000 });
    const lined = order(10_000, {
      categories: ['tea', 'cups'],
      lines: [
        { category: 'tea', amount: 3000 },
        { category: 'cups', amount: 2000 },
      ],
    });
    expect(applied(planRedemption([tea], lined, AS_OF))).toEqual([[tea.lotId, 3000]]);
    expect(applied(planRedemption([tea, any], lined, AS_OF))).toEqual([
      [tea.lotId, 3000],
      [any.lotId, 7000],
    ]);
    // Without lines, one matching category opens the whole order to it; none opens nothing.
    expect(planRedemption([tea], order(4000, { categories: ['tea'] }), AS_OF).total).toBe(4000);
    expect(planRedemption([tea], order(4000, { categories: ['cups'] }), AS_OF).total).toBe(0);
  });
});

const CATEGORIES = ['tea', 'cups', 'books'] as const;
const SKUS = ['sku-mug', 'sku-pen'] as const;
const arbLot: fc.Arbitrary<Lot> = fc
  .record({
    id: fc.integer({ min: 0, max: 1e6 }),
    kind: fc.constantFrom('cash', 'threshold', 'rebate', 'percent', 'shipping', 'gift' as const),
    percentBp: fc.integer({ min: 1, max: 10_000 }),
    giftSku: fc.constantFrom(...SKUS),
    categories: fc.option(fc.subarray([...CATEGORIES], { minLength: 1 }), { nil: null }),
    stacking: fc.constantFrom('stackable', 'stackable', 'exclusive' as const),
    minOrderAmount: fc.integer({ min: 0, max: 20_000 }),
    remaining: fc.integer({ min: 0, max: 10_000 }),
    expiresInHours: fc.option(fc.integer({ min: -48, max: 2_000 }), { nil: null }),
    grantedHoursAgo: fc.integer({ min: 0, max: 2_000 }),
    revoked: fc.boolean(),
  })
  .map((r) => ({
    lotId: `lot-${r.id}`,
    accountId: `acc-${r.id}`,
    customerId: 'c-1',
    campaignId: 'camp-1',
    kind: r.kind,
    scope:
      r.categories === null || r.kind === 'gift' || r.kind === 'shipping'
        ? { type: 'all' }
        : { type: 'categories', categories: r.categories },
    stacking: r.stacking,
    minOrderAmount:
      r.kind === 'threshold' || (r.kind !== 'cash' && r.kind !== 'rebate' && r.minOrderAmount % 2 === 0)
        ? r.minOrderAmount
        : null,
    percentBp: r.kind === 'percent' ? r.percentBp : null,
    giftSku: r.kind === 'gift' ? r.giftSku : null,
    original: r.remaining + 100,
    remaining: r.remaining,
    expiresAt: r.expiresInHours === null ? null : new Date(AS_OF.getTime() + r.expiresInHours * 3_600_000),
    grantedAt: new Date(AS_OF.getTime() - r.grantedHoursAgo * 3_600_000),
    revoked: r.revoked,
  }));
const arbOrder: fc.Arbitrary<Order> = fc
  .record({
    amount: fc.integer({ min: 0, max: 50_000 }),
    categories: fc.subarray([...CATEGORIES]),
    lines: fc.option(
      fc.array(
        fc.record(
          {
            category: fc.constantFrom(...CATEGORIES),
            amount: fc.integer({ min: 0, max: 10_000 }),
            sku: fc.constantFrom(...SKUS),
            quantity: fc.integer({ min: 1, max: 3 }),
          },
          { requiredKeys: ['category', 'amount'] },
        ),
        {
          maxLength: 4,
        },
      ),
      { nil: undefined },
    ),
    shippingAmount: fc.option(fc.integer({ min: 0, max: 2_000 }), { nil: undefined }),
  })
  .map(({ amount, categories, lines, shippingAmount }) => {
    const lined = (lines?.reduce((s, l) => s + l.amount, 0) ?? 0) + (shippingAmount ?? 0);
    // Lines and shipping never add up to more than the order.
    return {
      orderId: 'o-1',
      amount: Math.max(amount, lined),
      categories,
      ...(lines ? { lines } : {}),
      ...(shippingAmount !== undefined ? { shippingAmount } : {}),
    };
  });
const arbLots = fc.uniqueArray(arbLot, { selector: (l) => l.lotId, maxLength: 8 });
const arbMax = fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined });

describe('planRedemption: properties', () => {
  it('adds up, stays within the order, maxAmount and each lot, and uses only usable lots, each once', () => {
    fc.assert(
      fc.property(arbLots, arbOrder, arbMax, (lots, o, max) => {
        const plan = planRedemption(lots, o, AS_OF, max);
        const byId = new Map(lots.map((l) => [l.lotId, l]));
        expect(plan.total).toBe(plan.applied.reduce((s, a) => s + a.amount, 0));
        expect(plan.payable).toBe(o.amount - plan.total);
        expect(plan.total).toBeLessThanOrEqual(Math.min(o.amount, max ?? o.amount));
        expect(new Set(plan.applied.map((a) => a.lotId)).size).toBe(plan.applied.length);
        for (const a of plan.applied) {
          const l = byId.get(a.lotId)!;
          expect(isUsable(l, AS_OF)).toBe(true);
          expect(a.amount).toBeGreaterThan(0);
          expect(a.amount).toBeLessThanOrEqual(Math.min(l.remaining, eligibleBase(o, l)));
          if (o.lines?.length || o.shippingAmount !== undefined) {
            expect(a.parts!.reduce((s, p) => s + p.amount, 0)).toBe(a.amount);
          } else {
            expect(a.parts).toBeUndefined();
          }
          expect(thresholdBase(o, l)).toBeGreaterThanOrEqual(l.minOrderAmount ?? 0);
          if (l.kind === 'threshold') {
            // All or nothing: the whole coupon goes, what the order could not hold is forfeited.
            expect(a.amount + (a.forfeited ?? 0)).toBe(l.remaining);
          } else {
            expect(a.forfeited).toBeUndefined();
          }
          if (l.kind === 'percent' || l.kind === 'shipping' || l.kind === 'gift') {
            // Used up: what the cap did not need is released (back to the budget), never forfeited.
            expect(a.amount + (a.released ?? 0)).toBe(l.remaining);
          } else {
            expect(a.released).toBeUndefined();
          }
          if (l.kind === 'percent') {
            // Never more than the rate of what the lot may discount, and never on shipping.
            expect(a.amount).toBeLessThanOrEqual(Math.floor((eligibleBase(o, l) * l.percentBp!) / 10_000));
            expect((a.parts ?? []).some((p) => p.shipping)).toBe(false);
          }
          if (l.kind === 'shipping') expect(a.parts!.every((p) => p.shipping)).toBe(true);
          if (l.kind === 'gift') {
            // One line, naming its SKU; at most one unit of it.
            expect(a.parts).toHaveLength(1);
            const line = o.lines![a.parts![0]!.line!]!;
            expect(line.sku).toBe(l.giftSku);
            expect(a.amount).toBeLessThanOrEqual(Math.floor(line.amount / (line.quantity ?? 1)));
          }
        }
        // The per-line and shipping breakdown never takes off more than the line or the shipping holds.
        for (const line of plan.lines ?? []) expect(line.discount).toBeLessThanOrEqual(line.amount);
        expect(plan.shippingDiscount ?? 0).toBeLessThanOrEqual(o.shippingAmount ?? 0);
        expect(
          (plan.lines ?? []).reduce((s, l) => s + l.discount, 0) + (plan.shippingDiscount ?? 0),
        ).toBeLessThanOrEqual(plan.total);
      }),
    );
  });

  it('never combines an exclusive lot with another, and lists lots in redemption priority', () => {
    fc.assert(
      fc.property(arbLots, arbOrder, arbMax, (lots, o, max) => {
        const plan = planRedemption(lots, o, AS_OF, max);
        const byId = new Map(lots.map((l) => [l.lotId, l]));
        const chosen = plan.applied.map((a) => byId.get(a.lotId)!);
        if (chosen.some((l) => l.stacking === 'exclusive')) expect(chosen).toHaveLength(1);
        expect([...chosen].sort(byRedemptionPriority)).toEqual(chosen);
      }),
    );
  });

  it('applies at least what any single exclusive cash or rebate lot could alone', () => {
    fc.assert(
      fc.property(arbLots, arbOrder, arbMax, (lots, o, max) => {
        const plan = planRedemption(lots, o, AS_OF, max);
        for (const l of lots.filter(
          (x) => x.stacking === 'exclusive' && (x.kind === 'cash' || x.kind === 'rebate'),
        )) {
          if (!isUsable(l, AS_OF)) continue;
          const alone = Math.min(l.remaining, eligibleBase(o, l), max ?? o.amount, o.amount);
          expect(plan.total).toBeGreaterThanOrEqual(alone);
        }
      }),
    );
  });

  it('does not depend on the order the lots are listed in', () => {
    fc.assert(
      fc.property(
        arbLots.chain((lots) =>
          fc.tuple(fc.constant(lots), fc.shuffledSubarray(lots, { minLength: lots.length })),
        ),
        arbOrder,
        arbMax,
        ([lots, shuffled], o, max) => {
          expect(planRedemption(shuffled, o, AS_OF, max)).toEqual(planRedemption(lots, o, AS_OF, max));
        },
      ),
    );
  });
});

describe('planRedemption: discount kinds', () => {
  it('takes a percent coupon off the eligible lines, per line, rounded down, before cash pays the rest', () => {
    const tenOff = lot({
      remaining: 5_000,
      kind: 'percent',
      percentBp: 1_000,
      scope: { type: 'categories', categories: ['tea'] },
    });
    const cash = lot({ remaining: 1_000 });
    const lined = order(12_345, {
      lines: [
        { category: 'tea', amount: 3_333 },
        { category: 'cups', amount: 2_000 },
        { category: 'tea', amount: 7_012 },
      ],
    });
    const plan = planRedemption([cash, tenOff], lined, AS_OF);
    expect(plan.applied).toEqual([
      {
        lotId: tenOff.lotId,
        kind: 'percent',
        amount: 333 + 701,
        released: 5_000 - 1_034,
        parts: [
          { line: 0, amount: 333 },
          { line: 2, amount: 701 },
        ],
      },
      { lotId: cash.lotId, kind: 'cash', amount: 1_000, parts: [{ line: 0, amount: 1_000 }] },
    ]);
    expect(plan.lines).toEqual([
      { line: 0, category: 'tea', amount: 3_333, discount: 1_333 },
      { line: 1, category: 'cups', amount: 2_000, discount: 0 },
      { line: 2, category: 'tea', amount: 7_012, discount: 701 },
    ]);
    expect(plan).toMatchObject({ total: 2_034, payable: 12_345 - 2_034 });
  });

  it('caps a percent coupon at its value (maxDiscount) and needs its minimum order', () => {
    const halfOff = lot({ remaining: 300, kind: 'percent', percentBp: 5_000, minOrderAmount: 1_000 });
    expect(planRedemption([halfOff], order(999), AS_OF).total).toBe(0);
    const plan = planRedemption([halfOff], order(10_000), AS_OF);
    expect(plan.applied).toEqual([{ lotId: halfOff.lotId, kind: 'percent', amount: 300 }]);
  });

  it('a second percent coupon applies to what the first left (10 % then 10 % = 19 %)', () => {
    const a = lot({ remaining: 10_000, kind: 'percent', percentBp: 1_000, expiresAt: day(1) });
    const b = lot({ remaining: 10_000, kind: 'percent', percentBp: 1_000, expiresAt: day(2) });
    expect(planRedemption([a, b], order(10_000), AS_OF).applied.map((x) => x.amount)).toEqual([1_000, 900]);
  });

  it('free shipping pays only the shipping part; percent never discounts shipping; cash may pay shipping', () => {
    const ship = lot({ remaining: 1_500, kind: 'shipping' });
    const pct = lot({ remaining: 10_000, kind: 'percent', percentBp: 1_000 });
    const o = order(10_800, { shippingAmount: 800 });
    const plan = planRedemption([ship, pct], o, AS_OF);
    // Listed in redemption priority (the shipping lot was granted first), applied percent first.
    expect(plan.applied.map((x) => [x.kind, x.amount, x.released])).toEqual([
      ['shipping', 800, 700],
      ['percent', 1_000, 9_000],
    ]);
    expect(plan.shippingDiscount).toBe(800);
    expect(planRedemption([ship], order(5_000), AS_OF).total).toBe(0);
    expect(planRedemption([lot({ remaining: 10_800 })], o, AS_OF)).toMatchObject({
      total: 10_800,
      shippingDiscount: 800,
    });
  });

  it('a free-shipping coupon’s minimum (满50包邮) is on the goods, not on the shipping it pays for', () => {
    const ship = lot({ remaining: 1_000, kind: 'shipping', minOrderAmount: 5_000 });
    expect(planRedemption([ship], order(5_800, { shippingAmount: 800 }), AS_OF).shippingDiscount).toBe(800);
    expect(planRedemption([ship], order(5_799, { shippingAmount: 800 }), AS_OF).total).toBe(0);
  });

  it('a gift item (赠品) pays for one unit of its SKU, first, up to its value; the rest of its value is released', () => {
    const mug = lot({ remaining: 3_000, kind: 'gift', giftSku: 'sku-mug' });
    const cash = lot({ remaining: 10_000 });
    const o = order(12_000, {
      lines: [
        { category: 'cups', sku: 'sku-mug', amount: 5_000, quantity: 2 },
        { category: 'tea', amount: 7_000 },
      ],
    });
    const plan = planRedemption([cash, mug], o, AS_OF);
    expect(plan.applied.map((x) => [x.kind, x.amount, x.released]).sort()).toEqual([
      ['cash', 9_500, undefined],
      ['gift', 2_500, 500],
    ]);
    expect(plan.lines).toEqual([
      { line: 0, category: 'cups', amount: 5_000, discount: 5_000 },
      { line: 1, category: 'tea', amount: 7_000, discount: 7_000 },
    ]);
    // No line names it, or the goods stay under its minimum: it waits for another order.
    expect(
      planRedemption([mug], order(5_000, { lines: [{ category: 'cups', amount: 5_000 }] }), AS_OF).total,
    ).toBe(0);
    const fromFiveHundred = lot({
      remaining: 3_000,
      kind: 'gift',
      giftSku: 'sku-mug',
      minOrderAmount: 50_000,
    });
    expect(planRedemption([fromFiveHundred], o, AS_OF).total).toBe(0);
  });
});
