import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { createMailTransport } from '../../../email/mailer';
import { Ledger } from '../../../ledger';
import { createTestDatabase } from '../database';
import { testSmtpSettings } from '../mail';
import { connectTimeSkippingEnv, createTestWorker, uniqueTaskQueue } from '../temporal';
import { journeyWorkflowId } from '../../../workflows/shared/definitions';
import { createProductServices, type ProductServices } from '../../../services/product-services';
import { createProductModules } from '../../../api/product-modules';
import { createApiKeysModule } from '../../../api/routes/keys';
import { createTestApi, type TestApi } from './test-api';

export const PRODUCT_SUPPORT_INBOX = 'support@product-api.test.perkflow.local';

/** Row counts of every table a product route (or a journey it starts) can write. */
export interface ProductCounts {
  ledgerTransactions: number;
  campaigns: number;
  customerEvents: number;
  customers: number;
  supportTasks: number;
  journeyEvents: number;
  quotaUsage: number;
  idempotencyKeys: number;
}

/** The product API over a fresh database, with a worker on the same database and the time-skipping test server. */
export interface ProductTestApi extends TestApi {
  env: TestWorkflowEnvironment;
  ledger: Ledger;
  services: ProductServices;
  taskQueue: string;
  /** Workflow ids the API started or signalled (tracked on the services' JourneyClient). */
  workflowIds: ReadonlySet<string>;
  /** Adds money to the program budget straight through the ledger. */
  fundProgram(amount: number): Promise<void>;
  /** The test server's clock as ISO text. */
  now(): Promise<string>;
  /** Skips workflow time in steps (never `handle.result()`: see test/support/journey-stack.ts). */
  advance(hours: number, stepHours?: number): Promise<void>;
  /** Skips time in steps until every workflow has closed; returns their results. */
  results(workflowIds: string[], options?: { stepHours?: number; maxDays?: number }): Promise<unknown[]>;
  /** Status name of a workflow on the server, or null if it does not exist. */
  workflowStatus(workflowId: string): Promise<string | null>;
  counts(): Promise<ProductCounts>;
  /** Terminates the journeys still running, stops the worker, the API, the database and the env. */
  stop(): Promise<void>;
}

export interface ProductTestApiOptions {
  /** Program budget funded at start (default 1,000,000,000 minor units); 0 for none. */
  programFunding?: number;
}

export async function createProductTestApi(options: ProductTestApiOptions = {}): Promise<ProductTestApi> {
  const env = await connectTimeSkippingEnv();
  const db = await createTestDatabase();
  const ledger = new Ledger(db.pool);
  const taskQueue = uniqueTaskQueue('product-api');
  let services: ProductServices | undefined;
  const workflowIds = new Set<string>();

  const api = await createTestApi({
    db,
    routes: (ctx) => {
      const deps = { pool: ctx.pool, ledger, temporal: env.client, taskQueue };
      services = createProductServices(deps);
      trackWorkflows(services, workflowIds);
      return [createApiKeysModule(ctx.apiKeys), ...createProductModules(services, ctx.registry)];
    },
  });

  const transport = createMailTransport(testSmtpSettings());
  const worker: Worker = await createTestWorker(env, {
    taskQueue,
    activities: createActivities({
      pool: db.pool,
      ledger,
      mail: {
        transport,
        from: 'perkflow@test.local',
        supportInbox: PRODUCT_SUPPORT_INBOX,
        defaults: { currency: 'CNY' },
      },
    }),
  });
  const running = worker.run();

  let funding = 0;
  const fundProgram = async (amount: number) => {
    await ledger.fundProgram({
      idempotencyKey: `test-funding/${taskQueue}/${++funding}`,
      amount,
      asOf: new Date().toISOString(),
    });
  };
  const programFunding = options.programFunding ?? 1_000_000_000;
  if (programFunding > 0) await fundProgram(programFunding);

  // A client without time skipping: describe/result on it never unlocks the test server's clock.
  const plain = new Client({ connection: env.connection, namespace: 'default' });
  const workflowStatus = async (workflowId: string) => {
    try {
      return (await plain.workflow.getHandle(workflowId).describe()).status.name;
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') return null;
      throw err;
    }
  };

  const results: ProductTestApi['results'] = async (ids, { stepHours = 6, maxDays = 400 } = {}) => {
    const handles = ids.map((id) => plain.workflow.getHandle(id));
    for (let elapsed = 0; elapsed <= maxDays * 24; elapsed += stepHours) {
      const statuses = await Promise.all(handles.map((h) => h.describe().then((d) => d.status.name)));
      if (statuses.every((s) => s !== 'RUNNING')) return Promise.all(handles.map((h) => h.result()));
      await env.sleep(`${stepHours} hours`);
    }
    throw new Error(`${ids.join(', ')} still running after ${maxDays} days of workflow time`);
  };

  return {
    ...api,
    env,
    ledger,
    services: services!,
    taskQueue,
    workflowIds,
    fundProgram,
    now: async () => new Date(await env.currentTimeMs()).toISOString(),
    async advance(hours, stepHours = 6) {
      for (let done = 0; done < hours; done += stepHours) {
        await env.sleep(`${Math.min(stepHours, hours - done)} hours`);
      }
    },
    results,
    workflowStatus,
    async counts() {
      const row = (
        await db.pool.query<Record<keyof ProductCounts, string>>(
          `SELECT (SELECT count(*) FROM ledger_transactions) AS "ledgerTransactions",
                  (SELECT count(*) FROM campaigns) AS "campaigns",
                  (SELECT count(*) FROM customer_events) AS "customerEvents",
                  (SELECT count(*) FROM customers) AS "customers",
                  (SELECT count(*) FROM support_tasks) AS "supportTasks",
                  (SELECT count(*) FROM journey_events) AS "journeyEvents",
                  (SELECT count(*) FROM compensation_quota_usage) AS "quotaUsage",
                  (SELECT count(*) FROM idempotency_keys) AS "idempotencyKeys"`,
        )
      ).rows[0]!;
      return Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, Number(v)]),
      ) as unknown as ProductCounts;
    },
    async stop() {
      // Open runs on a queue nobody polls would stall the shared test server's time skipping for later files. A run
      // terminated while one of its activities is in flight stalls it too (the test server never releases that
      // activity's hold on the clock), so wait until the running ones are idle first.
      const activity = async () =>
        (
          await Promise.all(
            [...workflowIds].map((id) =>
              plain.workflow
                .getHandle(id)
                .describe()
                .then((d) =>
                  d.status.name === 'RUNNING'
                    ? `${d.historyLength}/${(d.raw.pendingActivities ?? []).length}`
                    : 'closed',
                )
                .catch(() => 'gone'),
            ),
          )
        ).join(',');
      // Idle: no activity in flight and no history growth over 200 ms (workflow tasks done).
      let last = '';
      for (let i = 0; i < 50; i++) {
        const now = await activity();
        if (now === last && !/\/[1-9]/.test(now)) break;
        last = now;
        await new Promise((r) => setTimeout(r, 200));
      }
      await Promise.all(
        [...workflowIds].map(async (id) => {
          if ((await workflowStatus(id).catch(() => null)) === 'RUNNING') {
            await plain.workflow
              .getHandle(id)
              .terminate('test file finished')
              .catch(() => undefined);
          }
        }),
      );
      worker.shutdown();
      await running;
      transport.close();
      await api.close();
      await db.drop();
      await env.teardown();
    },
  };
}

/** Records every workflow id the services start or signal, so `stop()` can terminate those left running. */
function trackWorkflows(services: ProductServices, ids: Set<string>): void {
  const client = services.journeys;
  const deliver = client.deliver.bind(client);
  const startJourney = client.startJourney.bind(client);
  client.deliver = (plugin, campaign, event) => {
    ids.add(journeyWorkflowId(campaign.campaignId, event.customerId));
    return deliver(plugin, campaign, event);
  };
  client.startJourney = (plugin, campaign, customerId, workflowId, carried) => {
    ids.add(workflowId);
    return startJourney(plugin, campaign, customerId, workflowId, carried);
  };
}
