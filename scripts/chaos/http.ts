/**
 * The chaos run's HTTP client: every request has a deadline (a request still open after it is a hang, which the API
 * promises never to do), and every outcome is counted, so a round can show how the API answered during its fault.
 */

/** A status code, `conn` (refused/reset: the process was down) or `hang` (no answer within the deadline). */
export type Outcome = number | 'conn' | 'hang';

export interface CallResult {
  outcome: Outcome;
  body: unknown;
  /** Seconds from Retry-After, when the answer carried one. */
  retryAfterS: number | undefined;
  ms: number;
}

export interface ServerError {
  at: string;
  method: string;
  path: string;
  status: number;
  body: string;
}

/** What the API answered during one round. */
export class OutcomeTally {
  readonly counts = new Map<string, number>();
  readonly serverErrors: ServerError[] = [];
  readonly hangs: string[] = [];
  maxAnsweredMs = 0;

  add(outcome: Outcome, ms: number): void {
    const key = String(outcome);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (typeof outcome === 'number') this.maxAnsweredMs = Math.max(this.maxAnsweredMs, ms);
  }

  count(outcome: Outcome): number {
    return this.counts.get(String(outcome)) ?? 0;
  }

  /** Answers with a status in [from, to]. */
  countRange(from: number, to: number): number {
    let n = 0;
    for (const [k, v] of this.counts) {
      const status = Number(k);
      if (Number.isInteger(status) && status >= from && status <= to) n += v;
    }
    return n;
  }

  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly deadlineMs: number,
    private readonly tally: () => OutcomeTally,
  ) {}

  async call(method: 'GET' | 'POST', path: string, key: string, body?: unknown): Promise<CallResult> {
    const started = Date.now();
    const tally = this.tally();
    const { signal, clear } = deadline(this.deadlineMs);
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
      const text = await res.text();
      const ms = Date.now() - started;
      tally.add(res.status, ms);
      if (res.status >= 500 && res.status !== 503) {
        tally.serverErrors.push({
          at: new Date().toISOString(),
          method,
          path,
          status: res.status,
          body: text.slice(0, 500),
        });
      }
      const retryAfter = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
      return {
        outcome: res.status,
        body: parseJson(text),
        retryAfterS: Number.isFinite(retryAfter) ? retryAfter : undefined,
        ms,
      };
    } catch (err) {
      const ms = Date.now() - started;
      const name = (err as Error).name;
      const outcome: Outcome = name === 'TimeoutError' || name === 'AbortError' ? 'hang' : 'conn';
      tally.add(outcome, ms);
      if (outcome === 'hang') tally.hangs.push(`${method} ${path} open after ${ms} ms`);
      return { outcome, body: undefined, retryAfterS: undefined, ms };
    } finally {
      clear();
    }
  }
}

/**
 * An abort signal that fires after `ms`, from a timer this module holds: AbortSignal.timeout's timer holds its signal
 * weakly, and one run of this suite once sat idle for minutes with no timer left (cause not proven), so the deadline
 * that defines a hang must not depend on it.
 */
export function deadline(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('deadline passed', 'TimeoutError')), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Answers a storefront retries: the API's own "try again" (503, 429), a dead or stuck process, and a 500. */
export function isRetryable(outcome: Outcome): boolean {
  return outcome === 'conn' || outcome === 'hang' || outcome === 429 || outcome >= 500;
}
