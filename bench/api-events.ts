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
 * Usage: npx tsx bench/api-events.ts [--concurrency 8] [--seconds 10] [--warmup 2] [--rounds 2] [--log-level info]
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
import { freePort } from '../infra/dev/free-port';
import { createLogger, REDACT_PATHS } from '../infra/logger';
import { startMailCapture } from '../infra/dev/mail-capture';
import { migrateUp } from '../infra/migrate';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { startTemporalDevServer } from '../infra/dev/temporal-dev-server';
import { temporalLoggerFrom } from '../infra/temporal-logger';
import { ApiKeyStore } from '../stores/api-keys';
import { startJourneyWorker } from '../worker/in-process';
import { JourneyClient, type RunningCampaign } from '../services/journey-client';
import { dormancyPlugin } from '../workflows/journeys/dormancy/plugin';
import { cpuSnapshot, TICK_MS, type CpuSnapshot } from './cpu';
import type { CustomerEvent } from '../contracts/customer-events';
import { loadOrCreatePersonalDataKeys } from '../scripts/personal-data-dev-keys';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '2' },
    'log-level': { type: 'string', default: 'info' },
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
  const cpu0 = cpuSnapshot();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, (_, loop) => loops(loop, until)));
  const elapsedS = (performance.now() - t0) / 1000;
  onRecording(false);
  loopDelay.disable();
  const cpu1 = cpuSnapshot();
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
const profile: { on: boolean; samples: Record<Stage, number[]> } = {
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
  // startApiServer keeps its ApiKeyStore to itself; the prototype is the only way in (bare phases never call it).
  timeMethod(ApiKeyStore.prototype, 'findByHash', 'auth');
  timeMethod(api.services.router, 'route', 'route');
  // The router reads launched campaigns through `() => campaigns.eventTargets()` and delivers through the same
  // JourneyClient instance, so patching the instances reaches the calls the endpoint makes.
  timeMethod(api.services.campaigns, 'eventTargets', 'campaigns');
  timeMethod(api.services.journeys, 'deliver', 'temporal');
}

// ---------------------------------------------------------------------------------------------------------------
// Output

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
const row = (cells: (string | number)[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ');

function summarize(results: PhaseResult[]) {
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
    '  node/tmprl/pg: CPU ms per op of this process (load loops, API, worker), the Temporal dev server and Postgres;\n' +
      '  busy: machine CPU use; alien: machine CPU used by processes outside this benchmark (other work on the box);\n' +
      '  mean rows: rates averaged over phases, latencies pooled over every recorded request of that kind',
  );

  const ratio = api.rate / bare.rate;
  const p99 = percentile(api.lat, 99);
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
  if (n === 0) return;
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
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up, phases, tear-down

type Stopper = { name: string; stop: () => Promise<void> };

async function main(): Promise<void> {
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
  process.on('SIGINT', () => {
    if (aborted) process.exit(130);
    aborted = true;
    console.log('\ninterrupted: finishing the current phase and stopping everything (Ctrl-C again to kill)');
  });
  Runtime.install({ shutdownSignals: [], logger: temporalLoggerFrom(createLogger('temporal-sdk', 'warn')) });
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
      const pg = await startEmbeddedPostgres({
        dataDir: join(tmp, 'pg'),
        port: await freePort(),
        persistent: false,
      });
      stoppers.push({ name: 'postgres', stop: pg.stop });
      databaseUrl = await ensureDatabase(pg.url, 'perkflow');
    }
    await migrateUp(databaseUrl);

    // Temporal dev server on a throw-away SQLite file: every journey the run starts goes with it.
    const config = loadConfig({
      ...loadOrCreatePersonalDataKeys(tmp),
      ...process.env,
      PORT: String(await freePort()),
      // The default 600/min per key would turn the benchmark into a 429 benchmark.
      RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
    });
    const dev = await startTemporalDevServer({
      port: await freePort(),
      uiPort: await freePort(),
      dbFile: join(tmp, 'temporal.sqlite'),
      namespace: config.TEMPORAL_NAMESPACE,
      // Its warnings matter while we measure; on shutdown it logs every operation the stop cancels.
      onLine: (line) => {
        if (!measured && /level=(WARN|ERROR)/.test(line)) console.error(`[temporal] ${line}`);
      },
    });
    stoppers.push({ name: 'temporal dev server', stop: dev.stop });
    const connection = await Connection.connect({ address: dev.address });
    stoppers.push({ name: 'temporal client', stop: () => connection.close() });
    await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);

    // Mail capture + worker, so the journeys the run starts actually run (their first task sets the dormancy timer).
    const capture = await startMailCapture();
    stoppers.push({ name: 'mail capture', stop: capture.stop });
    const worker = await startJourneyWorker({
      config,
      databaseUrl,
      smtp: { host: '127.0.0.1', port: capture.smtpPort },
      temporalAddress: dev.address,
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
      `api-events bench: ${concurrency} concurrent loops, ${rounds}x(bare, api), ${warmup}s warm-up + ${seconds}s ` +
        `each; set-up took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
    const results: PhaseResult[] = [];
    for (let r = 1; r <= rounds && !aborted; r++) {
      results.push(await runPhase(`${2 * r - 1} bare`, 'bare', bare(`b${r}`)));
      if (aborted) break;
      // The stage profile sees recorded requests only, not the warm-up.
      results.push(await runPhase(`${2 * r} api`, 'api', viaApi(`a${r}`), (on) => (profile.on = on)));
    }
    if (results.some((r) => r.kind === 'api') && results.some((r) => r.kind === 'bare')) summarize(results);
  } finally {
    measured = true;
    await stopAll();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
