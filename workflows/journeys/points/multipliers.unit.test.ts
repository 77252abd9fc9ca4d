import fc from 'fast-check';
import { PointsConfig } from './config';
import { earnBreakdown, partialExpiryOf, pointsFor, windowMatches, type EarnContext } from './rules';

describe('earnBreakdown (time-window and tier multipliers)', () => {
  const config = PointsConfig.parse({
    categoryMultipliers: { tea: 2, promo: 0 },
    multipliers: {
      windows: [
        { name: 'weekend', multiplier: 2, weekdays: ['sat', 'sun'] },
        { name: '双11', multiplier: 3, from: '2026-11-11', to: '2026-11-11' },
        {
          name: 'golden-week-weekend',
          multiplier: 2,
          weekdays: ['sat'],
          from: '2026-10-01',
          to: '2026-10-07',
        },
      ],
      tiers: { silver: 1, gold: 2, diamond: 3 },
      maxMultiplier: 5,
    },
  });
  const day = (localDate: string, weekday: EarnContext['weekday'], tier: EarnContext['tier'] = null) => ({
    localDate,
    weekday,
    timezone: 'Asia/Shanghai',
    tier,
  });

  it('takes the highest matching window (windows never multiply each other)', () => {
    // 2026-11-11 is a Wednesday; suppose a Saturday festival: ×3 beats ×2, not ×6.
    expect(earnBreakdown({ amount: 10_000, categories: [] }, config, day('2026-11-11', 'sat'))).toMatchObject(
      {
        window: 3,
        windowName: '双11',
        multiplier: 3,
        points: 300,
      },
    );
    expect(earnBreakdown({ amount: 10_000, categories: [] }, config, day('2026-11-14', 'sat'))).toMatchObject(
      {
        window: 2,
        windowName: 'weekend',
      },
    );
    expect(earnBreakdown({ amount: 10_000, categories: [] }, config, day('2026-11-12', 'thu'))).toMatchObject(
      {
        window: 1,
        windowName: null,
        points: 100,
      },
    );
  });

  it('a window with weekdays and dates needs both', () => {
    const w = config.multipliers!.windows[2]!;
    expect(windowMatches(w, { localDate: '2026-10-03', weekday: 'sat' })).toBe(true);
    expect(windowMatches(w, { localDate: '2026-10-04', weekday: 'sun' })).toBe(false);
    expect(windowMatches(w, { localDate: '2026-10-10', weekday: 'sat' })).toBe(false);
  });

  it('multiplies category × window × tier and caps the product at maxMultiplier', () => {
    expect(
      earnBreakdown({ amount: 10_000, categories: ['tea'] }, config, day('2026-11-12', 'thu', 'gold')),
    ).toMatchObject({ category: 2, window: 1, tier: 2, multiplier: 4, capped: false, points: 400 });
    expect(
      earnBreakdown({ amount: 10_000, categories: ['tea'] }, config, day('2026-11-11', 'wed', 'diamond')),
    ).toMatchObject({ multiplier: 5, capped: true, points: 500 });
    // A tier the config does not list (standard) and no tier both count 1.
    expect(
      earnBreakdown({ amount: 10_000, categories: [] }, config, day('2026-11-12', 'thu', 'standard')).tier,
    ).toBe(1);
    // A 0 category multiplier stays 0 whatever the window or tier.
    expect(
      earnBreakdown({ amount: 10_000, categories: ['promo'] }, config, day('2026-11-11', 'wed', 'diamond'))
        .points,
    ).toBe(0);
  });

  it('never caps below the category multiplier alone, and without multipliers behaves as before', () => {
    const highCategory = PointsConfig.parse({
      categoryMultipliers: { gold: 20 },
      multipliers: { tiers: { gold: 2 }, maxMultiplier: 5 },
    });
    expect(
      earnBreakdown({ amount: 10_000, categories: ['gold'] }, highCategory, day('2026-01-01', 'thu', 'gold')),
    ).toMatchObject({ multiplier: 20, capped: true });
    const plain = PointsConfig.parse({ categoryMultipliers: { tea: 3 } });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.boolean(), (amount, tea) => {
        const order = { amount, categories: tea ? ['tea'] : [] };
        expect(earnBreakdown(order, plain, day('2026-11-11', 'sat', 'diamond')).points).toBe(
          pointsFor(order, plain),
        );
      }),
    );
  });

  it('points are always units × pointsPerUnit × a multiplier within [0, max(cap, category)]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.subarray(['tea', 'promo', 'other']),
        fc.constantFrom('mon', 'sat', 'sun', 'wed') as fc.Arbitrary<EarnContext['weekday']>,
        fc.constantFrom(null, 'standard', 'silver', 'gold', 'diamond') as fc.Arbitrary<EarnContext['tier']>,
        (amount, categories, weekday, tier) => {
          const b = earnBreakdown({ amount, categories }, config, day('2026-11-11', weekday, tier));
          expect(b.points).toBe(Math.floor(amount / 100) * b.multiplier);
          expect(b.multiplier).toBeLessThanOrEqual(Math.max(5, b.category));
          expect(b.multiplier).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('partialExpiryOf', () => {
  it('rounds the share down, in the customer’s favour', () => {
    expect(partialExpiryOf(999, 30)).toBe(299);
    expect(partialExpiryOf(1000, 30)).toBe(300);
    expect(partialExpiryOf(3, 30)).toBe(0);
    expect(partialExpiryOf(0, 30)).toBe(0);
  });

  it('never expires more than the remainder and leaves the rest', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 99 }),
        (remaining, percent) => {
          const cut = partialExpiryOf(remaining, percent);
          expect(Number.isInteger(cut)).toBe(true);
          expect(cut).toBeLessThanOrEqual(remaining);
          expect(cut).toBeGreaterThan((remaining * percent) / 100 - 1);
        },
      ),
    );
  });
});
