/**
 * Ledger throughput benchmark (not a test). Starts its own embedded Postgres unless DATABASE_URL is set, migrates,
 * then runs N concurrent workers on one pg Pool for a fixed duration per scenario:
 *   baseline    a minimal single-row INSERT + UPDATE transaction (the floor any durable write pays)
 *   grants      grants spread across many campaigns
 *   contention  grants all on ONE campaign (budget slots are what keep this close to the spread case)
 *   redeems     redemptions, one wallet per worker-iteration customer (every round, after the grants and a baseline)
 *   points      redemptions paying part of the order with points (credit capped by maxAmount, 200 points on top) vs
 *               the same redemptions without points, interleaved per round: the cost of points as payment
 * Baseline, grant and redemption scenarios run interleaved for several rounds; each round's ratio pairs runs made back
 * to back, and every round and the median are reported: on a shared machine a single 5-second run drifts by ±10 %,
 * which would otherwise decide the ratio. The ledger grows from round to round (~20k grants per 15 s round here), so
 * the first-to-last change of grants/s (and of server CPU per grant) shows whether a grant gets dearer as it grows.
 * Each line also prints shared-buffer reads and evictions per operation (pg_stat_io, client backends): once the
 * ledger outgrows shared_buffers, pages of its random-key indexes (idempotency keys, customers) come back from the OS
 * one by one, while the baseline's indexes only ever touch their right edge. And full-page images per operation: the
 * WAL a checkpoint during the run adds (the first change of every page after it is logged whole), which lands on
 * whichever round is running.
 * Usage: npx tsx bench/ledger.ts [--seconds 5] [--rounds 3] [--concurrency 16] [--campaigns 64] [--slots 16]
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { migrateUp } from '../infra/migrate';
import { withBenchDatabase } from './embedded-database';
import { Ledger } from '../ledger';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    campaigns: { type: 'string', default: '64' },
    slots: { type: 'string', default: '16' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const campaigns = Number(values.campaigns);
const slots = Number(values.slots);
for (const [name, v] of Object.entries({ seconds, rounds, concurrency, campaigns, slots })) {
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
}

const T0 = '2025-03-01T00:00:00.000Z';

/** Runs `op` in `concurrency` loops for `seconds`; returns completed operations per second (errors abort). */
async function walBytes(pool: Pool): Promise<number> {
  const r = await pool.query<{ b: string }>('SELECT wal_bytes::bigint::text AS b FROM pg_stat_wal');
  return Number(r.rows[0]?.b ?? 0);
}
/** Blocks client backends read into shared buffers (from the OS) and evicted from them: the working set outgrowing it. */
async function bufferIo(pool: Pool): Promise<{ reads: number; evictions: number }> {
  const r = await pool.query<{ r: string; e: string }>(
    `SELECT coalesce(sum(reads), 0)::bigint::text AS r, coalesce(sum(evictions), 0)::bigint::text AS e
       FROM pg_stat_io WHERE backend_type = 'client backend'`,
  );
  return { reads: Number(r.rows[0]?.r ?? 0), evictions: Number(r.rows[0]?.e ?? 0) };
}
async function walFpi(pool: Pool): Promise<number> {
  const r = await pool.query<{ f: string }>('SELECT wal_fpi::bigint::text AS f FROM pg_stat_wal');
  return Number(r.rows[0]?.f ?? 0);
}

/** Postgres CPU (all server processes: backends, WAL writer, checkpointer) in µs; 0 where /proc is not readable. */
const CLOCK_TICK_US = 10_000; // Linux USER_HZ is 100 on every mainstream build
let postmasterPid: number | undefined;
function statOf(pid: number | string): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name, which may itself contain spaces.
    return raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
async function serverCpuMicros(pool: Pool): Promise<number> {
  if (postmasterPid === undefined) {
    const r = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    postmasterPid = Number(statOf(r.rows[0]!.pid)?.[1] ?? 0);
  }
  if (!postmasterPid) return 0;
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statOf(entry);
    if (!f || (Number(entry) !== postmasterPid && Number(f[1]) !== postmasterPid)) continue;
    ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks * CLOCK_TICK_US;
}

async function measure(
  pool: Pool,
  name: string,
  op: (worker: number, i: number) => Promise<unknown>,
): Promise<Measured> {
  const walBefore = await walBytes(pool);
  const fpiBefore = await walFpi(pool);
  const ioBefore = await bufferIo(pool);
  const serverBefore = await serverCpuMicros(pool);
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const started = Date.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; Date.now() < deadline; i++) {
        await op(worker, i);
        done += 1;
      }
    }),
  );
  const rate = done / ((Date.now() - started) / 1000);
  const used = process.cpuUsage(cpu);
  const clientCpuPerOp = (used.user + used.system) / done;
  const walPerOp = ((await walBytes(pool)) - walBefore) / done;
  const fpiPerOp = ((await walFpi(pool)) - fpiBefore) / done;
  const ioAfter = await bufferIo(pool);
  const readsPerOp = (ioAfter.reads - ioBefore.reads) / done;
  const evictionsPerOp = (ioAfter.evictions - ioBefore.evictions) / done;
  const serverCpuPerOp = ((await serverCpuMicros(pool)) - serverBefore) / done;
  console.log(
    `${name.padEnd(28)} ${rate.toFixed(0).padStart(7)} ops/s  (${done} ops, client CPU ${clientCpuPerOp.toFixed(0)} µs/op, ` +
      `server CPU ${serverCpuPerOp.toFixed(0)} µs/op, ` +
      `WAL ${(walPerOp / 1024).toFixed(1)} KiB/op, FPI ${fpiPerOp.toFixed(2)}/op, ` +
      `buffer reads ${readsPerOp.toFixed(2)}/op, evictions ${evictionsPerOp.toFixed(2)}/op)`,
  );
  return { rate, serverCpuPerOp };
}

interface Measured {
  rate: number;
  serverCpuPerOp: number;
}

async function measureRate(
  pool: Pool,
  name: string,
  op: (worker: number, i: number) => Promise<unknown>,
): Promise<number> {
  return (await measure(pool, name, op)).rate;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  await withBenchDatabase('ledger_bench', async (url) => {
    await migrateUp(url);
    const pool = new Pool({ connectionString: url, max: concurrency + 2 });
    // Postgres stopping under an idle pooled connection is expected at the end, not a failure.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') console.error(err);
    });
    try {
      const ledger = new Ledger(pool, { budgetSlots: slots });
      const huge = 1_000_000_000_000;
      await ledger.fundProgram({ idempotencyKey: 'bench-fund', amount: huge, asOf: T0 });
      for (let c = 0; c < campaigns; c++) {
        await ledger.openCampaignBudget({
          idempotencyKey: `bench-open-${c}`,
          campaignId: `spread-${c}`,
          amount: 1e9,
          asOf: T0,
        });
      }
      await ledger.openCampaignBudget({
        idempotencyKey: 'bench-open-hot',
        campaignId: 'hot',
        amount: 1e10,
        asOf: T0,
      });
      await pool.query('CREATE TABLE bench_baseline (id BIGSERIAL PRIMARY KEY, n BIGINT NOT NULL)');
      await pool.query('CREATE TABLE bench_counter (id INT PRIMARY KEY, n BIGINT NOT NULL)');
      await pool.query('INSERT INTO bench_counter SELECT g, 0 FROM generate_series(0, $1) g', [concurrency]);

      console.log(
        `ledger bench: ${concurrency} workers, ${seconds}s per scenario, ${campaigns} campaigns, ${slots} slots`,
      );
      const baselineTx = async (worker: number) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('INSERT INTO bench_baseline (n) VALUES ($1)', [worker]);
          await client.query('UPDATE bench_counter SET n = n + 1 WHERE id = $1', [worker]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      };
      const grant = (campaignId: string, customerId: string) =>
        ledger.grantCredit({
          idempotencyKey: randomUUID(),
          campaignId,
          customerId,
          amount: 100,
          kind: 'cash',
          scope: { type: 'all' },
          stacking: 'stackable',
          expiresAt: '2025-04-01T00:00:00.000Z',
          asOf: T0,
          source: { reason: 'bench' },
        });
      // Wallets for redemptions: each worker redeems from its own customers, 50 orders per 5 000 of credit.
      for (let w = 0; w < concurrency; w++) {
        for (let k = 0; k < 20; k++) {
          await ledger.grantCredit({
            idempotencyKey: `bench-wallet-${w}-${k}`,
            campaignId: `spread-${w % campaigns}`,
            customerId: `redeemer-${w}-${k}`,
            amount: 1_000_000,
            kind: 'cash',
            scope: { type: 'all' },
            stacking: 'stackable',
            expiresAt: null,
            asOf: T0,
            source: { reason: 'bench' },
          });
          await ledger.earnPoints({
            transactionId: `bench-points-${w}-${k}`,
            customerId: `redeemer-${w}-${k}`,
            points: 10_000_000,
            asOf: T0,
            reason: 'bench',
            campaignId: 'bench-points',
          });
        }
      }
      const rates = {
        baseline: [] as number[],
        /** A second baseline right before each round's redemptions, which otherwise ran 45 s after the first. */
        redeemBaseline: [] as number[],
        spread: [] as number[],
        hot: [] as number[],
        redeems: [] as number[],
        spreadCpu: [] as number[],
      };
      for (let round = 1; round <= rounds; round++) {
        console.log(`round ${round}/${rounds}`);
        rates.baseline.push((await measure(pool, 'baseline INSERT+UPDATE tx', baselineTx)).rate);
        const spreadRun = await measure(pool, 'grants (spread)', (w, i) =>
          grant(`spread-${(w * 7919 + i) % campaigns}`, `spread-c-${round}-${w}-${i % 50}`),
        );
        rates.spread.push(spreadRun.rate);
        rates.spreadCpu.push(spreadRun.serverCpuPerOp);
        rates.hot.push(
          (
            await measure(pool, 'grants (one campaign)', (w, i) =>
              grant('hot', `hot-c-${round}-${w}-${i % 50}`),
            )
          ).rate,
        );
        rates.redeemBaseline.push((await measure(pool, 'baseline INSERT+UPDATE tx', baselineTx)).rate);
        rates.redeems.push(
          (
            await measure(pool, 'redemptions', (w, i) =>
              ledger.redeem({
                idempotencyKey: randomUUID(),
                customerId: `redeemer-${w}-${i % 20}`,
                order: { orderId: randomUUID(), amount: 100, categories: ['bench'] },
                asOf: T0,
              }),
            )
          ).rate,
        );
      }
      const baseline = median(rates.baseline);
      const spread = median(rates.spread);
      const hot = median(rates.hot);
      // The same order with and without points (100 of credit either way; 200 points worth 2.00 on top), interleaved.
      const order = () => ({ orderId: randomUUID(), amount: 400, categories: ['bench'] });
      const withPoints: number[] = [];
      const withoutPoints: number[] = [];
      for (let round = 0; round < rounds; round++) {
        withoutPoints.push(
          await measureRate(pool, 'redemptions (credit only)', (w, i) =>
            ledger.redeem({
              idempotencyKey: randomUUID(),
              customerId: `redeemer-${w}-${i % 20}`,
              order: order(),
              maxAmount: 100,
              asOf: T0,
            }),
          ),
        );
        withPoints.push(
          await measureRate(pool, 'redemptions (credit + points)', (w, i) =>
            ledger.redeem({
              idempotencyKey: randomUUID(),
              customerId: `redeemer-${w}-${i % 20}`,
              order: order(),
              maxAmount: 100,
              points: 200,
              asOf: T0,
            }),
          ),
        );
      }
      const pointsRatios = withPoints.map((p, i) => p / withoutPoints[i]!);
      // Grants and redemptions each run right after a baseline of their own, so a round's ratio pairs runs made back to
      // back (the baseline alone drifts by up to 2x between rounds here: autovacuum, checkpoints, the client's share
      // of the two cores); report every round and the median.
      const grantRatios = rates.spread.map((g, i) => g / rates.baseline[i]!);
      const slowdowns = rates.spread.map((g, i) => g / rates.hot[i]!);
      const redeemRatios = rates.redeems.map((r, i) => r / rates.redeemBaseline[i]!);
      const first = rates.spread[0]!;
      const last = rates.spread[rates.spread.length - 1]!;
      const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
      console.log(
        `medians of ${rounds} rounds: baseline ${baseline.toFixed(0)}/s, grants ${spread.toFixed(0)}/s, ` +
          `one campaign ${hot.toFixed(0)}/s`,
      );
      console.log(
        `grants/baseline             ${median(grantRatios).toFixed(2)}  (target >= 0.5; rounds ${list(grantRatios)})`,
      );
      console.log(
        `contention slowdown         ${median(slowdowns).toFixed(2)}x (target <= 2x; rounds ${list(slowdowns)})`,
      );
      console.log(
        `redemptions/baseline        ${median(redeemRatios).toFixed(2)}  (target >= 0.3; rounds ${list(redeemRatios)})`,
      );
      console.log(
        `grants first -> last round  ${first.toFixed(0)} -> ${last.toFixed(0)}/s (${(((last - first) / first) * 100).toFixed(1)} %; ` +
          `target no worse than -10 %), server CPU ${rates.spreadCpu.map((c) => c.toFixed(0)).join(', ')} µs/grant`,
      );
      console.log(
        `points redemption/plain     ${median(pointsRatios).toFixed(2)}  (${median(withPoints).toFixed(0)}/s vs ` +
          `${median(withoutPoints).toFixed(0)}/s; rounds ${list(pointsRatios)})`,
      );
      await printTableHealth(pool);
    } finally {
      await pool.end();
    }
  });
}

/**
 * Where a growing ledger's cost can come from: per ledger table, rows written, updates and the share that were HOT
 * (no new index entries), dead rows left, table and index sizes, and how often autovacuum and autoanalyze ran.
 */
async function printTableHealth(pool: Pool): Promise<void> {
  const { rows } = await pool.query<Record<string, string>>(
    `SELECT relname, n_tup_ins::text AS ins, n_tup_upd::text AS upd, n_tup_hot_upd::text AS hot,
            n_dead_tup::text AS dead, pg_size_pretty(pg_table_size(relid)) AS heap,
            pg_size_pretty(pg_indexes_size(relid)) AS indexes, autovacuum_count::text AS av,
            autoanalyze_count::text AS aa
       FROM pg_stat_user_tables WHERE relname LIKE 'ledger\\_%' AND n_tup_ins + n_tup_upd > 0
      ORDER BY n_tup_ins + n_tup_upd DESC`,
  );
  console.log(
    '\nledger tables: inserted, updated (HOT share), dead, heap, indexes, autovacuum/autoanalyze runs',
  );
  for (const r of rows) {
    const hotShare = Number(r.upd) > 0 ? `${((100 * Number(r.hot)) / Number(r.upd)).toFixed(0)} %` : '-';
    console.log(
      `  ${r.relname!.padEnd(28)} ${r.ins!.padStart(9)} ${r.upd!.padStart(9)} (${hotShare.padStart(5)}) ` +
        `${r.dead!.padStart(8)} ${r.heap!.padStart(8)} ${r.indexes!.padStart(8)} ${r.av}/${r.aa}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
