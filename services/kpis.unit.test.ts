import { assignVariant } from './journey-client';
import { mergeConfig } from './campaigns';
import { differenceInterval, ratio, wilsonInterval } from './kpis';

const close = (actual: number | undefined, expected: number, places = 4) =>
  expect(actual!.toFixed(places)).toBe(expected.toFixed(places));

describe('ratio (integer-safe decimal strings)', () => {
  it('rounds half away from zero to 4 places on integers', () => {
    expect(ratio(1, 3)).toBe('0.3333');
    expect(ratio(2, 3)).toBe('0.6667');
    expect(ratio(1, 8)).toBe('0.1250');
    expect(ratio(1, 80_000)).toBe('0.0000');
    expect(ratio(1, 20_000)).toBe('0.0001'); // exactly half a unit: rounds up
    expect(ratio(26_250, 1_750)).toBe('15.0000');
    expect(ratio(-1_000, 3_000)).toBe('-0.3333');
    expect(ratio(-1, 30_000)).toBe('0.0000'); // no "-0.0000"
    expect(ratio(0, 5)).toBe('0.0000');
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(Number.MAX_SAFE_INTEGER, 1)).toBe(`${Number.MAX_SAFE_INTEGER}.0000`);
    expect(ratio(7, 2, 0)).toBe('4');
  });
});

describe('Wilson and Newcombe intervals against published values', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (score, no CC).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('Wilson %i/%i = [%f, %f]', (x, n, low, high) => {
    const ci = wilsonInterval(x, n)!;
    close(ci.low, low);
    close(ci.high, high);
  });

  it('is symmetric, contains the estimate and is null without observations', () => {
    const a = wilsonInterval(30, 100)!;
    const b = wilsonInterval(70, 100)!;
    close(a.low, 1 - b.high, 10);
    close(a.high, 1 - b.low, 10);
    expect(a.low).toBeLessThan(0.3);
    expect(a.high).toBeGreaterThan(0.3);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow();
  });

  // Newcombe (1998), "Interval estimation for the difference between independent proportions", Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
  ])('difference %i/%i − %i/%i = [%f, %f]', (x1, n1, x2, n2, low, high) => {
    const ci = differenceInterval(x1, n1, x2, n2)!;
    close(ci.low, low);
    close(ci.high, high);
  });

  it('difference interval is antisymmetric and null with an empty arm', () => {
    const ab = differenceInterval(40, 100, 25, 90)!;
    const ba = differenceInterval(25, 90, 40, 100)!;
    close(ab.low, -ba.high, 10);
    close(ab.high, -ba.low, 10);
    expect(differenceInterval(1, 2, 0, 0)).toBeNull();
  });
});

describe('A/B assignment', () => {
  const variants = [
    { name: 'control', weight: 1 },
    { name: 'bigger', weight: 1 },
    { name: 'lower-threshold', weight: 2 },
  ];

  it('is deterministic per (campaign, customer) and independent of the array instance', () => {
    for (let i = 0; i < 200; i++) {
      const customer = `cust-${i}`;
      const first = assignVariant('cmp_ab', customer, variants).name;
      expect(
        assignVariant(
          'cmp_ab',
          customer,
          variants.map((v) => ({ ...v })),
        ).name,
      ).toBe(first);
    }
    // Pinned values (computed independently: SHA-256 in Python): a change of the scheme, which would reshuffle
    // running tests, fails here.
    expect(
      ['cust-0', 'cust-1', 'cust-2', 'cust-3'].map((c) => assignVariant('cmp_ab', c, variants).name),
    ).toEqual(['bigger', 'lower-threshold', 'control', 'control']);
  });

  it('splits 1000 customers by weight within a sane band, differently per campaign', () => {
    const count = (campaignId: string) => {
      const out: Record<string, number> = { control: 0, bigger: 0, 'lower-threshold': 0 };
      for (let i = 0; i < 1000; i++) out[assignVariant(campaignId, `customer-${i}`, variants).name]! += 1;
      return out;
    };
    const a = count('cmp_a');
    // Expected 250 / 250 / 500; ±4.5 standard deviations (≈ 62 for p = 1/4, ≈ 71 for p = 1/2).
    expect(a.control).toBeGreaterThan(188);
    expect(a.control).toBeLessThan(312);
    expect(a.bigger).toBeGreaterThan(188);
    expect(a.bigger).toBeLessThan(312);
    expect(a['lower-threshold']).toBeGreaterThan(429);
    expect(a['lower-threshold']).toBeLessThan(571);
    // Another campaign re-randomises: customers do not land in the same arm everywhere.
    let same = 0;
    for (let i = 0; i < 1000; i++) {
      if (
        assignVariant('cmp_a', `customer-${i}`, variants).name ===
        assignVariant('cmp_b', `customer-${i}`, variants).name
      )
        same++;
    }
    // P(same) = 1/16 + 1/16 + 1/4 = 0.375 if independent.
    expect(same).toBeGreaterThan(300);
    expect(same).toBeLessThan(450);
  });

  it('a single weighted variant gets everyone; no variants is an error', () => {
    expect(assignVariant('c', 'x', [{ name: 'only', weight: 5 }]).name).toBe('only');
    expect(() => assignVariant('c', 'x', [])).toThrow();
  });
});

describe('variant config merge', () => {
  it('merges objects key by key and replaces scalars and arrays', () => {
    const base = {
      amount: 5000,
      validityDays: 30,
      scope: { categories: ['a', 'b'] },
      copy: { subject: 'x', body: 'y' },
    };
    expect(mergeConfig(base, { amount: 8000, scope: { categories: ['c'] }, copy: { subject: 'z' } })).toEqual(
      {
        amount: 8000,
        validityDays: 30,
        scope: { categories: ['c'] },
        copy: { subject: 'z', body: 'y' },
      },
    );
    expect(mergeConfig(base, {})).toEqual(base);
    expect(base.amount).toBe(5000); // the base is not mutated
  });
});
