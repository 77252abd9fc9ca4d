import fc from 'fast-check';
import { PointsConfig } from './config';
import { pointsFor } from './rules';

describe('pointsFor', () => {
  const config = PointsConfig.parse({ categoryMultipliers: { tea: 3, cups: 2, promo: 0 } });

  it('earns 1 point per whole currency unit, floored', () => {
    expect(pointsFor({ amount: 12_345, categories: [] }, config)).toBe(123);
    expect(pointsFor({ amount: 99, categories: [] }, config)).toBe(0);
    expect(pointsFor({ amount: 100, categories: [] }, config)).toBe(1);
    expect(pointsFor({ amount: 0, categories: [] }, config)).toBe(0);
  });

  it('takes the highest multiplier among the order categories; unknown categories count 1, a 0 multiplier none', () => {
    expect(pointsFor({ amount: 10_000, categories: ['tea', 'cups'] }, config)).toBe(300);
    expect(pointsFor({ amount: 10_000, categories: ['cups', 'unknown'] }, config)).toBe(200);
    expect(pointsFor({ amount: 10_000, categories: ['unknown'] }, config)).toBe(100);
    expect(pointsFor({ amount: 10_000, categories: ['promo'] }, config)).toBe(0);
    expect(pointsFor({ amount: 10_000, categories: ['promo', 'tea'] }, config)).toBe(300);
  });

  it('scales with pointsPerUnit and the currency unit size', () => {
    const yen = PointsConfig.parse({ pointsPerUnit: 2, minorPerMajor: 1 });
    expect(pointsFor({ amount: 1_234, categories: [] }, yen)).toBe(2_468);
  });

  it('equals floor(amount / unit) × per-unit × best multiplier, and never falls as the amount grows', () => {
    const categories = fc.subarray(['tea', 'cups', 'promo', 'books']);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e9 }),
        categories,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 1000 }),
        (amount, more, cats, pointsPerUnit, minorPerMajor) => {
          const c = { ...config, pointsPerUnit, minorPerMajor };
          const known = cats.map((cat) => c.categoryMultipliers[cat]).filter((m) => m !== undefined);
          const best = known.length > 0 ? Math.max(...known) : 1;
          const points = pointsFor({ amount, categories: cats }, c);
          expect(points).toBe(Math.floor(amount / minorPerMajor) * pointsPerUnit * best);
          expect(pointsFor({ amount: amount + more, categories: cats }, c)).toBeGreaterThanOrEqual(points);
        },
      ),
    );
  });
});
