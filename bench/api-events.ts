/**
 * POST /v1/events throughput and latency benchmark (not a test). Starts the product as `npm start` wires it — embedded
 * Postgres (or DATABASE_URL), the genuine Temporal CLI dev server on a throw-away SQLite file, an SMTP capture, the
 * journey worker and the API (startApiServer, rate limit raised out of the way) — launches one dormancy campaign and
 * then alternates two phases, `rounds` times each (bare, api, bare, api, ...) to even out drift on a small machine:
 *   bare  N concurrent loops calling JourneyClient.deliver directly: the signal-with-start the endpoint performs
 *   api   N concurrent loops POSTing `active` events over keep-alive fetch: auth, validation, the customer-event
 *         transaction, the launched-campaign lookup and the same signal-with-start
 * Every request is for a new customer, so each is exactly one signal-with-start that starts a journey.
 * Prints rates, latency percentiles, the API/bare ratio (target >= 0.8) and API p99 (target < 50 ms), plus where the
 * API's time goes. Exits 0 whatever the figures.
 * `--engine postgres` runs it all on the production-shaped engine (the Temporal server on its own Postgres,
 * `npm run temporal-server:build` first) instead of the dev server; `--engine both` runs on each in turn, in one run, and
 * ends with the two side by side (the engine's CPU column then counts the server and its Postgres).
 * Usage: npx tsx bench/api-events.ts [--concurrency 8] [--seconds 10] [--warmup 2] [--rounds 2] [--log-level info]
 *                                    [--engine dev|postgres|both]
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import pino from 'pino';
import { displayPrefix, generateApiKey, hashApiKey, newApiKeyId } from '../api/platform/api-key-material';
import { startApiServer, type ApiServerHandle } from '../api/server';
import { loadConfig } from '../infra/config';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { ensureDatabase } from '../infra/ensure-database';
import { freePort, onFreePort } from '../infra/dev/free-port';
import { createLogger, REDACT_PATHS } from '../infra/logger';
import { startMailCapture } from '../infra/dev/mail-capture';
import { migrateUp } from '../infra/migrate';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { startTemporalDevServer } from '../infra/dev/temporal-dev-server';
import { temporalServerBuilt } from '../infra/dev/temporal-server-postgres';
import { temporalLoggerFrom } from '../infra/temporal-logger';
import { ApiKeyStore } from '../stores/api-keys';
import { startJourneyWorker } from '../worker/in-process';
import { JourneyClient, type RunningCampaign } from '../services/journey-client';
import { dormancyPlugin } from '../workflows/journeys/dormancy/plugin';
import { cpuSnapshot, TICK_MS, type CpuSnapshot } from './cpu';
import { startPostgresEngine } from './postgres-engine';
import type { CustomerEvent } from '../contracts/customer-events';
import { loadOrCreatePersonalDataKeys } from '../scripts/personal-data-dev-keys';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '2' },
    'log-level': { type: 'string', default: 'info' },
    engine: { type: 'string', default: 'dev' },
  },
});
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);
for (const [name, v] of Object.entries({ concurrency, seconds, rounds })) {
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
}
if (!Number.isFinite(warmup) || warmup < 0) throw new Error('--warmup must be a number of seconds >= 0');
type Engine = 'dev' | 'postgres';
const engines: Engine[] =
  values.engine === 'both'
    ? ['dev', 'postgres']
    : values.engine === 'dev' || values.engine === 'postgres'
      ? [values.engine]
      : [];
if (engines.length === 0) throw new Error('--engine dev|postgres|both');
if (engines.includes('postgres') && !temporalServerBuilt())
  throw new Error('--engine postgres: run npm run temporal-server:build first');

const TARGET_RATIO = 0.8;
const TARGET_P99_MS = 50;
const RUN = randomBytes(3).toString('hex');

// ---------------------------------------------------------------------------------------------------------------
// Measurement

type Kind = 'bare' | 'api';

interface PhaseResult {
  label: string;
  kind: Kind;
  ops: number;
  errors: number;
  firstError?: string;
  elapsedS: number;
  latenciesMs: number[];
  /** CPU milliseconds per operation: this process (load loops, API, worker), the dev server, Postgres. */
  cpuMsPerOp: { node: number; temporal: number; postgres: number };
  machineBusyPct: number;
  /** Share of the machine busy with processes that are not this benchmark's (other work on the box). */
  foreignPct: number;
  loopDelayP99Ms: number;
}

function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

function sortedCopy(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs).sort();
}

let aborted = false;
/** The engine's process trees while it runs on the Temporal server on Postgres (their CPU is the engine's). */
let engineRoots: readonly number[] = [];

/**
 * `concurrency` loops run `op` back to back: first `warmup` seconds unrecorded (JIT, pools, caches), then `seconds`
 * recorded. Failures are counted, not fatal.
 */
async function runPhase(
  label: string,
  kind: Kind,
  op: (loop: number, i: number) => Promise<void>,
  onRecording: (on: boolean) => void = () => undefined,
) {
  let recording = false;
  let ops = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latenciesMs: number[] = [];
  let i = 0;
  const loops = async (loop: number, until: number) => {
    while (!aborted && performance.now() < until) {
      const n = i++;
      const t0 = performance.now();
      try {
        await op(loop, n);
        if (recording) {
          latenciesMs.push(performance.now() - t0);
          ops++;
        }
      } catch (err) {
        if (recording) errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  if (warmup > 0) {
    const until = performance.now() + warmup * 1000;
    await Promise.all(Array.from({ length: concurrency }, (_, loop) => loops(loop, until)));
  }
  recording = true;
  onRecording(true);
  const cpu0 = cpuSnapshot(engineRoots);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, (_, loop) => loops(loop, until)));
  const elapsedS = (performance.now() - t0) / 1000;
  onRecording(false);
  loopDelay.disable();
  const cpu1 = cpuSnapshot(engineRoots);
  const d = (k: keyof CpuSnapshot) => cpu1[k] - cpu0[k];
  const msPerOp = (ticks: number) => (ticks * TICK_MS) / Math.max(1, ops);
  const ours = d('self') + d('temporal') + d('postgres') + d('otherChildren');
  const result: PhaseResult = {
    label,
    kind,
    ops,
    errors,
    ...(firstError ? { firstError } : {}),
    elapsedS,
    latenciesMs,
    cpuMsPerOp: {
      node: msPerOp(d('self')),
      temporal: msPerOp(d('temporal')),
      postgres: msPerOp(d('postgres')),
    },
    machineBusyPct: d('machineTotal') > 0 ? (100 * d('machineBusy')) / d('machineTotal') : NaN,
    foreignPct:
      d('machineTotal') > 0 ? (100 * Math.max(0, d('machineBusy') - ours)) / d('machineTotal') : NaN,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  };
  console.log(`  ${label}: ${(ops / elapsedS).toFixed(0)} ops/s, ${errors} errors`);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Where the API's time goes: stage timers around the services behind POST /v1/events (instance methods, plus
// ApiKeyStore.findByHash for the per-request key lookup). Collected only while an API phase records.

type Stage = 'auth' | 'route' | 'campaigns' | 'temporal';
const profile: { on: boolean; samples: Record<Stage, number[]>; instrumented: boolean } = {
  instrumented: false,
  on: false,
  samples: { auth: [], route: [], campaigns: [], temporal: [] },
};

function timeMethod<T extends object>(target: T, method: keyof T & string, stage: Stage): void {
  const original = target[method] as unknown as (...args: unknown[]) => Promise<unknown>;
  const timed = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
    const t0 = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      if (profile.on) profile.samples[stage].push(performance.now() - t0);
    }
  };
  Object.defineProperty(target, method, { value: timed, configurable: true, writable: true });
}

function instrumentApi(api: ApiServerHandle): void {
  for (const samples of Object.values(profile.samples)) samples.length = 0;
  // startApiServer keeps its ApiKeyStore to itself; the prototype is the only way in (bare phases never call it), and
  // it stays wrapped for a second engine's API.
  if (!profile.instrumented) timeMethod(ApiKeyStore.prototype, 'findByHash', 'auth');
  profile.instrumented = true;
  timeMethod(api.services.router, 'route', 'route');
  // The router reads launched campaigns through `() => campaigns.eventTargets()` and delivers through the same
  // JourneyClient instance, so patching the instances reaches the calls the endpoint makes.
  timeMethod(api.services.campaigns, 'eventTargets', 'campaigns');
  timeMethod(api.services.journeys, 'perform', 'temporal');
}

// ---------------------------------------------------------------------------------------------------------------
// Output

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
const row = (cells: (string | number)[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ');

interface EngineSummary {
  engine: Engine;
  bareRate: number;
  apiRate: number;
  bareP99: number;
  apiP50: number;
  apiP99: number;
  /** CPU ms per request of the API phases: this process (API, worker, load), the engine, perkflow's Postgres. */
  apiCpu: { node: number; temporal: number; postgres: number };
  errors: number;
}

function summarize(engine: Engine, results: PhaseResult[]): EngineSummary {
  const widths = [11, 6, 6, 7, 7, 7, 7, 6, 6, 6, 6, 5, 5, 8];
  console.log('');
  console.log(
    row(
      [
        'phase',
        'ops',
        'ops/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'errors',
        'node',
        'tmprl',
        'pg',
        'busy',
        'alien',
        'loop p99',
      ],
      widths,
    ),
  );
  const line = (label: string, rs: PhaseResult[]) => {
    const ops = rs.reduce((a, r) => a + r.ops, 0);
    const rate = rs.reduce((a, r) => a + r.ops / r.elapsedS, 0) / rs.length;
    const lat = sortedCopy(rs.flatMap((r) => r.latenciesMs));
    const mean = (pick: (r: PhaseResult) => number) => rs.reduce((a, r) => a + pick(r), 0) / rs.length;
    console.log(
      row(
        [
          label,
          ops,
          rate.toFixed(0),
          f2(percentile(lat, 50)),
          f2(percentile(lat, 95)),
          f2(percentile(lat, 99)),
          f1(lat[lat.length - 1] ?? NaN),
          rs.reduce((a, r) => a + r.errors, 0),
          f2(mean((r) => r.cpuMsPerOp.node)),
          f2(mean((r) => r.cpuMsPerOp.temporal)),
          f2(mean((r) => r.cpuMsPerOp.postgres)),
          `${mean((r) => r.machineBusyPct).toFixed(0)}%`,
          `${mean((r) => r.foreignPct).toFixed(0)}%`,
          `${f1(mean((r) => r.loopDelayP99Ms))} ms`,
        ],
        widths,
      ),
    );
    return { rate, lat };
  };
  for (const r of results) line(r.label, [r]);
  const bare = line(
    'mean bare',
    results.filter((r) => r.kind === 'bare'),
  );
  const api = line(
    'mean api',
    results.filter((r) => r.kind === 'api'),
  );
  for (const r of results) if (r.firstError) console.log(`  first error in ${r.label}: ${r.firstError}`);
  console.log(
    '  node/tmprl/pg: CPU ms per op of this process (load loops, API, worker), the Temporal engine (the dev server, or\n' +
      "  the server with its own Postgres) and perkflow's Postgres;\n" +
      '  busy: machine CPU use; alien: machine CPU used by processes outside this benchmark (other work on the box);\n' +
      '  mean rows: rates averaged over phases, latencies pooled over every recorded request of that kind',
  );

  const ratio = api.rate / bare.rate;
  const p99 = percentile(api.lat, 99);
  const apiPhases = results.filter((r) => r.kind === 'api');
  const meanOf = (pick: (r: PhaseResult) => number) =>
    apiPhases.reduce((a, r) => a + pick(r), 0) / Math.max(1, apiPhases.length);
  const figures: EngineSummary = {
    engine,
    bareRate: bare.rate,
    apiRate: api.rate,
    bareP99: percentile(bare.lat, 99),
    apiP50: percentile(api.lat, 50),
    apiP99: p99,
    apiCpu: {
      node: meanOf((r) => r.cpuMsPerOp.node),
      temporal: meanOf((r) => r.cpuMsPerOp.temporal),
      postgres: meanOf((r) => r.cpuMsPerOp.postgres),
    },
    errors: results.reduce((a, r) => a + r.errors, 0),
  };
  console.log('');
  console.log(
    `API / bare throughput ratio   ${ratio.toFixed(2)}   target >= ${TARGET_RATIO}   ${ratio >= TARGET_RATIO ? 'PASS' : 'MISS'}`,
  );
  console.log(
    `API p99 latency               ${p99.toFixed(1)} ms   target < ${TARGET_P99_MS} ms   ${p99 < TARGET_P99_MS ? 'PASS' : 'MISS'}`,
  );

  // Breakdown of the API's time, pooled over the API phases. "record" is route minus the campaign lookup and the
  // Temporal call, which run one after the other inside EventRouter.route; "http" is what the client saw minus the
  // key lookup and the route: express, helmet, pino-http, rate limiting, JSON, zod, fetch, event-loop queueing.
  const s = profile.samples;
  const n = s.route.length;
  if (n === 0) return figures;
  const mean = (xs: ArrayLike<number>) => {
    let total = 0;
    for (let k = 0; k < xs.length; k++) total += xs[k]!;
    return total / Math.max(1, xs.length);
  };
  const apiMean = mean(api.lat);
  const rows: [string, number, number[] | null][] = [
    ['auth: API key SQL lookup', mean(s.auth), s.auth],
    ['record: customer-event SQL tx', mean(s.route) - mean(s.campaigns) - mean(s.temporal), null],
    ['campaigns: launched list SQL', mean(s.campaigns), s.campaigns],
    ['temporal: signalWithStart', mean(s.temporal), s.temporal],
    ['http + platform + client', apiMean - mean(s.auth) - mean(s.route), null],
  ];
  console.log('');
  console.log(`API time per request (mean over ${n} requests; p50/p99 where measured directly)`);
  const w = [32, 9, 7, 9, 9];
  console.log(row(['stage', 'mean ms', 'share', 'p50 ms', 'p99 ms'], w));
  for (const [name, m, xs] of rows) {
    const sorted = xs ? sortedCopy(xs) : null;
    console.log(
      row(
        [
          name,
          f2(m),
          `${((100 * m) / apiMean).toFixed(0)}%`,
          sorted ? f2(percentile(sorted, 50)) : '',
          sorted ? f2(percentile(sorted, 99)) : '',
        ],
        w,
      ),
    );
  }
  console.log(row(['total (client-observed)', f2(apiMean), '100%', '', ''], w));
  return figures;
}

/** The engines side by side (`--engine both`): the same load, one after the other in this run. */
function compareEngines([dev, pg]: EngineSummary[]) {
  if (!dev || !pg) return;
  const w = [34, 12, 12, 7];
  const ratio = (a: number, b: number) => (a > 0 && Number.isFinite(b / a) ? f2(b / a) : '-');
  console.log('');
  console.log(row(['', 'dev server', 'on Postgres', 'ratio'], w));
  const rows: [string, number, number][] = [
    ['bare signal-with-start /s', dev.bareRate, pg.bareRate],
    ['POST /v1/events /s', dev.apiRate, pg.apiRate],
    ['bare p99 ms', dev.bareP99, pg.bareP99],
    ['API p50 ms', dev.apiP50, pg.apiP50],
    ['API p99 ms', dev.apiP99, pg.apiP99],
    ['CPU ms/request: node (API, worker)', dev.apiCpu.node, pg.apiCpu.node],
    ['CPU ms/request: engine', dev.apiCpu.temporal, pg.apiCpu.temporal],
    ['CPU ms/request: perkflow Postgres', dev.apiCpu.postgres, pg.apiCpu.postgres],
    ['errors', dev.errors, pg.errors],
  ];
  for (const [name, a, b] of rows) console.log(row([name, f1(a), f1(b), ratio(a, b)], w));
  console.log('  engine: the dev server (SQLite), or the Temporal server with its own Postgres');
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up, phases, tear-down

type Stopper = { name: string; stop: () => Promise<void> };

async function main(): Promise<void> {
  process.on('SIGINT', () => {
    if (aborted) process.exit(130);
    aborted = true;
    console.log('\ninterrupted: finishing the current phase and stopping everything (Ctrl-C again to kill)');
  });
  Runtime.install({ shutdownSignals: [], logger: temporalLoggerFrom(createLogger('temporal-sdk', 'warn')) });
  const summaries: EngineSummary[] = [];
  for (const engine of engines) {
    if (aborted) break;
    const summary = await measureOn(engine);
    if (summary) summaries.push(summary);
  }
  compareEngines(summaries);
}

/** Set-up, the phases on `engine`, its summary, tear-down. */
async function measureOn(engine: Engine): Promise<EngineSummary | undefined> {
  const stoppers: Stopper[] = [];
  const stopAll = async () => {
    for (const s of stoppers.reverse()) {
      try {
        await s.stop();
      } catch (err) {
        console.error(`failed to stop ${s.name}:`, err);
      }
    }
  };
  const tmp = mkdtempSync(join(tmpdir(), 'perkflow-bench-api-'));
  // Postgres runs as an unprivileged user when we are root; it must be able to enter the directory.
  chmodSync(tmp, 0o755);
  stoppers.push({ name: 'temp dir', stop: async () => rmSync(tmp, { recursive: true, force: true }) });
  const startedAt = Date.now();
  let measured = false;

  try {
    // Postgres
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await onFreePort((port) =>
        startEmbeddedPostgres({ dataDir: join(tmp, 'pg'), port, persistent: false }),
      );
      stoppers.push({ name: 'postgres', stop: pg.stop });
      databaseUrl = await ensureDatabase(pg.url, 'perkflow');
    }
    await migrateUp(databaseUrl);

    // The engine, throw-away: every journey the run starts goes with it.
    const config = loadConfig({
      ...loadOrCreatePersonalDataKeys(tmp),
      ...process.env,
      PORT: String(await freePort()),
      // The default 600/min per key would turn the benchmark into a 429 benchmark.
      RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
      // Backpressure off: this measures what intake costs, not whether the journeys keep up (bench:scale does). The
      // bare phase starts journeys faster than one worker runs them; with shedding on, the API phase after it would
      // measure 503s.
      JOURNEY_LAG_SHED_MS: String(1_000_000_000),
    });
    let temporalAddress: string;
    if (engine === 'postgres') {
      const server = await startPostgresEngine(tmp, config.TEMPORAL_NAMESPACE);
      stoppers.push({ name: 'temporal server on postgres', stop: server.stop });
      engineRoots = server.roots;
      temporalAddress = server.address;
    } else {
      const dev = await onFreePort(async (port) =>
        startTemporalDevServer({
          port,
          uiPort: await freePort(),
          dbFile: join(tmp, 'temporal.sqlite'),
          namespace: config.TEMPORAL_NAMESPACE,
          sqlitePragmas: config.TEMPORAL_SQLITE_PRAGMAS,
          // Its warnings matter while we measure; on shutdown it logs every operation the stop cancels.
          onLine: (line) => {
            if (!measured && /level=(WARN|ERROR)/.test(line)) console.error(`[temporal] ${line}`);
          },
        }),
      );
      stoppers.push({ name: 'temporal dev server', stop: dev.stop });
      engineRoots = [];
      temporalAddress = dev.address;
    }
    const connection = await Connection.connect({ address: temporalAddress });
    stoppers.push({ name: 'temporal client', stop: () => connection.close() });
    await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);

    // Mail capture + worker, so the journeys the run starts actually run (their first task sets the dormancy timer).
    const capture = await startMailCapture();
    stoppers.push({ name: 'mail capture', stop: capture.stop });
    const worker = await startJourneyWorker({
      config,
      databaseUrl,
      smtp: { host: '127.0.0.1', port: capture.smtpPort },
      temporalAddress,
    });
    stoppers.push({ name: 'worker', stop: worker.stop });

    // API exactly as npm start wires it; request logs at --log-level go to /dev/null (serialised, not printed).
    const log = pino(
      { name: 'perkflow', level: values['log-level'], redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
      pino.destination({ dest: '/dev/null', sync: true }),
    );
    const api = await startApiServer({ config, databaseUrl, temporal: connection, log });
    stoppers.push({ name: 'api', stop: api.stop });

    // A storefront key, and one launched dormancy campaign (`active` starts its journey: one signal-with-start).
    const setupPool = new Pool({ connectionString: databaseUrl, max: 2 });
    const storefrontKey = generateApiKey();
    try {
      await new ApiKeyStore(setupPool).create({
        id: newApiKeyId(),
        name: `bench storefront ${RUN}`,
        prefix: displayPrefix(storefrontKey),
        keyHash: hashApiKey(storefrontKey),
        roles: ['storefront'],
        createdBy: null,
      });
    } finally {
      await setupPool.end();
    }
    const asOf = new Date().toISOString();
    await api.ledger.fundProgram({ idempotencyKey: `bench-api-events/${RUN}/fund`, amount: 1e12, asOf });
    const campaignId = `bench-dormancy-${RUN}`;
    await api.services.campaigns.create(
      { campaignId, name: 'bench: dormancy', journeyType: 'dormancy', config: {}, budget: 1e9 },
      'bench',
    );
    await api.services.campaigns.launch(campaignId);
    const targets = await api.services.campaigns.eventTargets();
    if (targets.length !== 1) {
      console.warn(
        `warning: ${targets.length} launched/paused campaigns in this database; each request delivers to all`,
      );
    }
    const campaign: RunningCampaign = targets.find((t) => t.campaignId === campaignId)!;

    instrumentApi(api);
    const bareJourneys = new JourneyClient(
      new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
      config.TASK_QUEUE,
    );
    const event = (phase: string, loop: number, i: number): CustomerEvent => ({
      type: 'active',
      eventId: `ev-${RUN}-${phase}-${loop}-${i}`,
      customerId: `cust-${RUN}-${phase}-${loop}-${i}`,
      activity: 'visit',
    });
    const bare = (phase: string) => async (loop: number, i: number) => {
      const delivery = await bareJourneys.deliver(dormancyPlugin, campaign, event(phase, loop, i));
      if (delivery !== 'delivered') throw new Error(`bare delivery ${delivery}`);
    };
    const eventsUrl = `${api.url}/v1/events`;
    const headers = { authorization: `Bearer ${storefrontKey}`, 'content-type': 'application/json' };
    const viaApi = (phase: string) => async (loop: number, i: number) => {
      // Global fetch (undici) keeps connections alive per origin by default.
      const res = await fetch(eventsUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify(event(phase, loop, i)),
      });
      const text = await res.text();
      if (res.status !== 202) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      const body = JSON.parse(text) as { deliveries?: { campaignId: string; delivery: string }[] };
      if (!body.deliveries?.some((d) => d.campaignId === campaignId && d.delivery === 'delivered'))
        throw new Error(`API did not deliver: ${text.slice(0, 200)}`);
    };

    console.log(
      `api-events bench on ${engine === 'dev' ? 'the dev server' : 'the Temporal server on Postgres'}: ${concurrency} concurrent loops, ${rounds}x(bare, api), ${warmup}s warm-up + ${seconds}s ` +
        `each; set-up took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
    const results: PhaseResult[] = [];
    for (let r = 1; r <= rounds && !aborted; r++) {
      results.push(await runPhase(`${2 * r - 1} bare`, 'bare', bare(`b${r}`)));
      if (aborted) break;
      // The stage profile sees recorded requests only, not the warm-up.
      results.push(await runPhase(`${2 * r} api`, 'api', viaApi(`a${r}`), (on) => (profile.on = on)));
    }
    if (results.some((r) => r.kind === 'api') && results.some((r) => r.kind === 'bare'))
      return summarize(engine, results);
    return undefined;
  } finally {
    measured = true;
    await stopAll();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
