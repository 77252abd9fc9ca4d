import fc from 'fast-check';
import { applyBasisPoints, percent, tierRate } from './rates';

/** Largest amount × basis points still exact in a double; beyond it only BigInt arithmetic is right. */
const MAX_BP = 10_000;

describe('applyBasisPoints', () => {
  it('floors amount × bp / 10 000', () => {
    expect(applyBasisPoints(10_000, 300)).toBe(300);
    expect(applyBasisPoints(999_999, 300)).toBe(29_999); // 29 999.97 floors
    expect(applyBasisPoints(123_456, 200)).toBe(2_469); // 2 469.12
    expect(applyBasisPoints(1, 9_999)).toBe(0);
    expect(applyBasisPoints(0, 800)).toBe(0);
    expect(applyBasisPoints(5_000, 10_000)).toBe(5_000);
  });

  it('stays exact where amount × bp passes 2^53 (a double would round)', () => {
    expect(applyBasisPoints(Number.MAX_SAFE_INTEGER, 800)).toBe(720_575_940_379_279);
    // 9 007 199 254 740 987 × 8 % = 720 575 940 379 278.96: the double product rounds up past the floor.
    expect(applyBasisPoints(9_007_199_254_740_987, 800)).toBe(720_575_940_379_278);
    expect(Math.floor((9_007_199_254_740_987 * 800) / 10_000)).toBe(720_575_940_379_279);
  });

  it('equals the BigInt floor, never exceeds the amount at ≤ 100 %, and is monotonic in amount and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: MAX_BP }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (amount, bp, more) => {
          const rebate = applyBasisPoints(amount, bp);
          expect(BigInt(rebate)).toBe((BigInt(amount) * BigInt(bp)) / 10_000n);
          expect(rebate).toBeLessThanOrEqual(amount);
          expect(Number.isSafeInteger(rebate)).toBe(true);
          if (amount + more <= Number.MAX_SAFE_INTEGER)
            expect(applyBasisPoints(amount + more, bp)).toBeGreaterThanOrEqual(rebate);
          if (bp < MAX_BP) expect(applyBasisPoints(amount, bp + 1)).toBeGreaterThanOrEqual(rebate);
        },
      ),
    );
  });

  it('splitting an amount never earns more than the whole (floors only lose)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: MAX_BP }),
        (a, b, bp) => {
          const whole = applyBasisPoints(a + b, bp);
          const parts = applyBasisPoints(a, bp) + applyBasisPoints(b, bp);
          expect(parts).toBeLessThanOrEqual(whole);
          expect(whole - parts).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('percent', () => {
  it('prints basis points as a percentage without trailing zeros', () => {
    expect([300, 250, 75, 1000, 1, 10_000, 0].map(percent)).toEqual([
      '3',
      '2.5',
      '0.75',
      '10',
      '0.01',
      '100',
      '0',
    ]);
  });

  it('reads back to the same basis points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_BP }), (bp) => {
        expect(Math.round(Number(percent(bp)) * 100)).toBe(bp);
      }),
    );
  });
});

describe('tierRate', () => {
  const tiers = [
    { minAmount: 1_000_000, rateBp: 300 },
    { minAmount: 3_000_000, rateBp: 500 },
    { minAmount: 5_000_000, rateBp: 800 },
  ];

  it('takes the highest tier reached, a threshold reached exactly included, 0 below the first', () => {
    expect(
      [0, 999_999, 1_000_000, 2_999_999, 3_000_000, 4_999_999, 5_000_000, 9e12].map((a) =>
        tierRate(tiers, a),
      ),
    ).toEqual([0, 0, 300, 300, 500, 500, 800, 800]);
    expect(tierRate([], 5_000_000)).toBe(0);
  });

  it('is the rate of the last tier whose minimum the amount reaches, and never falls as the amount grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 1e10 }), (amount, more) => {
        const reached = tiers.filter((t) => amount >= t.minAmount);
        expect(tierRate(tiers, amount)).toBe(reached.at(-1)?.rateBp ?? 0);
        expect(tierRate(tiers, amount + more)).toBeGreaterThanOrEqual(tierRate(tiers, amount));
      }),
    );
  });
});
