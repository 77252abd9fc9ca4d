/**
 * Flow interpreter overhead benchmark (not a test). The same scenario through two campaigns: the coded trial-credit
 * plugin, and a flow definition of the same journey (FLOW_TRIAL_CREDIT below). Starts what `npm start` wires —
 * embedded Postgres (or DATABASE_URL), the genuine Temporal CLI dev server on a throw-away SQLite file, an SMTP
 * capture and the journey worker — and routes events through the EventRouter (profile write + signal-with-start, as
 * POST /v1/events does). Per round and per kind, `--customers` new customers each: sign-up (→ not-a-lead check, 50.00
 * grant, email, wait for an order), then, once every grant email is journaled, an order (→ converted). The round's
 * time runs from the first sign-up to the last journey's end row; rounds alternate coded, flow, coded, flow... to
 * even out drift on a small machine. Prints journeys/s per round and the median flow/coded ratio (target >= 0.7).
 * Usage: npx tsx bench/flow-overhead.ts [--customers 200] [--concurrency 8] [--rounds 3]
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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
import { EventCatalog } from '../services/event-catalog';
import { EventRouter } from '../services/event-router';
import { JourneyClient, type RunningCampaign } from '../services/journey-client';
import { EventTypeStore } from '../stores/event-types';
import { startJourneyWorker } from '../worker/in-process';
import { findJourneyPlugin } from '../workflows/journeys/registry';
import { cpuSnapshot, TICK_MS, type CpuSnapshot } from './cpu';
import { loadOrCreatePersonalDataKeys } from '../scripts/personal-data-dev-keys';
import { personalDataProtectionFrom } from '../infra/personal-data-keys';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
  },
});
const customers = Number(values.customers);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
for (const [name, v] of Object.entries({ customers, concurrency, rounds })) {
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
}
const TARGET_RATIO = 0.7;
const RUN = randomBytes(3).toString('hex');

/**
 * The trial-credit journey as a flow: refuse a customer who already ordered, grant 50.00 for 30 days, email, wait
 * 23 days for an order, remind if the credit is unspent, wait the last 7 days; an order converts.
 */
const FLOW_TRIAL_CREDIT = {
  definition: {
    nodes: [
      { id: 'signed-up', type: 'entry', on: { type: 'signed_up' }, next: 'lead' },
      {
        id: 'lead',
        type: 'condition',
        branches: [{ when: [{ on: 'fact', fact: 'orderCount', op: 'gt', value: 0 }], next: 'not-a-lead' }],
        otherwise: 'grant',
      },
      { id: 'not-a-lead', type: 'exit', outcome: 'not-a-lead', status: 'refused' },
      { id: 'grant', type: 'grantCredit', amount: { fixed: 5000 }, validityDays: 30, next: 'welcome' },
      {
        id: 'welcome',
        type: 'sendEmail',
        subject: {
          'zh-CN': '您的新品体验金 {amount} {currency} 已到账',
          en: 'Your {amount} {currency} trial credit is ready',
        },
        body: {
          'zh-CN':
            '您好 {name}，\n\n我们已向您的账户发放 {amount} {currency} 新品体验金，有效期至 {expiresOn}。',
          en: 'Hello {name},\n\nWe added {amount} {currency} of trial credit to your account, valid until {expiresOn}.',
        },
        next: 'first-order',
      },
      {
        id: 'first-order',
        type: 'waitFor',
        on: { type: 'order_placed' },
        timeout: { days: 23 },
        onEvent: 'converted',
        onTimeout: 'unspent',
      },
      {
        id: 'unspent',
        type: 'condition',
        branches: [{ when: [{ on: 'fact', fact: 'walletBalance', op: 'gt', value: 0 }], next: 'reminder' }],
        otherwise: 'last-days',
      },
      {
        id: 'reminder',
        type: 'sendEmail',
        subject: { 'zh-CN': '您的体验金将在 7 天后过期', en: 'Your trial credit expires in 7 days' },
        body: {
          'zh-CN': '您好 {name}，体验金将于 {expiresOn} 过期。',
          en: 'Hello {name}, it expires on {expiresOn}.',
        },
        next: 'last-days',
      },
      {
        id: 'last-days',
        type: 'waitFor',
        on: { type: 'order_placed' },
        timeout: { days: 7 },
        onEvent: 'converted',
        onTimeout: 'expired',
      },
      { id: 'converted', type: 'exit', outcome: 'converted' },
      { id: 'expired', type: 'exit', outcome: 'expired-unused' },
    ],
  },
};

/** The journal step each kind writes once its grant email went out. */
const EMAIL_STEP = { coded: 'email:granted', flow: 'welcome' } as const;
type Kind = keyof typeof EMAIL_STEP;

async function inParallel(n: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/** Polls the journal until `count` rows of `step` exist for the campaign (throws after `limitS`). */
async function awaitSteps(pool: Pool, campaignId: string, step: string, count: number, limitS = 600) {
  const until = Date.now() + limitS * 1000;
  for (;;) {
    const res = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM journey_events WHERE campaign_id = $1 AND step = $2',
      [campaignId, step],
    );
    const n = Number(res.rows[0]!.n);
    if (n >= count) return;
    if (Date.now() > until) throw new Error(`${campaignId}: ${n}/${count} ${step} rows after ${limitS} s`);
    await delay(100);
  }
}

interface Round {
  kind: Kind;
  round: number;
  seconds: number;
  perSecond: number;
  /** CPU ms per journey of this process (router, worker), the dev server and Postgres together. */
  cpuMsPerJourney: number;
  /** Share of the machine's CPU used by processes outside this benchmark meanwhile (other work on the box). */
  alien: number;
}

async function main(): Promise<void> {
  const stoppers: { name: string; stop: () => Promise<void> }[] = [];
  Runtime.install({ shutdownSignals: [], logger: temporalLoggerFrom(createLogger('temporal-sdk', 'warn')) });
  const tmp = mkdtempSync(join(tmpdir(), 'perkflow-bench-flow-'));
  // Postgres runs as an unprivileged user when we are root; it must be able to enter the directory.
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

    const pool = new Pool({ connectionString: databaseUrl, max: concurrency + 2 });
    stoppers.push({ name: 'pool', stop: () => pool.end() });
    const ledger = new Ledger(pool, { currency: config.LEDGER_CURRENCY });
    const asOf = new Date().toISOString();
    await ledger.fundProgram({ idempotencyKey: `bench-flow/${RUN}/fund`, amount: 1e12, asOf });
    const journeys = new JourneyClient(
      new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
      config.TASK_QUEUE,
    );
    const catalog = new EventCatalog(new EventTypeStore(pool));

    /** A launched campaign of its own per round, its router delivering to it alone. */
    const campaignFor = async (kind: Kind, round: number) => {
      const journeyType = kind === 'coded' ? 'trial-credit' : 'flow';
      const plugin = findJourneyPlugin(journeyType)!;
      const campaign: RunningCampaign = {
        campaignId: `bench-${kind}-${RUN}-${round}`,
        journeyType,
        config: plugin.configSchema.parse(kind === 'coded' ? {} : FLOW_TRIAL_CREDIT),
      };
      await ledger.openCampaignBudget({
        idempotencyKey: `bench-flow/${campaign.campaignId}`,
        campaignId: campaign.campaignId,
        amount: 1e10,
        asOf: new Date().toISOString(),
      });
      return {
        campaign,
        router: new EventRouter(
          pool,
          personalDataProtectionFrom(config),
          ledger,
          journeys,
          async () => [campaign],
          catalog,
        ),
      };
    };

    const runRound = async (kind: Kind, round: number): Promise<Round> => {
      const { campaign, router } = await campaignFor(kind, round);
      const id = (i: number) => `${kind}-${RUN}-${round}-${i}`;
      const cpu0 = cpuSnapshot();
      const started = performance.now();
      await inParallel(customers, async (i) => {
        const routed = await router.route({
          type: 'signed_up',
          eventId: `ev-su-${id(i)}`,
          customerId: `cust-${id(i)}`,
          email: `cust-${id(i)}@bench.local`,
          locale: 'en',
        });
        if (routed.deliveries[0]?.delivery !== 'delivered') throw new Error(`sign-up ${id(i)} not delivered`);
      });
      await awaitSteps(pool, campaign.campaignId, EMAIL_STEP[kind], customers);
      await inParallel(customers, async (i) => {
        const routed = await router.route({
          type: 'order_placed',
          eventId: `ev-or-${id(i)}`,
          customerId: `cust-${id(i)}`,
          orderId: `order-${id(i)}`,
          amount: 12_000,
          categories: ['tea'],
        });
        if (routed.deliveries[0]?.delivery !== 'signalled') throw new Error(`order ${id(i)} not signalled`);
      });
      await awaitSteps(pool, campaign.campaignId, 'end', customers);
      const seconds = (performance.now() - started) / 1000;
      const cpu1 = cpuSnapshot();
      const d = (k: keyof CpuSnapshot) => cpu1[k] - cpu0[k];
      const ours = d('self') + d('temporal') + d('postgres') + d('otherChildren');
      const cpuMsPerJourney = (ours * TICK_MS) / customers;
      const alien = d('machineTotal') > 0 ? Math.max(0, d('machineBusy') - ours) / d('machineTotal') : 0;
      const outcomes = await pool.query<{ outcome: string; n: string }>(
        `SELECT detail->>'outcome' AS outcome, count(*) AS n FROM journey_events
          WHERE campaign_id = $1 AND step = 'end' GROUP BY 1`,
        [campaign.campaignId],
      );
      const converted = Number(outcomes.rows.find((r) => r.outcome === 'converted')?.n ?? 0);
      if (converted !== customers)
        throw new Error(`${kind} round ${round}: ${converted}/${customers} converted`);
      const r = { kind, round, seconds, perSecond: customers / seconds, cpuMsPerJourney, alien };
      console.log(
        `round ${round} ${kind.padEnd(5)} ${customers} journeys in ${seconds.toFixed(2)} s: ` +
          `${r.perSecond.toFixed(1)}/s, ${cpuMsPerJourney.toFixed(1)} CPU ms/journey, other work ${(alien * 100).toFixed(0)} %`,
      );
      return r;
    };

    console.log(
      `flow-overhead bench: ${customers} customers per round, concurrency ${concurrency}, ${rounds} rounds`,
    );
    // A warm-up of each kind: the worker's workflow bundle, connections, the first inserts of each table.
    await runRound('coded', 0);
    await runRound('flow', 0);
    const results: Round[] = [];
    for (let r = 1; r <= rounds; r++) {
      results.push(await runRound('coded', r));
      results.push(await runRound('flow', r));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const pairs = Array.from({ length: rounds }, (_, i) => [results[2 * i]!, results[2 * i + 1]!] as const);
    const wall = pairs.map(([coded, flow]) => flow.perSecond / coded.perSecond);
    // CPU cost is what the interpreter adds; it moves far less than wall time when other work shares the machine.
    const cpu = pairs.map(([coded, flow]) => coded.cpuMsPerJourney / flow.cpuMsPerJourney);
    const verdict = (x: number) => `(target >= ${TARGET_RATIO}: ${x >= TARGET_RATIO ? 'met' : 'NOT met'})`;
    const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
    console.log(
      `flow/coded throughput (wall) per round: ${list(wall)}; median ${median(wall).toFixed(2)} ${verdict(median(wall))}`,
    );
    console.log(
      `flow/coded throughput by CPU cost (coded CPU ms per journey / flow's) per round: ${list(cpu)}; ` +
        `median ${median(cpu).toFixed(2)} ${verdict(median(cpu))}`,
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

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
