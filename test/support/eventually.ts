import { inspect } from 'node:util';
import { pollUntil, type PollAttempt } from '../../lib/poll';

export interface EventuallyOptions<T> {
  /** What is awaited, for the timeout message ("the low-stock mail", "journey x idle"). */
  description: string;
  /** Real time to keep trying (default 15 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 50 ms). */
  intervalMs?: number;
  /** Whether a value is the awaited one; default: any truthy value. */
  until?: (value: T) => boolean;
}

/** Thrown when `eventually` runs out of time; names what was awaited and what the last attempt saw. */
export class EventuallyTimeout extends Error {
  constructor(
    readonly description: string,
    readonly timeoutMs: number,
    readonly attempts: number,
    readonly last: PollAttempt<unknown> | undefined,
  ) {
    super(
      `timed out after ${timeoutMs} ms (${attempts} attempts) waiting for ${description}; ${describeLast(last)}`,
      last && 'error' in last ? { cause: last.error } : undefined,
    );
    this.name = 'EventuallyTimeout';
  }
}

function describeLast(last: PollAttempt<unknown> | undefined): string {
  if (!last) return 'no attempt finished in time';
  if ('error' in last) {
    const error = last.error;
    return `the last attempt threw: ${error instanceof Error ? error.message : inspect(error)}`;
  }
  return `the last value was ${inspect(last.value, { depth: 4, breakLength: Infinity, maxStringLength: 500 })}`;
}

/**
 * The one way tests wait for something that happens in real time (a worker writing a row, a mail arriving, a journey
 * going idle): calls `probe` until it returns a value `until` accepts (default: truthy), and returns that value. A
 * probe that throws (a failed `expect`, a query before the workflow ran) is retried. Past the limit it throws an
 * EventuallyTimeout naming `description` and the last value or error: a wait never succeeds silently.
 *
 * It never skips workflow time; skipping is the stack's `advance`.
 */
export async function eventually<T>(probe: () => T | Promise<T>, options: EventuallyOptions<T>): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const result = await pollUntil(probe, {
    timeoutMs,
    intervalMs: options.intervalMs ?? 50,
    accept: options.until ?? ((value) => Boolean(value)),
  });
  if (result.accepted) return result.value;
  throw new EventuallyTimeout(options.description, timeoutMs, result.attempts, result.last);
}
