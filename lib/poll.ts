import { setTimeout as delay } from 'node:timers/promises';

/** What the last attempt of a poll saw: the value it read, or what it threw. */
export type PollAttempt<T> = { value: T } | { error: unknown };

export type PollResult<T> =
  | { accepted: true; value: T; attempts: number }
  | { accepted: false; last: PollAttempt<T> | undefined; attempts: number };

export interface PollOptions<T> {
  /** How long to keep trying, in real time (ms). */
  timeoutMs: number;
  /** Pause between two attempts (ms). */
  intervalMs: number;
  /** Whether a value read is the one waited for. */
  accept: (value: T) => boolean;
}

const DEADLINE = Symbol('poll deadline');

/**
 * Reads `probe` every `intervalMs` until `accept` takes what it returned or `timeoutMs` has passed. An attempt that
 * throws counts as "not yet" (e.g. a workflow query before the workflow's first task ran). A probe still pending at
 * the deadline is abandoned, so the wait is bounded even when the thing polled hangs.
 *
 * Never rejects for a timeout: what running out of time means (a fallback answer, a failed test) is the caller's call.
 */
export async function pollUntil<T>(
  probe: () => T | Promise<T>,
  options: PollOptions<T>,
): Promise<PollResult<T>> {
  const deadline = performance.now() + options.timeoutMs;
  let last: PollAttempt<T> | undefined;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const attempt = await beforeDeadline(probe, deadline);
    if (attempt === DEADLINE) break;
    if ('value' in attempt && options.accept(attempt.value)) {
      return { accepted: true, value: attempt.value, attempts };
    }
    last = attempt;
    const pause = Math.min(options.intervalMs, deadline - performance.now());
    if (pause <= 0) break;
    await delay(pause);
  }
  return { accepted: false, last, attempts };
}

async function beforeDeadline<T>(
  probe: () => T | Promise<T>,
  deadline: number,
): Promise<PollAttempt<T> | typeof DEADLINE> {
  const attempt = (async (): Promise<PollAttempt<T>> => {
    try {
      return { value: await probe() };
    } catch (error) {
      return { error };
    }
  })();
  const timer = new AbortController();
  try {
    return await Promise.race([
      attempt,
      delay(Math.max(0, deadline - performance.now()), DEADLINE, { signal: timer.signal }),
    ]);
  } finally {
    timer.abort();
  }
}
