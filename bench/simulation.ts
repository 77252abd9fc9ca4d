/**
 * Campaign simulation benchmark (not a test). Starts its own embedded Postgres unless DATABASE_URL is set, migrates a
 * template, then runs simulations through the engine the API uses (a time-skipping test server, a worker and a scratch
 * database per timeline), each figure against a baseline measured in the same run:
 *   journey    wall time of a simulated 90-day repurchase journey (first order on day 0, vouchers on days 7 and 30)
 *              vs a simulation in which no journey starts (a sign-up the journey ignores): the environment's own cost
 *   pool       simulations per minute with every environment busy (`--pool` loops) vs one loop
 * Usage: npx tsx bench/simulation.ts [--runs 20] [--pool 2]
 */
import { parseArgs } from 'node:util';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Pool } from 'pg';
import type { SimulationTimeline } from '../contracts/simulation';
import { migrateUp } from '../infra/migrate';
import { requireTemporalBinary } from '../infra/temporal-binaries';
import type { SimulatedCampaign } from '../services/campaign-simulation';
import { EventCatalog } from '../services/event-catalog';
import { PooledSimulationEngine, ScratchDatabases } from '../simulation';
import { EventTypeStore } from '../stores/event-types';
import { RepurchaseVoucherConfig } from '../workflows/journeys/repurchase-voucher/config';
import { findJourneyPlugin } from '../workflows/journeys/registry';
import { withBenchDatabase } from './embedded-database';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    pool: { type: 'string', default: '2' },
  },
});
const runs = Number(values.runs);
const poolSize = Number(values.pool);
const START = '2030-01-01T00:00:00.000Z';

const firstOrder: SimulationTimeline = {
  profile: { customerId: 'bench-customer', email: 'bench@example.com', locale: 'en', orders: [], credit: [] },
  events: [
    { at: 'P0D', event: { type: 'signed_up', email: 'bench@example.com', locale: 'en' } },
    { at: 'P0D', event: { type: 'order_placed', orderId: 'o-1', amount: 15_000, categories: [] } },
  ],
  horizon: 'P90D',
};
const noJourney: SimulationTimeline = {
  ...firstOrder,
  events: [firstOrder.events[0]!],
  horizon: 'P1D',
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  await withBenchDatabase('simulation_bench', async (url) => {
    await migrateUp(url);
    const server = new URL(url);
    server.pathname = '/postgres';
    // Only custom events are checked against the catalog (the timelines have none): the pool never connects, so
    // the template it points at stays free to be cloned.
    const pool = new Pool({ connectionString: url, max: 1 });
    const catalog = new EventCatalog(new EventTypeStore(pool));
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
    const engine = new PooledSimulationEngine({
      poolSize,
      wallMs: 120_000,
      testServerPath: () => requireTemporalBinary('test-server'),
      workflowBundle: () => Promise.resolve(bundle),
      databases: new ScratchDatabases(
        server.toString(),
        { connectTimeoutMs: 5_000, statementTimeoutMs: 60_000 },
        'simulation_bench',
      ),
      currency: 'CNY',
      mailFrom: 'bench@perkflow.local',
      supportInbox: 'support@perkflow.local',
      onError: (message, err) => console.error(message, err),
    });
    const plugin = findJourneyPlugin('repurchase-voucher')!;
    const campaign: SimulatedCampaign = {
      campaign: {
        campaignId: 'bench-repurchase',
        journeyType: plugin.type,
        config: RepurchaseVoucherConfig.parse({}),
        startsJourneys: true,
      },
      plugin,
      budget: 1_000_000,
    };
    const once = async (timeline: SimulationTimeline) => {
      const started = performance.now();
      const [result] = await engine.simulate(campaign, [timeline], { startAt: START, catalog });
      return { ms: performance.now() - started, result: result! };
    };
    try {
      // Warm-up: the first environment starts cold (no spare yet).
      const warm = await once(firstOrder);
      if (warm.result.cost.granted !== 7000)
        throw new Error(`unexpected result: ${warm.result.summary.join(' | ')}`);

      const journey: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < runs; i++) {
        baseline.push((await once(noJourney)).ms);
        journey.push((await once(firstOrder)).ms);
      }
      journey.sort((a, b) => a - b);
      baseline.sort((a, b) => a - b);
      const p50 = percentile(journey, 50);
      const base50 = percentile(baseline, 50);
      console.log(
        `simulated 90-day repurchase journey, ${runs} runs (sequential, one spare environment kept ready)`,
      );
      console.log(
        `  journey    p50 ${fmt(p50)}  p95 ${fmt(percentile(journey, 95))}  max ${fmt(journey.at(-1)!)}`,
      );
      console.log(
        `  baseline   p50 ${fmt(base50)}  p95 ${fmt(percentile(baseline, 95))}  (no journey starts)`,
      );
      console.log(`  ratio journey/baseline p50 ${(p50 / base50).toFixed(2)}`);

      const loopRate = async (loops: number, perLoop: number) => {
        const started = performance.now();
        await Promise.all(
          Array.from({ length: loops }, async () => {
            for (let i = 0; i < perLoop; i++) await once(firstOrder);
          }),
        );
        return (loops * perLoop * 60_000) / (performance.now() - started);
      };
      const perLoop = Math.max(3, Math.round(runs / 2));
      const single = await loopRate(1, perLoop);
      const full = await loopRate(poolSize, perLoop);
      console.log(`simulations per minute (90-day repurchase), ${perLoop} per loop`);
      console.log(`  one loop         ${single.toFixed(1)}/min`);
      console.log(`  pool full (${poolSize})    ${full.toFixed(1)}/min  ratio ${(full / single).toFixed(2)}`);
    } finally {
      await engine.close();
      await pool.end();
    }
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
