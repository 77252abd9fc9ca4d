/**
 * `npm run bench:scale` (not a test): first orders of N new customers through POST /v1/events on the product as
 * `npm start` runs it, side by side with a baseline measured in the same run.
 *
 * For each side the bench starts `node --import tsx scripts/start.ts` of that side's tree on a fresh data dir (embedded
 * Postgres, the Temporal CLI dev server, SMTP capture, worker and API in one process tree, demo campaigns seeded —
 * one per journey plugin, so a first order starts four journeys and signals two more), on free loopback ports, then:
 *   load   `--concurrency` loops POST one first order each for a new customer until N are accepted (a 503 is
 *          retried after its Retry-After, as a storefront would), timing each answer;
 *   drain  waits (at most `--drain-s`) until the sampled journeys (1 customer in `--sample-every`) ran their first step;
 *   read   first-step lag of every sampled journey (its history: start → first completed workflow task), history
 *          events and bytes per journey, open journeys (Temporal count), RSS of node (API + worker), dev server and
 *          Postgres (peak during the load and at its end), CPU each of them spent during the load per accepted order
 *          and the machine's busy share (which part is the wall);
 *   restart stops the tree (SIGINT, as Ctrl-C) and starts it again on the same data: time to stop and to healthy,
 *          idle RSS `--idle-s` after, open journeys before and after, and whether sampled sleeping journeys still
 *          sleep to the same instants (their pending timers read from their histories before and after);
 * and stops the tree (SIGINT, as Ctrl-C; SIGKILL of the group if it has not stopped in 60 s). Every
 * `--progress-every` accepted orders (default a tenth of the stage) a line gives the window's orders/s and the RSS of
 * each part, so a long stage shows rate decay and memory against the journeys open.
 *
 * Baseline: the pre-change revision, `git archive` of `--baseline-rev` (default: the merge-base with `main`) into a
 * temp dir with node_modules and tools/ symlinked, run the same way with the same load. `--baseline none` skips it.
 * Bounded: every wait has a deadline, all ports are loopback, temp dirs are removed. Exits 0 whatever the figures.
 *
 * Usage: npm run bench:scale -- [--customers 2000[,5000,...]] [--concurrency 8] [--sample-every 20] [--drain-s 120]
 *                                [--baseline merge-base|none] [--baseline-rev <commit>] [--keep]
 *                                [--progress-every N] [--skip-restart] [--idle-s 30]
 *                                [--show-history]        (one first order's journeys, event by event)
 *                                [--env KEY=VALUE ...]   (configuration of the current side, e.g. a lever off)
 *                                [--compare engines]     (this tree on the CLI dev server vs on the Temporal server on
 *                                                         Postgres, `npm run temporal-server:build` first)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { freePort } from '../infra/dev/free-port';
import { fetchHistoryWithBytes } from './history';
import { cpuSnapshot, TICK_MS } from './cpu';
import { temporalServerBuilt } from '../infra/dev/temporal-server-postgres';
import { startPostgresEngine, type PostgresEngine } from './postgres-engine';
import { PROJECT_ROOT } from '../infra/project-root';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    'sample-every': { type: 'string', default: '20' },
    'drain-s': { type: 'string', default: '120' },
    baseline: { type: 'string', default: 'merge-base' },
    /** `revision` (baseline = an older tree) or `engines` (this tree on the dev server vs on Temporal-on-Postgres). */
    compare: { type: 'string', default: 'revision' },
    'baseline-rev': { type: 'string' },
    'start-timeout-s': { type: 'string', default: '180' },
    keep: { type: 'boolean', default: false },
    /** Print the history of one sampled first order's journeys, event by event (where an order's events go). */
    'show-history': { type: 'boolean', default: false },
    /** Print, every second of the load, orders accepted and refused and the lag readings the API acts on. */
    'trace-lag': { type: 'boolean', default: false },
    env: { type: 'string', multiple: true, default: [] },
    'progress-every': { type: 'string' },
    'skip-restart': { type: 'boolean', default: false },
    'idle-s': { type: 'string', default: '30' },
  },
});
/** `--env KEY=VALUE` (repeatable): configuration of the current side only, e.g. a lever switched off. */
const currentEnv = Object.fromEntries(
  values.env.map((kv) => {
    const at = kv.indexOf('=');
    if (at < 1) throw new Error(`--env ${kv}: KEY=VALUE`);
    return [kv.slice(0, at), kv.slice(at + 1)];
  }),
);
const stages = values.customers.split(',').map(Number);
const concurrency = Number(values.concurrency);
const sampleEvery = Number(values['sample-every']);
const drainMs = Number(values['drain-s']) * 1000;
const startTimeoutMs = Number(values['start-timeout-s']) * 1000;
const idleMs = Number(values['idle-s']) * 1000;
const progressEvery = values['progress-every'] === undefined ? undefined : Number(values['progress-every']);
for (const [name, v] of Object.entries({
  concurrency,
  sampleEvery,
  drainMs,
  startTimeoutMs,
  idleMs,
  progressEvery: progressEvery ?? 1,
})) {
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
}
if (stages.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--customers: positive integers');
if (!['merge-base', 'none'].includes(values.baseline)) throw new Error('--baseline: merge-base or none');

const ADMIN_KEY = `bench-scale-admin-key-${'x'.repeat(32)}`;
const { EventType } = temporal.api.enums.v1;

// ---------------------------------------------------------------------------------------------------------------
// The product under test, as npm start runs it

interface Product {
  label: string;
  /** Processes outside npm start's tree that belong to this side (the Temporal server on Postgres and its Postgres). */
  engineRoots: number[];
  apiUrl: string;
  temporalAddress: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** node_modules and tools/ of this checkout (symlinks to the main checkout's in a worktree), for a baseline tree. */
function prepareBaselineTree(): { dir: string; rev: string; remove(): void } {
  const rev =
    values['baseline-rev'] ??
    spawnSync('git', ['merge-base', 'HEAD', 'main'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).stdout.trim();
  if (!/^[0-9a-f]{7,40}$/.test(rev))
    throw new Error(`no baseline revision (git merge-base HEAD main: "${rev}")`);
  const dir = mkdtempSync(join(tmpdir(), 'perkflow-scale-baseline-'));
  const archive = spawnSync('sh', ['-c', `git -C "${PROJECT_ROOT}" archive "${rev}" | tar -x -C "${dir}"`], {
    encoding: 'utf8',
  });
  if (archive.status !== 0) throw new Error(`git archive ${rev} failed: ${archive.stderr}`);
  for (const shared of ['node_modules', 'tools']) {
    symlinkSync(resolve(PROJECT_ROOT, shared), join(dir, shared));
  }
  return { dir, rev, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function startProduct(
  label: string,
  tree: string,
  dataDir: string,
  extraEnv: NodeJS.ProcessEnv,
): Promise<Product> {
  const ports = {
    PORT: await freePort(),
    EMBEDDED_PG_PORT: await freePort(),
    TEMPORAL_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
    SMTP_PORT: await freePort(),
    INBOX_PORT: await freePort(),
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PERKFLOW_DATA_DIR: dataDir,
    PERKFLOW_ADMIN_KEY: ADMIN_KEY,
    RATE_LIMIT_PER_MINUTE: '10000000',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    ...extraEnv,
  };
  // Own process group: stopping the bench (or a failure) can end the whole tree.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: tree,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroup);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      await Promise.race([exited, delay(60_000)]);
    }
    killGroup();
    process.removeListener('exit', killGroup);
  };
  const apiUrl = `http://127.0.0.1:${ports.PORT}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label}: npm start exited early:\n${tail}`);
    try {
      const res = await fetch(`${apiUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      // The seeded campaigns exist once the banner is printed; healthz alone can answer before the seed ran.
      if (res.status === 200 && tail.includes('perkflow is running')) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${label}: not healthy after ${startTimeoutMs / 1000} s:\n${tail}`);
    }
    await delay(500);
  }
  return {
    label,
    engineRoots: [],
    apiUrl,
    temporalAddress: extraEnv.TEMPORAL_ADDRESS ?? `127.0.0.1:${ports.TEMPORAL_PORT}`,
    child,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Processes and memory (Linux /proc)

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  /** The command line, to tell the worker process (worker/main.ts) from the API's. */
  cmdline: string;
  rssKb: number;
  /** CPU time so far (user + system), in clock ticks. */
  cpuTicks: number;
}

function processes(): Map<number, Proc> {
  const procs = new Map<number, Proc>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status)?.[1] ?? '';
      procs.set(Number(entry), {
        pid: Number(entry),
        ppid: Number(field('PPid')),
        comm: field('Name'),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '),
        rssKb: Number.parseInt(field('VmRSS') || '0', 10),
        cpuTicks: cpuTicksOf(readFileSync(`/proc/${entry}/stat`, 'utf8')),
      });
    } catch {
      // exited meanwhile
    }
  }
  return procs;
}

/** utime + stime of a /proc/<pid>/stat line (fields 14 and 15; the command name may hold spaces). */
function cpuTicksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

type Parts = { node: number; worker: number; temporal: number; postgres: number };

/** Sums `value` of every process of the product's tree, by part (see rssOf). */
function byPart(root: number, engineRoots: readonly number[], value: (p: Proc) => number): Parts {
  const procs = processes();
  const out = { node: 0, worker: 0, temporal: 0, postgres: 0 };
  const roots = new Set([root, ...engineRoots]);
  for (const p of procs.values()) {
    let up = p.pid;
    while (up > 1 && !roots.has(up)) up = procs.get(up)?.ppid ?? 0;
    if (!roots.has(up)) continue;
    const v = value(p);
    if (p.comm === 'temporal' || p.comm === 'server') out.temporal += v;
    else if (p.comm === 'postgres') out.postgres += v;
    else if (p.comm.startsWith('node') || p.pid === root) {
      out.node += v;
      if (/worker[/\\]main\.ts/.test(p.cmdline)) out.worker += v;
    }
  }
  return out;
}

/** CPU seconds of the product's tree so far, by part (processes that exited meanwhile are not counted). */
function cpuOf(root: number, engineRoots: readonly number[] = []): Parts {
  return byPart(root, engineRoots, (p) => (p.cpuTicks * TICK_MS) / 1000);
}

/**
 * RSS in MiB of the product's tree, by part: node (every node process: npm start with the API, the worker, tsx
 * helpers), of which the worker process alone, dev server, Postgres (all backends).
 */
function rssOf(root: number, engineRoots: readonly number[] = []): Parts {
  return byPart(root, engineRoots, (p) => p.rssKb / 1024);
}

// ---------------------------------------------------------------------------------------------------------------
// Load

interface Sampled {
  workflowId: string;
}

interface LoadResult {
  customers: number;
  elapsedS: number;
  latenciesMs: number[];
  refused503: number;
  errors: number;
  firstError?: string;
  sampled: Sampled[];
  /** Orders whose journeys were sampled (each sampled order's every delivered journey is in `sampled`). */
  sampledOrders: number;
  peakRss: Parts;
  endRss: Parts;
  /** CPU seconds each part spent during the load, and the machine's busy share (all processes, 0..1). */
  cpuS: Parts;
  machineBusy: number;
  progress: Progress[];
}

/** One `--progress-every` window of the load. */
interface Progress {
  accepted: number;
  elapsedS: number;
  windowRate: number;
  rss: Parts;
}

/** Every second: orders accepted and refused so far, and the API's lag gauges (its /metrics), printed as a line. */
function traceLag(product: Product, counts: () => [number, number]): { stop(): void } {
  const t0 = performance.now();
  const gauge = (text: string, name: string) => {
    const v = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
    return v === undefined ? '-' : Number(v).toFixed(1);
  };
  const timer = setInterval(() => {
    void fetch(`${product.apiUrl}/metrics`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      signal: AbortSignal.timeout(900),
    })
      .then((r) => r.text())
      .then((text) => {
        const [accepted, refused] = counts();
        console.log(
          `[trace] t=${((performance.now() - t0) / 1000).toFixed(0)}s accepted=${accepted} refused=${refused} ` +
            `lag=${gauge(text, 'perkflow_journey_lag_seconds')} backlogAge=${gauge(text, 'perkflow_task_queue_backlog_age_seconds')} ` +
            `backlog=${gauge(text, 'perkflow_task_queue_backlog_tasks')} firstStepWait=${gauge(text, 'perkflow_journey_first_step_wait_seconds')}`,
        );
      })
      .catch(() => undefined);
  }, 1_000);
  return { stop: () => clearInterval(timer) };
}

async function drive(product: Product, run: string, customers: number): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const sampled: Sampled[] = [];
  let sampledOrders = 0;
  let next = 0;
  let refused503 = 0;
  let errors = 0;
  let firstError: string | undefined;
  const peakRss = { node: 0, worker: 0, temporal: 0, postgres: 0 };
  const watch = setInterval(() => {
    const now = rssOf(product.child.pid!, product.engineRoots);
    for (const k of Object.keys(peakRss) as (keyof typeof peakRss)[])
      peakRss[k] = Math.max(peakRss[k], now[k]);
  }, 1_000);
  const trace = values['trace-lag'] ? traceLag(product, () => [latenciesMs.length, refused503]) : undefined;
  const cpuBefore = cpuOf(product.child.pid!, product.engineRoots);
  const machineBefore = cpuSnapshot();
  const started = performance.now();
  const every = progressEvery ?? Math.max(100, Math.round(customers / 10));
  const progress: Progress[] = [];
  const noteProgress = () => {
    const accepted = latenciesMs.length;
    if (accepted % every !== 0) return;
    const elapsedS = (performance.now() - started) / 1000;
    const last = progress.at(-1) ?? { accepted: 0, elapsedS: 0 };
    const p: Progress = {
      accepted,
      elapsedS,
      windowRate: (accepted - last.accepted) / Math.max(0.001, elapsedS - last.elapsedS),
      rss: rssOf(product.child.pid!, product.engineRoots),
    };
    progress.push(p);
    console.log(
      `[${product.label}] ${accepted} orders in ${elapsedS.toFixed(0)} s: ${p.windowRate.toFixed(2)} orders/s since the ` +
        `last line; RSS MiB worker ${p.rss.worker.toFixed(0)}, node ${p.rss.node.toFixed(0)}, ` +
        `dev server ${p.rss.temporal.toFixed(0)}, Postgres ${p.rss.postgres.toFixed(0)}`,
    );
  };
  const loop = async () => {
    for (;;) {
      const i = next++;
      if (i >= customers) return;
      const customerId = `scale-${run}-${i}`;
      const body = JSON.stringify({
        type: 'order_placed',
        eventId: `ev-${customerId}`,
        customerId,
        orderId: `order-${customerId}`,
        amount: 10_000 + (i % 50) * 1_000,
      });
      for (let attempt = 0; ; attempt++) {
        const t0 = performance.now();
        let res: Response;
        try {
          res = await fetch(`${product.apiUrl}/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(60_000),
          });
        } catch (err) {
          errors++;
          firstError ??= String(err);
          if (attempt >= 5) break;
          continue;
        }
        const text = await res.text();
        if (res.status === 202) {
          latenciesMs.push(performance.now() - t0);
          noteProgress();
          if (i % sampleEvery === 0) {
            sampledOrders++;
            const deliveries = (
              JSON.parse(text) as { deliveries: { campaignId: string; delivery: string }[] }
            ).deliveries;
            for (const d of deliveries) {
              if (d.delivery === 'delivered')
                sampled.push({ workflowId: `journey/${d.campaignId}/${customerId}` });
            }
          }
          break;
        }
        if (res.status === 503) {
          refused503++;
          const retryAfter = Number(res.headers.get('retry-after') ?? '1');
          await delay(Math.min(60, Math.max(1, retryAfter)) * 1000);
          continue;
        }
        errors++;
        firstError ??= `${res.status} ${text.slice(0, 300)}`;
        if (attempt >= 5) break;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsedS = (performance.now() - started) / 1000;
  clearInterval(watch);
  trace?.stop();
  const endRss = rssOf(product.child.pid!, product.engineRoots);
  const cpuAfter = cpuOf(product.child.pid!, product.engineRoots);
  const machineAfter = cpuSnapshot();
  const cpuS = {
    node: cpuAfter.node - cpuBefore.node,
    worker: cpuAfter.worker - cpuBefore.worker,
    temporal: cpuAfter.temporal - cpuBefore.temporal,
    postgres: cpuAfter.postgres - cpuBefore.postgres,
  };
  return {
    cpuS,
    machineBusy:
      (machineAfter.machineBusy - machineBefore.machineBusy) /
      Math.max(1, machineAfter.machineTotal - machineBefore.machineTotal),
    customers,
    elapsedS,
    latenciesMs,
    refused503,
    errors,
    ...(firstError ? { firstError } : {}),
    sampled,
    sampledOrders,
    peakRss,
    endRss,
    progress,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What the server's histories say

const millis = (t: { seconds?: { toString(): string } | null; nanos?: number | null } | null | undefined) =>
  t ? Number(t.seconds?.toString() ?? 0) * 1000 + (t.nanos ?? 0) / 1e6 : 0;

interface JourneyReading {
  /** Start → first completed workflow task, ms; null while it has not run (then `waitedMs` so far). */
  firstStepMs: number | null;
  waitedMs: number;
  events: number;
  bytes: number;
  /** Event types in order, with the activity or marker each names (for --show-history). */
  outline: string[];
  /** When the run started (its first event), ms since the epoch. */
  startedAt: number;
  workflowType: string;
  /** Instants (ms since the epoch) of the timers started and neither fired nor cancelled: when it will wake. */
  pendingTimers: number[];
}

/** Fire instants of the timers a history started and has not yet fired or cancelled. */
function pendingTimers(events: readonly temporal.api.history.v1.IHistoryEvent[]): number[] {
  const pending = new Map<string, number>();
  for (const e of events) {
    const started = e.timerStartedEventAttributes;
    if (started?.timerId)
      pending.set(started.timerId, millis(e.eventTime) + millis(started.startToFireTimeout));
    const ended = e.timerFiredEventAttributes?.timerId ?? e.timerCanceledEventAttributes?.timerId;
    if (ended) pending.delete(ended);
  }
  return [...pending.values()].sort((a, b) => a - b);
}

async function readJourney(client: Client, workflowId: string): Promise<JourneyReading> {
  const { events, bytes } = await fetchHistoryWithBytes(client, workflowId);
  const start = millis(events[0]?.eventTime);
  const done = events.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  const outline = events.map((e) => {
    const type = EventType[e.eventType ?? 0]?.replace('EVENT_TYPE_', '') ?? String(e.eventType);
    const named =
      e.activityTaskScheduledEventAttributes?.activityType?.name ??
      e.markerRecordedEventAttributes?.markerName;
    return named ? `${type}:${named}` : type;
  });
  return {
    outline,
    startedAt: start,
    workflowType: events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '?',
    pendingTimers: pendingTimers(events),
    firstStepMs: done ? millis(done.eventTime) - start : null,
    waitedMs: Date.now() - start,
    events: events.length,
    bytes,
  };
}

async function readJourneys(client: Client, sampled: Sampled[]): Promise<JourneyReading[]> {
  const out: JourneyReading[] = [];
  for (let i = 0; i < sampled.length; i += 8) {
    out.push(...(await Promise.all(sampled.slice(i, i + 8).map((s) => readJourney(client, s.workflowId)))));
  }
  return out;
}

interface SideResult {
  label: string;
  load: LoadResult;
  lagMs: number[];
  /** Sampled journeys whose first step had not run when the drain wait ended (their lag is a lower bound). */
  stillPending: number;
  drainS: number;
  openJourneys: number | null;
  eventsPerJourney: number;
  bytesPerJourney: number;
  /** History events and bytes of all the journeys one first order started or signalled. */
  eventsPerOrder: number;
  bytesPerOrder: number;
  restart?: RestartResult;
}

interface RestartResult {
  stopS: number;
  healthyS: number;
  /** RSS `--idle-s` after the restart with nothing arriving. */
  idleRss: Parts;
  openBefore: number | null;
  openAfter: number | null;
  /** Sampled journeys that slept on a timer before the stop, and of them those still running with the same timers. */
  sleepers: number;
  sameTimers: number;
  /** Per journey type: its earliest pending timer after the restart, in days from the journey's start. */
  wakesAfterDays: Record<string, number>;
  firstMismatch?: string;
}

async function openJourneys(client: Client): Promise<number | null> {
  try {
    return (await client.workflow.count(`ExecutionStatus = 'Running'`)).count;
  } catch {
    return null; // a server without counts
  }
}

/**
 * Stops the product as Ctrl-C does and starts it again on the same data; then, after `--idle-s` of nothing, reads its
 * memory and whether the sampled sleeping journeys are still running and will wake when they would have.
 */
async function restartAndCheck(
  product: Product,
  start: () => Promise<Product>,
  sleepers: { workflowId: string; before: JourneyReading }[],
  openBefore: number | null,
): Promise<{ product: Product; result: RestartResult }> {
  const stopping = performance.now();
  await product.stop();
  const stopS = (performance.now() - stopping) / 1000;
  const starting = performance.now();
  const restarted = await start();
  const healthyS = (performance.now() - starting) / 1000;
  console.log(
    `[${restarted.label}] stopped in ${stopS.toFixed(1)} s, healthy again ${healthyS.toFixed(1)} s after`,
  );
  await delay(idleMs);
  const idleRss = rssOf(restarted.child.pid!, restarted.engineRoots);
  const connection = await Connection.connect({ address: restarted.temporalAddress });
  try {
    const client = new Client({ connection, namespace: 'default' });
    let sameTimers = 0;
    let firstMismatch: string | undefined;
    const wakesAfterDays: Record<string, number> = {};
    for (const { workflowId, before } of sleepers) {
      const [after, description] = await Promise.all([
        readJourney(client, workflowId),
        client.workflow.getHandle(workflowId).describe(),
      ]);
      const same =
        description.status.name === 'RUNNING' &&
        after.pendingTimers.length > 0 &&
        after.pendingTimers.join() === before.pendingTimers.join();
      if (same) sameTimers++;
      else
        firstMismatch ??=
          `${workflowId}: ${description.status.name}, timers ${before.pendingTimers.map(isoOf).join(' ')} → ` +
          after.pendingTimers.map(isoOf).join(' ');
      const wake = after.pendingTimers[0];
      if (wake !== undefined) wakesAfterDays[after.workflowType] ??= (wake - after.startedAt) / 86_400_000;
    }
    return {
      product: restarted,
      result: {
        stopS,
        healthyS,
        idleRss,
        openBefore,
        openAfter: await openJourneys(client),
        sleepers: sleepers.length,
        sameTimers,
        wakesAfterDays,
        ...(firstMismatch ? { firstMismatch } : {}),
      },
    };
  } finally {
    await connection.close().catch(() => undefined);
  }
}

const isoOf = (ms: number) => new Date(ms).toISOString();

type Engine = 'dev' | 'postgres';

async function measureSide(
  label: string,
  tree: string,
  customers: number,
  run: string,
  engine: Engine = 'dev',
): Promise<SideResult> {
  const dataDir = mkdtempSync(join(tmpdir(), `perkflow-scale-${label.replace(/\W+/g, '-')}-`));
  // Embedded Postgres runs as its own user when we are root: it must reach its data dir inside this one.
  chmodSync(dataDir, 0o755);
  let product: Product | undefined;
  let connection: Connection | undefined;
  let postgresEngine: PostgresEngine | undefined;
  try {
    if (engine === 'postgres') {
      postgresEngine = await startPostgresEngine(dataDir);
      console.log(`[${label}] temporal server on postgres at ${postgresEngine.address}`);
    }
    console.log(`[${label}] starting npm start of ${tree} on ${dataDir}`);
    const start = async () => {
      const started = await startProduct(label, tree, dataDir, {
        ...(label === 'current' ? currentEnv : {}),
        ...(postgresEngine ? { TEMPORAL_ADDRESS: postgresEngine.address } : {}),
      });
      started.engineRoots = postgresEngine?.roots ?? [];
      return started;
    };
    product = await start();
    console.log(`[${label}] up; ${customers} first orders with ${concurrency} loops`);
    const load = await drive(product, run, customers);
    console.log(
      `[${label}] load done in ${load.elapsedS.toFixed(1)} s (${load.refused503} answers 503, ${load.errors} errors)`,
    );
    connection = await Connection.connect({ address: product.temporalAddress });
    const client = new Client({ connection, namespace: 'default' });
    const drainStart = Date.now();
    let readings = await readJourneys(client, load.sampled);
    while (readings.some((r) => r.firstStepMs === null) && Date.now() - drainStart < drainMs) {
      await delay(5_000);
      readings = await readJourneys(client, load.sampled);
    }
    const drainS = (Date.now() - drainStart) / 1000;
    const open = await openJourneys(client);
    if (values['show-history']) {
      const order = load.sampled.filter((x) => x.workflowId.endsWith(`/scale-${run}-0`));
      for (const s of order) {
        const r = readings[load.sampled.indexOf(s)]!;
        console.log(`\n[${label}] ${s.workflowId}: ${r.events} events\n  ${r.outline.join('\n  ')}`);
      }
    }
    const total = (k: 'events' | 'bytes') =>
      readings.reduce((s, r) => s + r[k], 0) / Math.max(1, readings.length);
    let restart: RestartResult | undefined;
    if (!values['skip-restart']) {
      await connection.close();
      connection = undefined;
      const sleepers = load.sampled
        .map((s, i) => ({ workflowId: s.workflowId, before: readings[i]! }))
        .filter((s) => s.before.firstStepMs !== null && s.before.pendingTimers.length > 0)
        .slice(0, 12);
      ({ product, result: restart } = await restartAndCheck(product, start, sleepers, open));
    }
    return {
      label,
      ...(restart ? { restart } : {}),
      load,
      lagMs: readings.map((r) => r.firstStepMs ?? r.waitedMs),
      stillPending: readings.filter((r) => r.firstStepMs === null).length,
      drainS,
      openJourneys: open,
      eventsPerJourney: total('events'),
      bytesPerJourney: total('bytes'),
      eventsPerOrder: (total('events') * readings.length) / Math.max(1, load.sampledOrders),
      bytesPerOrder: (total('bytes') * readings.length) / Math.max(1, load.sampledOrders),
    };
  } finally {
    await connection?.close().catch(() => undefined);
    await product?.stop();
    await postgresEngine?.stop();
    if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Figures {
  'orders/s': number;
  'p50 ms': number;
  'p99 ms': number;
  '503 answers': number;
  'first-step lag p50 s': number;
  'first-step lag p99 s': number;
  'open journeys': number;
  'RSS node (API+worker) MiB, end': number;
  'RSS node (API+worker) MiB, peak': number;
  'RSS worker process MiB, end': number;
  'RSS worker process MiB, peak': number;
  'RSS dev server MiB, peak': number;
  'RSS Postgres MiB, peak': number;
  'CPU ms / order, worker': number;
  'CPU ms / order, API (node - worker)': number;
  'CPU ms / order, dev server': number;
  'CPU ms / order, Postgres': number;
  'machine busy % during load': number;
  'history events / journey': number;
  'history KiB / journey': number;
  'history events / order': number;
  'history KiB / order': number;
}

function figures(s: SideResult): Figures {
  const perOrder = Math.max(1, s.load.latenciesMs.length);
  return {
    'orders/s': s.load.latenciesMs.length / s.load.elapsedS,
    'p50 ms': percentile(s.load.latenciesMs, 50),
    'p99 ms': percentile(s.load.latenciesMs, 99),
    '503 answers': s.load.refused503,
    'first-step lag p50 s': percentile(s.lagMs, 50) / 1000,
    'first-step lag p99 s': percentile(s.lagMs, 99) / 1000,
    'open journeys': s.openJourneys ?? NaN,
    'RSS node (API+worker) MiB, end': s.load.endRss.node,
    'RSS node (API+worker) MiB, peak': s.load.peakRss.node,
    'RSS worker process MiB, end': s.load.endRss.worker,
    'RSS worker process MiB, peak': s.load.peakRss.worker,
    'RSS dev server MiB, peak': s.load.peakRss.temporal,
    'RSS Postgres MiB, peak': s.load.peakRss.postgres,
    'CPU ms / order, worker': (s.load.cpuS.worker * 1000) / perOrder,
    'CPU ms / order, API (node - worker)': ((s.load.cpuS.node - s.load.cpuS.worker) * 1000) / perOrder,
    'CPU ms / order, dev server': (s.load.cpuS.temporal * 1000) / perOrder,
    'CPU ms / order, Postgres': (s.load.cpuS.postgres * 1000) / perOrder,
    'machine busy % during load': s.load.machineBusy * 100,
    'history events / journey': s.eventsPerJourney,
    'history events / order': s.eventsPerOrder,
    'history KiB / order': s.bytesPerOrder / 1024,
    'history KiB / journey': s.bytesPerJourney / 1024,
  };
}

const fmt = (x: number) => (!Number.isFinite(x) ? '-' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));

function report(
  customers: number,
  current: SideResult,
  baseline: SideResult | undefined,
  headings: [string, string] = ['baseline', 'current'],
): void {
  const cur = figures(current);
  const base = baseline ? figures(baseline) : undefined;
  console.log(`\n## ${customers} customers' first orders, ${concurrency} loops`);
  const w = [34, 12, 12, 10];
  const line = (cells: string[]) =>
    console.log(cells.map((c, i) => (i === 0 ? c.padEnd(w[0]!) : c.padStart(w[i]!))).join(' '));
  line(['', ...headings, 'ratio']);
  for (const key of Object.keys(cur) as (keyof Figures)[]) {
    const b = base?.[key] ?? NaN;
    line([key, fmt(b), fmt(cur[key]), fmt(cur[key] / b)]);
  }
  for (const s of [baseline, current]) {
    if (!s) continue;
    console.log(
      `  ${s.label}: ${s.load.customers} orders in ${s.load.elapsedS.toFixed(1)} s, ${s.lagMs.length} sampled journeys, ` +
        `${s.stillPending} still waiting for their first step after a ${s.drainS.toFixed(0)} s drain (lag = lower bound)` +
        (s.load.errors ? `, ${s.load.errors} errors (first: ${s.load.firstError})` : ''),
    );
    const windows = s.load.progress;
    if (windows.length >= 2) {
      const first = windows[0]!;
      const last = windows.at(-1)!;
      console.log(
        `  ${s.label}: orders/s first window ${first.windowRate.toFixed(2)} → last ${last.windowRate.toFixed(2)} ` +
          `(${fmt((last.windowRate / first.windowRate - 1) * 100)} %); worker RSS MiB by orders accepted: ` +
          windows.map((w) => `${w.accepted}: ${w.rss.worker.toFixed(0)}`).join(', '),
      );
    }
    const r = s.restart;
    if (r) {
      console.log(
        `  ${s.label} restart: stopped in ${r.stopS.toFixed(1)} s, healthy ${r.healthyS.toFixed(1)} s after start; ` +
          `open journeys ${r.openBefore ?? '-'} → ${r.openAfter ?? '-'}; idle RSS MiB after ${idleMs / 1000} s: ` +
          `worker ${r.idleRss.worker.toFixed(0)}, node ${r.idleRss.node.toFixed(0)}, dev server ` +
          `${r.idleRss.temporal.toFixed(0)}, Postgres ${r.idleRss.postgres.toFixed(0)}; ${r.sameTimers} of ` +
          `${r.sleepers} sampled sleeping journeys still running with the same timers (wake after start, days: ` +
          Object.entries(r.wakesAfterDays)
            .map(([type, days]) => `${type} ${days.toFixed(2)}`)
            .join(', ') +
          ')' +
          (r.firstMismatch ? `; first mismatch: ${r.firstMismatch}` : ''),
      );
    }
  }
}

async function main(): Promise<void> {
  if (values.compare === 'engines') {
    if (!temporalServerBuilt()) throw new Error('--compare engines: run npm run temporal-server:build first');
    for (const customers of stages) {
      const run = Date.now().toString(36);
      const dev = await measureSide('dev server', PROJECT_ROOT, customers, `${run}d`, 'dev');
      const onPostgres = await measureSide('postgres server', PROJECT_ROOT, customers, `${run}p`, 'postgres');
      report(customers, onPostgres, dev, ['dev server', 'pg server']);
    }
    return;
  }
  if (values.compare !== 'revision') throw new Error('--compare revision|engines');
  const baselineTree = values.baseline === 'merge-base' ? prepareBaselineTree() : undefined;
  if (baselineTree) console.log(`baseline: ${baselineTree.rev} (git archive → ${baselineTree.dir})`);
  try {
    for (const customers of stages) {
      const run = Date.now().toString(36);
      const baseline = baselineTree
        ? await measureSide('baseline', baselineTree.dir, customers, `${run}b`)
        : undefined;
      const current = await measureSide('current', PROJECT_ROOT, customers, `${run}c`);
      report(customers, current, baseline);
    }
  } finally {
    baselineTree?.remove();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
