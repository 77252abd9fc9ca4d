/**
 * Engine floor benchmark (not a test): what Temporal itself costs per order on this machine, with journeys that do
 * nothing of ours, for the product's shape of a first order and for one workflow per customer. It bounds what any
 * journey code could reach here: the product's own cost per order (bench:scale) can only add to these.
 *
 * The genuine Temporal CLI dev server as npm start runs it (SQLite file, the same pragmas), a worker in a child process
 * with npm start's cache and concurrency, and a client in this process running `--concurrency` loops of orders.
 * An order is signal-with-starts of `floorJourney` (bench/fixtures/floor-workflows.ts: takes the event, optionally one
 * write — an activity that does nothing — then sleeps on a week's timer):
 *   per-journey        four journeys, three of which write: the skeleton of a first order today (one workflow per
 *                      journey; repurchase, dormancy, member tier and points start, three of them write)
 *   per-customer       one workflow that writes once: the same order if one workflow per customer hosted its
 *                      journeys and batched their writes into one activity
 *   per-customer-bare  one workflow, no write: the least an order can cost on Temporal
 * Shapes alternate, `--rounds` times each. A phase is `--seconds` of load and then the drain until the last orders'
 * journeys are asleep; orders/s is over both, so it is what the machine keeps up with. CPU per order is split into
 * the dev server, the worker process and this process (the client), from /proc. Loopback only; stops itself.
 * Usage: npm run bench:engine-floor -- [--seconds 20] [--concurrency 8] [--rounds 2]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '../infra/config';
import { freePort, onFreePort } from '../infra/dev/free-port';
import { startTemporalDevServer } from '../infra/dev/temporal-dev-server';
import { workerTuning } from '../worker/create-worker';
import { fetchHistoryWithBytes } from './history';
import { cpuSnapshot, TICK_MS, type CpuSnapshot } from './cpu';
import type { FloorActivities } from './fixtures/floor-workflows';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
    // Internal: the worker child.
    worker: { type: 'boolean', default: false },
    address: { type: 'string' },
    'task-queue': { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
for (const [name, v] of Object.entries({ seconds, concurrency, rounds })) {
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
}

const SHAPES = {
  'per-journey': [true, true, true, false],
  'per-customer': [true],
  'per-customer-bare': [false],
} as const satisfies Record<string, readonly boolean[]>;
type Shape = keyof typeof SHAPES;
const SHAPE_NAMES = Object.keys(SHAPES) as Shape[];

interface Phase {
  shape: Shape;
  orders: number;
  loadSeconds: number;
  drainSeconds: number;
  cpu: { server: number; worker: number; client: number };
  machineBusy: number;
}

/** The worker child: npm start's tuning, the floor workflows, a write that does nothing; runs until SIGTERM. */
async function runWorker(address: string, taskQueue: string): Promise<void> {
  const logger = new DefaultLogger('WARN');
  Runtime.install({ logger });
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./fixtures/floor-workflows'),
    logger,
  });
  const activities: FloorActivities = { floorWrite: async () => undefined };
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowBundle,
    activities,
    ...workerTuning(loadConfig()),
  });
  process.once('SIGTERM', () => worker.shutdown());
  await worker.runUntil(async () => {
    process.stdout.write('ready\n');
    await new Promise<void>((resolve) => process.once('SIGTERM', resolve));
  });
}

function spawnWorker(address: string, taskQueue: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', __filename, '--worker', '--address', address, '--task-queue', taskQueue],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code} before it was ready`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
  });
}

const asleep = (events: readonly temporal.api.history.v1.IHistoryEvent[]) =>
  events.some((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED);

async function main(): Promise<void> {
  if (values.worker) return runWorker(values.address!, values['task-queue']!);
  const config = loadConfig();
  const tmp = mkdtempSync(join(tmpdir(), 'perkflow-engine-floor-'));
  const dev = await onFreePort(async (port) =>
    startTemporalDevServer({
      port,
      uiPort: await freePort(),
      dbFile: join(tmp, 'temporal.sqlite'),
      namespace: 'default',
      sqlitePragmas: config.TEMPORAL_SQLITE_PRAGMAS,
    }),
  );
  const taskQueue = `engine-floor-${process.pid}`;
  let worker: ChildProcess | undefined;
  const connection = await Connection.connect({ address: dev.address });
  try {
    worker = await spawnWorker(dev.address, taskQueue);
    const client = new Client({ connection });
    const startOrder = (shape: Shape, id: string) =>
      Promise.all(
        SHAPES[shape].map((write, k) =>
          client.workflow.signalWithStart('floorJourney', {
            taskQueue,
            workflowId: `${id}-${k}`,
            args: [write],
            signal: 'event',
            signalArgs: [`${id}-event`],
          }),
        ),
      );
    const settledLength = new Map<boolean, number>();
    const historyPerOrder = new Map<Shape, { events: number; bytes: number }>();
    // One order of each shape first: compiles the bundle's code, and gives each kind of journey its history asleep.
    for (const shape of SHAPE_NAMES) {
      const id = `warm-${shape}`;
      await startOrder(shape, id);
      let events = 0;
      let bytes = 0;
      for (const [k, write] of SHAPES[shape].entries()) {
        for (;;) {
          const history = await fetchHistoryWithBytes(client, `${id}-${k}`);
          if (asleep(history.events)) {
            settledLength.set(write, history.events.length);
            events += history.events.length;
            bytes += history.bytes;
            break;
          }
          await delay(100);
        }
      }
      historyPerOrder.set(shape, { events, bytes });
    }

    const isAsleep = async (id: string, shape: Shape) => {
      for (const [k, write] of SHAPES[shape].entries()) {
        const d = await client.workflow.getHandle(`${id}-${k}`).describe();
        if (d.historyLength < settledLength.get(write)!) return false;
      }
      return true;
    };
    const phases: Phase[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const shape of SHAPE_NAMES) {
        const cpu0 = cpuSnapshot();
        const began = performance.now();
        const until = began + seconds * 1000;
        let orders = 0;
        const lastOrders: string[] = [];
        await Promise.all(
          Array.from({ length: concurrency }, async (_, loop) => {
            for (let i = 0; performance.now() < until; i++) {
              const id = `${shape}-${round}-${loop}-${i}`;
              await startOrder(shape, id);
              orders++;
              lastOrders[loop] = id;
            }
          }),
        );
        const loaded = performance.now();
        for (const id of lastOrders) while (!(await isAsleep(id, shape))) await delay(100);
        const drained = performance.now();
        const cpu1 = cpuSnapshot();
        const ms = (pick: (c: CpuSnapshot) => number) => ((pick(cpu1) - pick(cpu0)) * TICK_MS) / orders;
        phases.push({
          shape,
          orders,
          loadSeconds: (loaded - began) / 1000,
          drainSeconds: (drained - loaded) / 1000,
          // The dev server's program is `temporal`; the worker is this process's only other child.
          cpu: {
            server: ms((c) => c.temporal),
            worker: ms((c) => c.otherChildren),
            client: ms((c) => c.self),
          },
          machineBusy:
            (cpu1.machineBusy - cpu0.machineBusy) / Math.max(1, cpu1.machineTotal - cpu0.machineTotal),
        });
        const p = phases.at(-1)!;
        console.log(
          `round ${round} ${shape.padEnd(17)} ${p.orders} orders, load ${p.loadSeconds.toFixed(1)} s + drain ` +
            `${p.drainSeconds.toFixed(1)} s: ${(p.orders / (p.loadSeconds + p.drainSeconds)).toFixed(1)} orders/s; ` +
            `CPU ms/order server ${p.cpu.server.toFixed(1)}, worker ${p.cpu.worker.toFixed(1)}, client ` +
            `${p.cpu.client.toFixed(1)}; machine busy ${(p.machineBusy * 100).toFixed(0)} %`,
        );
      }
    }

    const cores = 2;
    console.log(
      `\nper shape, all rounds (history of one order asleep; "2-core ceiling" = 2 000 ms / CPU per order, the rate if ` +
        `the machine did nothing else):`,
    );
    console.log(
      'shape              orders/s  server  worker  client  total ms  2-core ceiling  ratio  events  bytes',
    );
    const total = (shape: Shape) => {
      const ps = phases.filter((p) => p.shape === shape);
      const orders = ps.reduce((a, p) => a + p.orders, 0);
      const weighted = (pick: (p: Phase) => number) =>
        ps.reduce((a, p) => a + pick(p) * p.orders, 0) / orders;
      const wall = ps.reduce((a, p) => a + p.loadSeconds + p.drainSeconds, 0);
      const server = weighted((p) => p.cpu.server);
      const workerMs = weighted((p) => p.cpu.worker);
      const clientMs = weighted((p) => p.cpu.client);
      return {
        rate: orders / wall,
        server,
        worker: workerMs,
        client: clientMs,
        sum: server + workerMs + clientMs,
      };
    };
    const baseline = total('per-journey');
    for (const shape of SHAPE_NAMES) {
      const t = total(shape);
      const h = historyPerOrder.get(shape)!;
      const ceiling = (cores * 1000) / t.sum;
      console.log(
        `${shape.padEnd(17)} ${t.rate.toFixed(1).padStart(9)} ${t.server.toFixed(1).padStart(7)} ` +
          `${t.worker.toFixed(1).padStart(7)} ${t.client.toFixed(1).padStart(7)} ${t.sum.toFixed(1).padStart(9)} ` +
          `${ceiling.toFixed(1).padStart(15)} ${(t.rate / baseline.rate).toFixed(2).padStart(6)} ` +
          `${String(h.events).padStart(7)} ${String(h.bytes).padStart(6)}`,
      );
    }
  } finally {
    if (worker?.exitCode === null) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await connection.close();
    await dev.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
