/**
 * Worker cache benchmark (not a test): what one cached workflow run costs the worker process, for the product's
 * journey interpreter and for a minimal workflow (the baseline, the SDK's own floor), measured in one run.
 *
 * The worker keeps every cached run's module instances: each run evaluates its own copy of each module its workflow
 * imports (the SDK's reusable V8 context shares only the bundle's code). A workflow module that builds schemas makes
 * that copy heavy, so the bundle must stay lean; this bench prints the cost per cached run and its ratio to the
 * baseline, and the worker RSS that a given cache size implies.
 *
 * Each side runs in a child process of its own (RSS is per process) against one genuine Temporal CLI dev server on a
 * throw-away SQLite file: a worker with no activities (so the runs stay cached, waiting on their first write, which
 * no worker takes), `--runs` starts, then the RSS and heap growth divided by the runs now cached. Loopback only.
 * Usage: npm run bench:worker-cache -- [--runs 300] [--cache 150]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { freePort } from '../infra/dev/free-port';
import { startTemporalDevServer } from '../infra/dev/temporal-dev-server';
import { CustomerEventSchema } from '../contracts/customer-events';
import { findJourneyPlugin } from '../workflows/journeys/registry';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '300' },
    cache: { type: 'string', default: '150' },
    // Internal: the child process measuring one side.
    side: { type: 'string' },
    address: { type: 'string' },
  },
});
const runs = Number(values.runs);
const cacheSize = Number(values.cache);
for (const [name, v] of Object.entries({ runs, cache: cacheSize })) {
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
}

type Side = 'baseline' | 'journeys';
interface SideResult {
  side: Side;
  cached: number;
  rssBeforeMiB: number;
  rssPerRunKiB: number;
  heapPerRunKiB: number;
  startSeconds: number;
}

/**
 * A flow journey that enters on sign-up, waits a week and ends. Its first step, the entry's journal write, is never
 * taken by a worker here: each run stays cached at that point, having evaluated every module the interpreter imports.
 */
const IDLE_FLOW = {
  definition: {
    nodes: [
      { id: 'signed-up', type: 'entry', on: { type: 'signed_up' }, next: 'week' },
      { id: 'week', type: 'wait', for: { days: 7 }, next: 'done' },
      { id: 'done', type: 'exit', outcome: 'waited', status: 'completed' },
    ],
  },
};

const mib = (bytes: number) => bytes / 1024 / 1024;

/**
 * The process's RSS and main-thread heap after two full collections of the main thread (run with --expose-gc). The
 * workflows run in the SDK's worker thread, whose heap this cannot collect: RSS growth counts its garbage too, so the
 * figures per run are upper bounds, alike for both sides.
 */
function settledMemory(): { rss: number; heap: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the child with --expose-gc');
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

async function measureSide(side: Side, address: string): Promise<SideResult> {
  const logger = new DefaultLogger('WARN');
  Runtime.install({ logger });
  const workflowsPath =
    side === 'journeys' ? require.resolve('../workflows') : require.resolve('./fixtures/idle-workflow');
  const code = await bundleWorkflowCode({ workflowsPath, logger });
  const taskQueue = `worker-cache-${side}-${process.pid}`;
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowBundle: code,
    maxCachedWorkflows: runs + 10,
  });
  const client = new Client({ connection: await Connection.connect({ address }) });
  const flow = findJourneyPlugin('flow')!;
  const config = flow.configSchema.parse(IDLE_FLOW);
  const start = (i: number) =>
    side === 'journeys'
      ? client.workflow.start(flow.workflowType, {
          taskQueue,
          workflowId: `${taskQueue}-${i}`,
          args: [
            {
              campaignId: 'bench',
              customerId: `customer-${i}`,
              journeyType: 'flow',
              config,
              trigger: CustomerEventSchema.parse({
                type: 'signed_up',
                eventId: `sign-up-${i}`,
                customerId: `customer-${i}`,
                email: `customer-${i}@example.com`,
              }),
            },
          ],
        })
      : client.workflow.start('idleWorkflow', { taskQueue, workflowId: `${taskQueue}-${i}` });
  const cachedAtLeast = async (n: number) => {
    while (worker.getStatus().numCachedWorkflows < n) await delay(200);
  };
  return worker.runUntil(async () => {
    // One run first: the bundle's code is loaded and compiled once per worker, not per run.
    await start(0);
    await cachedAtLeast(1);
    await delay(1000);
    const before = settledMemory();
    const began = performance.now();
    for (let i = 1; i <= runs; i += 10) {
      await Promise.all(Array.from({ length: Math.min(10, runs - i + 1) }, (_, k) => start(i + k)));
    }
    await cachedAtLeast(runs + 1);
    const startSeconds = (performance.now() - began) / 1000;
    await delay(1000);
    const after = settledMemory();
    const cached = worker.getStatus().numCachedWorkflows - 1;
    return {
      side,
      cached,
      rssBeforeMiB: mib(before.rss),
      rssPerRunKiB: (after.rss - before.rss) / 1024 / cached,
      heapPerRunKiB: (after.heap - before.heap) / 1024 / cached,
      startSeconds,
    };
  });
}

function runChild(side: Side, address: string): SideResult {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      __filename,
      '--side',
      side,
      '--address',
      address,
      '--runs',
      String(runs),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  const line = out.trim().split('\n').at(-1)!;
  return JSON.parse(line) as SideResult;
}

async function main(): Promise<void> {
  if (values.side) {
    const result = await measureSide(values.side as Side, values.address!);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'perkflow-worker-cache-'));
  const dev = await startTemporalDevServer({
    port: await freePort(),
    uiPort: await freePort(),
    dbFile: join(dir, 'temporal.db'),
    namespace: 'default',
  });
  try {
    // Interleaved, twice each: the second pair shows the spread.
    const results = [
      runChild('baseline', dev.address),
      runChild('journeys', dev.address),
      runChild('baseline', dev.address),
      runChild('journeys', dev.address),
    ];
    const mean = (side: Side, pick: (r: SideResult) => number) => {
      const xs = results.filter((r) => r.side === side).map(pick);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    for (const r of results) {
      console.log(
        `${r.side.padEnd(8)} ${r.cached} cached runs: RSS +${r.rssPerRunKiB.toFixed(0)} KiB/run, heap +${r.heapPerRunKiB.toFixed(0)} KiB/run ` +
          `(the main thread's; the workflows' thread is in RSS only), starts ${r.startSeconds.toFixed(1)} s, RSS at start ${r.rssBeforeMiB.toFixed(0)} MiB`,
      );
    }
    const base = mean('baseline', (r) => r.rssPerRunKiB);
    const journeys = mean('journeys', (r) => r.rssPerRunKiB);
    const floor = mean('journeys', (r) => r.rssBeforeMiB);
    console.log(
      `RSS per cached run: journeys ${journeys.toFixed(0)} KiB, baseline ${base.toFixed(0)} KiB, ratio ${(journeys / base).toFixed(2)}`,
    );
    console.log(
      `start time ratio (journeys/baseline): ${(mean('journeys', (r) => r.startSeconds) / mean('baseline', (r) => r.startSeconds)).toFixed(2)}`,
    );
    console.log(
      `worker RSS implied by a cache of ${cacheSize} runs: ~${(floor + (cacheSize * journeys) / 1024).toFixed(0)} MiB ` +
        `(${floor.toFixed(0)} MiB with one run + ${cacheSize} × ${journeys.toFixed(0)} KiB)`,
    );
  } finally {
    await dev.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
