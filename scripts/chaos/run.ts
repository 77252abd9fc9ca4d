import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { embeddedPostgresUrl } from '../../infra/dev/embedded-postgres';
import { freePort } from '../../infra/dev/free-port';
import { startMailCapture, type MailCapture } from '../../infra/dev/mail-capture';
import { missingDeferredEffects, missingEffects } from './effects';
import { injectFault, killsProduct, type FaultKind, type FaultPlan } from './faults';
import { ApiClient, OutcomeTally } from './http';
import { checkInbox, checkInvariants, type InvariantResult } from './invariants';
import { ProductProcess } from './product';
import { SeededRandom } from './random';
import { setUpCampaigns } from './setup';
import { planCustomers, playStory, type Accepted, type StoryResult } from './storefront';

export interface ChaosOptions {
  rounds: number;
  /** The fault of each round, in order; default: every fault once, kill-product for the rest, shuffled by the seed. */
  faults?: readonly FaultKind[];
  customersPerRound: number;
  /** Customers whose stories play at the same time. */
  concurrency: number;
  seed: number;
  /** Hard bound of the whole run, set-up and clean-up included. */
  timeLimitMs: number;
  /** A request still unanswered after this is a hang. */
  requestDeadlineMs: number;
  /** The storefront gives up on a request still unaccepted this long after the round began. */
  roundTimeoutMs: number;
  /** How long accepted events may take to show their effect after the fault is over. */
  settleTimeoutMs: number;
  /** How long, at the end, emails and what waits on them may take (the outbox lease after a crash is 120 s). */
  drainTimeoutMs: number;
  bootTimeoutMs: number;
  /** Freeze length range. */
  minHoldMs: number;
  maxHoldMs: number;
  keepData: boolean;
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: ChaosOptions = {
  rounds: 16,
  customersPerRound: 24,
  concurrency: 6,
  seed: 1,
  timeLimitMs: 45 * 60_000,
  requestDeadlineMs: 20_000,
  roundTimeoutMs: 150_000,
  settleTimeoutMs: 150_000,
  drainTimeoutMs: 200_000,
  bootTimeoutMs: 120_000,
  minHoldMs: 3_000,
  maxHoldMs: 8_000,
  keepData: false,
  log: (line) => console.error(line),
};

export interface RoundReport {
  round: number;
  fault: FaultKind;
  /** The fault struck before this request (1-based) of the round was first sent. */
  faultAtRequest: number;
  faultDetail: string;
  customers: number;
  /** Requests (events, redemptions) sent / accepted with a 2xx. */
  sent: number;
  accepted: number;
  /** Every answer of the round, retries and wallet reads included: status code, conn, hang. */
  outcomes: Record<string, number>;
  maxAnsweredMs: number;
  /** From the fault's start (a killed product: from its restart) until /healthz answered 200 again. */
  recoverMs: number | null;
  /** From then until every accepted request's effect was visible. */
  settleMs: number | null;
  effectsExpected: number;
  effectsMissing: string[];
  /** Emails (and the journey steps behind them) still pending at the round's end; required only at the drain. */
  deferredPending: number;
  invariants: InvariantResult[];
  violations: string[];
}

export interface ChaosReport {
  seed: number;
  dataDir: string;
  rounds: RoundReport[];
  drain: {
    ms: number | null;
    missing: string[];
    effectsRegressed: string[];
    invariants: InvariantResult[];
    inboxDuplicates: string[];
    resentSameMessageId: number;
    emailsDelivered: number;
  } | null;
  violations: string[];
  totalMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Every fault once, kill-product for the other rounds, in an order the seed decides. */
export function scheduleFaults(random: SeededRandom, rounds: number): FaultKind[] {
  const once: FaultKind[] = [
    'kill-npm-start',
    'pg-freeze',
    'temporal-freeze',
    'pg-crash',
    'pg-restart',
    'temporal-crash',
  ];
  const schedule = random.shuffle(once).slice(0, rounds);
  while (schedule.length < rounds) schedule.push('kill-product');
  return random.shuffle(schedule);
}

async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

class TimeLimit extends Error {}

/** `work`, or an error naming `what` once `ms` have passed: no phase of a run may wait for ever. */
async function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} still unfinished after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A chaos run: the real product as a child process, rounds of storefront bursts with one fault each, and after each
 * round every invariant in SQL and every accepted request's effect. Loopback only, its own temp data dir and free
 * ports; whatever it started is killed when it ends, however it ends.
 */
export class ChaosRun {
  private readonly options: ChaosOptions;
  /** Decides everything a round plans: customers, stories, amounts, faults, their moment and length. */
  private readonly random: SeededRandom;
  /** Retry jitter: drawn as often as timing dictates, so it must not shift what the plan draws. */
  private readonly jitter: SeededRandom;
  private readonly deadline: number;
  private dataDir = '';
  private product: ProductProcess | undefined;
  private mail: MailCapture | undefined;
  private pool: Pool | undefined;
  private tally = new OutcomeTally();
  private disposed = false;
  /** What the run is doing, for the heartbeat. */
  private phase = 'starting';

  constructor(options: Partial<ChaosOptions>) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.random = new SeededRandom(this.options.seed);
    this.jitter = new SeededRandom(this.options.seed ^ 0x5bd1e995);
    this.deadline = Date.now() + this.options.timeLimitMs;
  }

  private log(line: string): void {
    this.options.log(`[chaos] ${line}`);
  }

  private checkTime(): void {
    if (Date.now() > this.deadline)
      throw new TimeLimit(`time limit of ${this.options.timeLimitMs} ms reached`);
  }

  private remaining(ms: number): number {
    return Math.max(0, Math.min(ms, this.deadline - Date.now()));
  }

  async run(): Promise<ChaosReport> {
    const started = Date.now();
    const o = this.options;
    const faults = o.faults ? [...o.faults] : scheduleFaults(this.random, o.rounds);
    const report: ChaosReport = {
      seed: o.seed,
      dataDir: '',
      rounds: [],
      drain: null,
      violations: [],
      totalMs: 0,
    };
    const heartbeat = setInterval(() => this.log(`… ${this.phase}`), 30_000);
    heartbeat.unref();
    try {
      this.dataDir = mkdtempSync(join(tmpdir(), 'perkflow-chaos-'));
      // Embedded Postgres runs as an unprivileged user when we are root: it must reach its data dir.
      chmodSync(this.dataDir, 0o755);
      report.dataDir = this.dataDir;
      this.mail = await startMailCapture({});
      const adminKey = `chaos-admin-${randomBytes(24).toString('hex')}`;
      const pgPort = await freePort();
      this.product = new ProductProcess({
        dataDir: this.dataDir,
        apiPort: await freePort(),
        pgPort,
        temporalPort: await freePort(),
        temporalUiPort: await freePort(),
        smtpPort: this.mail.smtpPort,
        adminKey,
      });
      this.log(`data in ${this.dataDir}; seed ${o.seed}; faults ${faults.join(', ')}`);
      const bootStarted = Date.now();
      this.product.start();
      await this.product.waitHealthy(this.remaining(o.bootTimeoutMs));
      this.phase = 'set-up';
      this.log(`product healthy after ${Date.now() - bootStarted} ms (pid ${this.product.pid})`);
      this.pool = new Pool({
        connectionString: embeddedPostgresUrl(pgPort, 'perkflow'),
        max: 4,
        connectionTimeoutMillis: 3_000,
        query_timeout: 15_000,
      });
      // Postgres is killed under this pool on purpose; an idle connection dying must not take the run down.
      this.pool.on('error', () => undefined);
      const api = new ApiClient(this.product.url, o.requestDeadlineMs, () => this.tally);
      const { storefrontKey } = await setUpCampaigns(api, adminKey, faults.length * o.customersPerRound * 2);

      const runTag = `s${o.seed}`;
      const allAccepted: Accepted[] = [];
      for (let i = 0; i < faults.length; i++) {
        this.checkTime();
        const round = await this.playRound(i + 1, faults[i]!, runTag, api, adminKey, storefrontKey);
        allAccepted.push(...round.accepted);
        report.rounds.push(round.report);
        report.violations.push(...round.report.violations.map((v) => `round ${i + 1} (${faults[i]}): ${v}`));
        this.log(
          `round ${i + 1} ${faults[i]}: ${round.report.accepted}/${round.report.sent} accepted, recover ` +
            `${fmtS(round.report.recoverMs)} s, settle ${fmtS(round.report.settleMs)} s, ` +
            `${round.report.violations.length} violations`,
        );
      }
      report.drain = await this.drain(api, adminKey, allAccepted);
      report.violations.push(
        ...report.drain.missing.map((m) => `drain: ${m}`),
        ...report.drain.effectsRegressed.map((m) => `drain: effect gone: ${m}`),
        ...report.drain.invariants.flatMap((r) => r.violations.map((v) => `drain: ${r.name}: ${v}`)),
        ...report.drain.inboxDuplicates.map((d) => `drain: duplicate email ${d}`),
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      report.violations.push(`run aborted: ${message}`);
      this.log(`run aborted: ${message}`);
    } finally {
      clearInterval(heartbeat);
      const clean = report.violations.length === 0;
      await this.dispose(!clean || this.options.keepData);
      report.totalMs = Date.now() - started;
    }
    return report;
  }

  private async playRound(
    round: number,
    fault: FaultKind,
    runTag: string,
    api: ApiClient,
    adminKey: string,
    storefrontKey: string,
  ): Promise<{ report: RoundReport; accepted: Accepted[] }> {
    const o = this.options;
    const product = this.product!;
    this.tally = new OutcomeTally();
    const customers = planCustomers(this.random, runTag, round, o.customersPerRound);
    const planned = customers.reduce((n, c) => n + c.steps.length, 0);
    const faultAtRequest = this.random.int(
      Math.max(1, Math.ceil(planned * 0.15)),
      Math.max(1, Math.floor(planned * 0.6)),
    );
    const plan: FaultPlan = { kind: fault, holdMs: this.random.int(o.minHoldMs, o.maxHoldMs) };
    const bootsBefore = product.bootCount;
    const pidBefore = product.pid;
    const violations: string[] = [];

    let firstAttempts = 0;
    let faultRun: Promise<{ detail: string; recoverMs: number | null }> | undefined;
    const strike = () => {
      faultRun ??= this.strike(plan, violations);
    };
    const giveUpAt = Date.now() + this.remaining(o.roundTimeoutMs);
    this.phase = `round ${round}: storefront burst, ${fault} at request ${faultAtRequest}`;
    const stories: StoryResult[] = await bounded(
      inPool(customers, o.concurrency, (c) =>
        playStory(c, {
          api,
          storefrontKey,
          random: this.jitter,
          giveUpAt,
          creditWaitMs: 30_000,
          onFirstAttempt: () => {
            firstAttempts += 1;
            if (firstAttempts === faultAtRequest) strike();
          },
        }),
      ),
      o.roundTimeoutMs + o.requestDeadlineMs + 60_000,
      `round ${round}: the storefront`,
    );
    this.log(`round ${round}: storefront done`);
    strike();
    this.phase = `round ${round}: waiting for ${fault} to be over and the product healthy`;
    const struck = await bounded(
      faultRun!,
      o.maxHoldMs + 2 * o.bootTimeoutMs + 60_000,
      `round ${round}: ${fault} and the recovery`,
    );
    const accepted = stories.flatMap((s) => s.accepted);
    for (const s of stories) {
      violations.push(...s.refused.map((r) => `refused: ${r}`));
      violations.push(...s.abandoned.map((r) => `not accepted within the round: ${r}`));
    }

    // Every accepted request's effect, within the settle bound.
    this.phase = `round ${round}: waiting for the effects of ${accepted.length} accepted requests`;
    const settleStarted = Date.now();
    let effectsMissing: string[];
    let settleMs: number | null = null;
    const settleUntil = Date.now() + this.remaining(o.settleTimeoutMs);
    for (;;) {
      try {
        effectsMissing = await missingEffects(this.pool!, api, adminKey, accepted);
      } catch (err) {
        effectsMissing = [`effects not readable: ${(err as Error).message}`];
      }
      if (effectsMissing.length === 0) {
        settleMs = Date.now() - settleStarted;
        break;
      }
      if (Date.now() > settleUntil) break;
      await sleep(1_000);
    }
    violations.push(...effectsMissing.map((m) => `lost: ${m}`));

    let invariants: InvariantResult[] = [];
    try {
      invariants = await checkInvariants(this.pool!);
    } catch (err) {
      violations.push(`invariants not checkable: ${(err as Error).message}`);
    }
    for (const r of invariants) violations.push(...r.violations.map((v) => `${r.name}: ${v}`));
    let deferredPending: number;
    try {
      deferredPending = (await missingDeferredEffects(this.pool!, this.mail!.messages(), accepted)).length;
    } catch {
      deferredPending = -1;
    }

    const tally = this.tally;
    violations.push(...tally.serverErrors.map((e) => `${e.status} on ${e.method} ${e.path}: ${e.body}`));
    violations.push(...tally.hangs.map((h) => `hang: ${h}`));
    // (A product that did not come back by itself was reported by strike() already.)
    if (!killsProduct(fault) && struck.recoverMs !== null) {
      if (tally.count('conn') > 0)
        violations.push(`${tally.count('conn')} refused/reset connections without a kill`);
      if (product.bootCount !== bootsBefore || !product.running() || product.pid !== pidBefore)
        violations.push(
          `the product process died (${JSON.stringify(product.exited())}):\n${product.logTail()}`,
        );
    }
    return {
      accepted,
      report: {
        round,
        fault,
        faultAtRequest,
        faultDetail: struck.detail,
        customers: customers.length,
        sent: stories.reduce((n, s) => n + s.sentRequests, 0),
        accepted: stories.reduce((n, s) => n + s.acceptedRequests, 0),
        outcomes: Object.fromEntries(tally.counts),
        maxAnsweredMs: tally.maxAnsweredMs,
        recoverMs: struck.recoverMs,
        settleMs,
        effectsExpected: accepted.length,
        effectsMissing,
        deferredPending,
        invariants,
        violations,
      },
    };
  }

  /** Injects the fault, then waits (bounded) until /healthz answers 200 again; a product that cannot come back is a violation. */
  private async strike(
    plan: FaultPlan,
    violations: string[],
  ): Promise<{ detail: string; recoverMs: number | null }> {
    const product = this.product!;
    let started = Date.now();
    let detail: string;
    this.log(`${plan.kind}: striking`);
    try {
      detail = await injectFault(product, plan);
      this.log(`${plan.kind}: ${detail}`);
      // A killed product is measured from its restart: the wait before it (for the dead to be reaped) is ours.
      if (killsProduct(plan.kind)) started = Date.now();
    } catch (err) {
      violations.push(`fault not injected: ${(err as Error).message}`);
      return { detail: 'not injected', recoverMs: null };
    }
    try {
      await product.waitHealthy(this.remaining(this.options.bootTimeoutMs));
      this.log(`${plan.kind}: healthy again after ${Date.now() - started} ms`);
      return { detail, recoverMs: Date.now() - started };
    } catch (err) {
      violations.push(`the product did not recover: ${(err as Error).message}`);
    }
    // Keep the run going: clear what is left of the product (orphans included) and start it on the same data.
    await product.killAll();
    product.start();
    try {
      await product.waitHealthy(this.remaining(this.options.bootTimeoutMs));
      return { detail: `${detail}; needed a clean restart`, recoverMs: null };
    } catch (err) {
      throw new Error(`the product does not start any more: ${(err as Error).message}`, { cause: err });
    }
  }

  private async drain(
    api: ApiClient,
    adminKey: string,
    accepted: Accepted[],
  ): Promise<NonNullable<ChaosReport['drain']>> {
    this.phase = 'drain: waiting for emails and the journey steps behind them';
    const started = Date.now();
    const until = Date.now() + this.remaining(this.options.drainTimeoutMs);
    let missing: string[];
    let ms: number | null = null;
    for (;;) {
      try {
        missing = await missingDeferredEffects(this.pool!, this.mail!.messages(), accepted);
      } catch (err) {
        missing = [`not readable: ${(err as Error).message}`];
      }
      if (missing.length === 0) {
        ms = Date.now() - started;
        break;
      }
      if (Date.now() > until) break;
      await sleep(2_000);
    }
    this.tally = new OutcomeTally();
    const effectsRegressed = await missingEffects(this.pool!, api, adminKey, accepted);
    const invariants = await checkInvariants(this.pool!);
    const messages = this.mail!.messages();
    const inbox = checkInbox(messages);
    return {
      ms,
      missing,
      effectsRegressed,
      invariants,
      inboxDuplicates: inbox.duplicates,
      resentSameMessageId: inbox.resentSameMessageId,
      emailsDelivered: messages.length,
    };
  }

  /** Stops everything this run started (the product gracefully if it can, then kill -9 of any leftover). */
  async dispose(keepData: boolean): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.pool?.end().catch(() => undefined);
    await this.product?.stop().catch(() => this.product?.killAll());
    await this.mail?.stop().catch(() => undefined);
    if (this.dataDir && !keepData) rmSync(this.dataDir, { recursive: true, force: true });
    else if (this.dataDir) this.log(`kept ${this.dataDir} (product logs: product-<boot>.log)`);
  }

  /** Last resort (time limit, signal): kill -9 of everything without waiting for a graceful stop. */
  async abort(): Promise<void> {
    this.disposed = true;
    await this.product?.killAll().catch(() => undefined);
    await this.mail?.stop().catch(() => undefined);
    if (this.dataDir && !this.options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function fmtS(ms: number | null): string {
  return ms === null ? '-' : (ms / 1000).toFixed(1);
}

export function runChaos(options: Partial<ChaosOptions>): Promise<ChaosReport> {
  return new ChaosRun(options).run();
}
