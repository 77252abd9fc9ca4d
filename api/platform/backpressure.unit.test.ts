import { retryAfterSeconds } from './backpressure';

describe('Retry-After of refused intake', () => {
  it('is at least half the lag, at most half of that again, within 1..60 s', () => {
    expect(retryAfterSeconds(0, () => 0)).toBe(1);
    expect(retryAfterSeconds(2_100, () => 0)).toBe(2);
    expect(retryAfterSeconds(2_100, () => 0.999)).toBe(3);
    expect(retryAfterSeconds(10_000, () => 0)).toBe(5);
    expect(retryAfterSeconds(10_000, () => 0.999)).toBe(7);
    expect(retryAfterSeconds(118_000, () => 0.999)).toBe(60);
    expect(retryAfterSeconds(3_600_000, () => 0)).toBe(40);
  });

  it('spreads clients refused in the same second over several instants', () => {
    const answers = Array.from({ length: 200 }, () => retryAfterSeconds(16_000));
    expect(Math.min(...answers)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...answers)).toBeLessThanOrEqual(12);
    expect(new Set(answers).size).toBeGreaterThanOrEqual(3);
  });

  it('keeps spreading them when the backlog is worst (a lag of minutes)', () => {
    for (const lagMs of [120_000, 600_000]) {
      const answers = Array.from({ length: 300 }, () => retryAfterSeconds(lagMs));
      expect(Math.min(...answers)).toBe(40);
      expect(Math.max(...answers)).toBeLessThanOrEqual(60);
      expect(new Set(answers).size).toBeGreaterThanOrEqual(10);
    }
  });
});
