import { eventually, EventuallyTimeout } from './eventually';

describe('eventually', () => {
  it('returns the first truthy value by default', async () => {
    let n = 0;
    await expect(
      eventually(() => (++n >= 3 ? `ready after ${n}` : ''), { description: 'x', intervalMs: 1 }),
    ).resolves.toBe('ready after 3');
  });

  it('retries failed assertions and returns what `until` accepts', async () => {
    let n = 0;
    const value = await eventually(
      () => {
        n += 1;
        expect(n).toBeGreaterThan(1);
        return n;
      },
      { description: 'x', intervalMs: 1, until: (v) => v === 4 },
    );
    expect(value).toBe(4);
  });

  it('fails loudly on timeout, naming what it waited for and the last value', async () => {
    const waiting = eventually(() => ({ status: 'running', step: 'checking' }), {
      description: 'the review task',
      timeoutMs: 60,
      intervalMs: 10,
      until: (s) => s.status === 'waiting',
    });
    await expect(waiting).rejects.toThrow(EventuallyTimeout);
    await expect(waiting).rejects.toThrow(
      /timed out after 60 ms \(\d+ attempts\) waiting for the review task; the last value was \{ status: 'running', step: 'checking' \}/,
    );
  });

  it('fails loudly on timeout with the last error as the cause', async () => {
    const failure = new Error('WorkflowNotFoundError: no such run');
    const waiting = eventually(
      () => {
        throw failure;
      },
      { description: 'the journey', timeoutMs: 30, intervalMs: 5 },
    );
    await expect(waiting).rejects.toThrow(
      /waiting for the journey; the last attempt threw: WorkflowNotFoundError/,
    );
    await expect(waiting).rejects.toMatchObject({ cause: failure });
  });
});
