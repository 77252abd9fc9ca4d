import fc from 'fast-check';
import { MemberTierConfig } from './config';
import { rank, TIERS, tierFor } from './tiers';

describe('tierFor', () => {
  const { thresholds } = MemberTierConfig.parse({});

  it('reaches each tier at its threshold exactly, not a minor unit below', () => {
    expect(tierFor(0, thresholds)).toBe('standard');
    expect(tierFor(thresholds.silver - 1, thresholds)).toBe('standard');
    expect(tierFor(thresholds.silver, thresholds)).toBe('silver');
    expect(tierFor(thresholds.gold - 1, thresholds)).toBe('silver');
    expect(tierFor(thresholds.gold, thresholds)).toBe('gold');
    expect(tierFor(thresholds.diamond - 1, thresholds)).toBe('gold');
    expect(tierFor(thresholds.diamond, thresholds)).toBe('diamond');
    expect(tierFor(Number.MAX_SAFE_INTEGER, thresholds)).toBe('diamond');
  });

  it('jumps straight to the tier a big spend reaches', () => {
    expect(tierFor(thresholds.diamond + thresholds.gold, thresholds)).toBe('diamond');
  });

  it('never falls as the spend grows, and is the highest tier whose threshold the spend reaches', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 1e11 }), { minLength: 3, maxLength: 3 }),
        (spend, more, raw) => {
          const [silver, gold, diamond] = [...raw].sort((a, b) => a - b) as [number, number, number];
          const t = { silver, gold, diamond };
          const tier = tierFor(spend, t);
          expect(rank(tierFor(spend + more, t))).toBeGreaterThanOrEqual(rank(tier));
          const reached = TIERS.filter((name) => name === 'standard' || spend >= t[name]);
          expect(tier).toBe(reached.at(-1));
        },
      ),
    );
  });
});
