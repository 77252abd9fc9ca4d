/**
 * Enrolment benchmark (not a test): a segment of `--members` customers (default 20 000; `--members 100000` for the
 * issue's size) enrolled at launch into a flow campaign (`audience` + `enrolExisting`) on the genuine Temporal dev
 * server, as `npm start` wires it: embedded Postgres (or DATABASE_URL), a throw-away SQLite dev server, an SMTP
 * capture and the journey worker in this process. The flow is entry → wait 30 days → exit, so what is measured is the
 * enrolment: the campaign-level workflow paging through the audience (keyset pages of 500 ids, one activity each) and
 * starting each member's journey. Baseline in the same run: the same journeys of another campaign started straight
 * from a client loop at the same concurrency (no segment, no paging, no workflow). Reports members/s to started and to
 * entered (every journey's entry step journaled), the ratio to the baseline, the enrolment workflow's history length
 * per run, worker (this process) RSS and dev server RSS, peak.
 * The baseline starts `--baseline-members` journeys (default: as many as the segment; a smaller sample keeps a
 * 100 000-member run within an hour, the rate is compared per second).
 * Usage: npx tsx bench/enrolment.ts [--members 20000] [--baseline-members N] [--outsiders 2000] [--wait-entered]
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import { loadConfig } from '../infra/config';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { freePort } from '../infra/dev/free-port';
import { startMailCapture } from '../infra/dev/mail-capture';
import { startTemporalDevServer } from '../infra/dev/temporal-dev-server';
import { ensureDatabase } from '../infra/ensure-database';
import { createLogger } from '../infra/logger';
import { migrateUp } from '../infra/migrate';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { temporalLoggerFrom } from '../infra/temporal-logger';
import { Ledger } from '../ledger';
import { mapBounded } from '../lib/bounded-map';
import { ENROLMENT_START_CONCURRENCY } from '../services/enrolment';
import { JourneyClient, type RunningCampaign } from '../services/journey-client';
import { createCampaignService } from '../services/product-services';
import { SegmentStore } from '../stores/segments';
import { startJourneyWorker } from '../worker/in-process';
import { enrolmentWorkflowId, LAUNCH_RUN } from '../workflows/campaign-enrolment/definitions';
import { findJourneyPlugin } from '../workflows/journeys/registry';
import { journeyWorkflowId } from '../workflows/shared/definitions';
import { loadOrCreatePersonalDataKeys } from '../scripts/personal-data-dev-keys';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '20000' },
    'baseline-members': { type: 'string' },
    outsiders: { type: 'string', default: '2000' },
    /** Also wait until every journey ran its entry step (the worker's pace; slow on a shared small machine). */
    'wait-entered': { type: 'boolean', default: false },
  },
});
const waitEntered = values['wait-entered'];
const members = Number(values.members);
const outsiders = Number(values.outsiders);
if (!Number.isInteger(members) || members <= 0) throw new Error('--members must be a positive integer');
const baselineMembers = Number(values['baseline-members'] ?? members);
if (!Number.isInteger(baselineMembers) || baselineMembers <= 0 || baselineMembers > members)
  throw new Error('--baseline-members must be a positive integer ≤ --members');
if (!Number.isInteger(outsiders) || outsiders < 0) throw new Error('--outsiders must be an integer ≥ 0');
const RUN = randomBytes(3).toString('hex');

const FLOW = {
  definition: {
    nodes: [
      { id: 'enrolled', type: 'entry', next: 'hold' },
      { id: 'hold', type: 'wait', for: { days: 30 }, next: 'done' },
      { id: 'done', type: 'exit', outcome: 'held' },
    ],
  },
};

const rssMiB = (pid: number): number => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number.parseInt(/^VmRSS:\s*(\d+)/m.exec(status)?.[1] ?? '0', 10) / 1024;
  } catch {
    return 0;
  }
};

async function until(what: string, check: () => Promise<boolean>, limitS = 3600): Promise<void> {
  const end = Date.now() + limitS * 1000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not after ${limitS} s`);
    await delay(250);
  }
}

async function main(): Promise<void> {
  const stoppers: { name: string; stop: () => Promise<void> }[] = [];
  Runtime.install({ shutdownSignals: [], logger: temporalLoggerFrom(createLogger('temporal-sdk', 'warn')) });
  const tmp = mkdtempSync(join(tmpdir(), 'perkflow-bench-enrolment-'));
  chmodSync(tmp, 0o755);
  stoppers.push({ name: 'temp dir', stop: async () => rmSync(tmp, { recursive: true, force: true }) });
  try {
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
    const config = loadConfig({
      ...loadOrCreatePersonalDataKeys(tmp),
      ...process.env,
      PORT: String(await freePort()),
    });
    const dev = await startTemporalDevServer({
      port: await freePort(),
      uiPort: await freePort(),
      dbFile: join(tmp, 'temporal.sqlite'),
      namespace: config.TEMPORAL_NAMESPACE,
      onLine: () => undefined,
    });
    stoppers.push({ name: 'temporal dev server', stop: dev.stop });
    const connection = await Connection.connect({ address: dev.address });
    stoppers.push({ name: 'temporal client', stop: () => connection.close() });
    await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
    const capture = await startMailCapture();
    stoppers.push({ name: 'mail capture', stop: capture.stop });
    const worker = await startJourneyWorker({
      config,
      databaseUrl,
      smtp: { host: '127.0.0.1', port: capture.smtpPort },
      temporalAddress: dev.address,
    });
    stoppers.push({ name: 'worker', stop: worker.stop });
    const pool = new Pool({ connectionString: databaseUrl, max: 8 });
    stoppers.push({ name: 'pool', stop: () => pool.end() });
    const ledger = new Ledger(pool, { currency: config.LEDGER_CURRENCY });
    await ledger.fundProgram({
      idempotencyKey: `bench-enrol/${RUN}`,
      amount: 1e12,
      asOf: new Date().toISOString(),
    });
    const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const campaigns = createCampaignService({
      pool,
      ledger,
      temporal,
      taskQueue: config.TASK_QUEUE,
      campaignTaskQueue: config.CAMPAIGN_TASK_QUEUE,
    });
    const journeys = new JourneyClient(temporal, config.TASK_QUEUE);

    // Members (region east) and outsiders (west), in id order interleaved so pages skip outsiders.
    await pool.query(
      `INSERT INTO customers (customer_id, signed_up_at, attributes)
       SELECT 'm-' || lpad(i::text, 7, '0'), now(), '{"region":"east"}'::jsonb FROM generate_series(1, $1) i
       UNION ALL
       SELECT 'm-' || lpad((i * 10)::text, 7, '0') || 'x', now(), '{"region":"west"}'::jsonb FROM generate_series(1, $2) i`,
      [members, outsiders],
    );
    await pool.query('ANALYZE customers');
    const segmentId = `seg_bench_${RUN}`;
    await new SegmentStore(pool).create({
      segmentId,
      name: 'east',
      filter: { attribute: 'region', op: 'eq', value: 'east' },
      createdBy: null,
    });

    let peakWorker = 0;
    let peakDev = 0;
    const sampler = setInterval(() => {
      peakWorker = Math.max(peakWorker, process.memoryUsage().rss / 1024 / 1024);
      peakDev = Math.max(peakDev, dev.process.pid ? rssMiB(dev.process.pid) : 0);
    }, 500);
    stoppers.push({ name: 'sampler', stop: async () => clearInterval(sampler) });
    const entered = async (campaignId: string) =>
      Number(
        (
          await pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM journey_events WHERE campaign_id = $1 AND step = 'enrolled'`,
            [campaignId],
          )
        ).rows[0]!.n,
      );

    const plugin = findJourneyPlugin('flow')!;
    const direct = async (tag: string, n: number) => {
      const campaign: RunningCampaign = {
        campaignId: `bench-direct-${tag}-${RUN}`,
        journeyType: 'flow',
        config: plugin.configSchema.parse(FLOW),
      };
      const ids = Array.from({ length: n }, (_, i) => `m-${String(i + 1).padStart(7, '0')}`);
      const t0 = performance.now();
      await mapBounded(ids, ENROLMENT_START_CONCURRENCY, (customerId) =>
        journeys.enrol(plugin, campaign, customerId, journeyWorkflowId(campaign.campaignId, customerId), {
          kind: 'audience',
          run: LAUNCH_RUN,
        }),
      );
      const started = (performance.now() - t0) / 1000;
      if (waitEntered)
        await until(`${campaign.campaignId} entered`, async () => (await entered(campaign.campaignId)) >= n);
      return {
        started,
        entered: (performance.now() - t0) / 1000,
        enteredCount: await entered(campaign.campaignId),
      };
    };

    console.log(
      `enrolment bench: ${members} members (+${outsiders} outsiders), start concurrency ${ENROLMENT_START_CONCURRENCY}`,
    );
    await direct('warmup', 200);
    const base = await direct('baseline', baselineMembers);
    console.log(
      `baseline (client loop, no paging): started ${baselineMembers} in ${base.started.toFixed(1)} s = ${(baselineMembers / base.started).toFixed(0)}/s, ` +
        (waitEntered
          ? `entered in ${base.entered.toFixed(1)} s = ${(baselineMembers / base.entered).toFixed(0)}/s`
          : `${base.enteredCount} entered by then`),
    );
    const baselineRss = { worker: peakWorker, dev: peakDev };

    const created = await campaigns.create(
      {
        name: 'bench enrolment',
        journeyType: 'flow',
        config: FLOW,
        budget: 1000,
        audience: segmentId,
        enrolExisting: true,
      },
      null,
    );
    const t0 = performance.now();
    await campaigns.launch(created.campaignId);
    let lastReport = performance.now();
    await until(
      'enrolment completed',
      async () => {
        const [run] = await campaigns.enrolmentProgress(created.campaignId);
        if (performance.now() - lastReport > 60_000) {
          // A long run reports as it goes, so a run cut short still says how far it got.
          lastReport = performance.now();
          const s = (lastReport - t0) / 1000;
          console.log(
            `  … ${s.toFixed(0)} s: ${run?.enrolled ?? 0} enrolled (${((run?.enrolled ?? 0) / s).toFixed(1)}/s), ` +
              `RSS worker ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB, dev server ${(dev.process.pid ? rssMiB(dev.process.pid) : 0).toFixed(0)} MiB`,
          );
        }
        return run?.state === 'completed';
      },
      4 * 3600,
    );
    const started = (performance.now() - t0) / 1000;
    const enteredByThen = await entered(created.campaignId);
    if (waitEntered)
      await until('enrolled journeys entered', async () => (await entered(created.campaignId)) >= members);
    const enteredS = (performance.now() - t0) / 1000;
    const [run] = await campaigns.enrolmentProgress(created.campaignId);
    const described = await temporal.workflow
      .getHandle(enrolmentWorkflowId(created.campaignId, LAUNCH_RUN))
      .describe();
    console.log(
      `enrolment (segment pages + campaign-level workflow): ${run!.enrolled}/${run!.total} enrolled (+${run!.already} already running: a retried page's), started in ${started.toFixed(1)} s = ` +
        `${(members / started).toFixed(0)} members/s, ` +
        (waitEntered
          ? `entered in ${enteredS.toFixed(1)} s = ${(members / enteredS).toFixed(0)}/s`
          : `${enteredByThen} entered by then`),
    );
    console.log(
      `ratio enrolment/baseline (members/s): started ${(members / started / (baselineMembers / base.started)).toFixed(2)}` +
        (waitEntered
          ? `, entered ${(members / enteredS / (baselineMembers / base.entered)).toFixed(2)}`
          : ''),
    );
    console.log(
      `enrolment workflow: last run's history ${described.historyLength} events (continue-as-new every 50 pages of 500)`,
    );
    console.log(
      `RSS peak MiB: worker (this process) ${baselineRss.worker.toFixed(0)} after baseline, ${peakWorker.toFixed(0)} after enrolment; ` +
        `dev server ${baselineRss.dev.toFixed(0)} after baseline, ${peakDev.toFixed(0)} after enrolment`,
    );
  } finally {
    for (const s of stoppers.reverse()) {
      try {
        await s.stop();
      } catch (err) {
        console.error(`failed to stop ${s.name}:`, err);
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
