import { pollUntil } from './poll';

describe('pollUntil', () => {
  it('returns the first accepted value, retrying values it does not accept and attempts that throw', async () => {
    let calls = 0;
    const result = await pollUntil(
      () => {
        calls += 1;
        if (calls === 1) throw new Error('not yet');
        return calls;
      },
      { timeoutMs: 5_000, intervalMs: 1, accept: (n) => n >= 4 },
    );
    expect(result).toEqual({ accepted: true, value: 4, attempts: 4 });
  });

  it('gives up after the timeout with the last value or error, without rejecting', async () => {
    const started = performance.now();
    const values = await pollUntil(() => 'waiting', { timeoutMs: 100, intervalMs: 10, accept: () => false });
    expect(values).toMatchObject({ accepted: false, last: { value: 'waiting' } });
    expect(values.attempts).toBeGreaterThan(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);

    const failure = new Error('query failed');
    const errors = await pollUntil(
      () => {
        throw failure;
      },
      { timeoutMs: 30, intervalMs: 5, accept: () => true },
    );
    expect(errors).toMatchObject({ accepted: false, last: { error: failure } });
  });

  it('abandons an attempt still pending at the deadline: the wait stays bounded', async () => {
    const started = performance.now();
    const result = await pollUntil(() => new Promise<never>(() => undefined), {
      timeoutMs: 50,
      intervalMs: 10,
      accept: () => true,
    });
    expect(result).toEqual({ accepted: false, last: undefined, attempts: 1 });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
