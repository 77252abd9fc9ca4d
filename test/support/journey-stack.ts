import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities, type Activities } from '../../activities';
import { createMailTransport } from '../../email/mailer';
import { Ledger } from '../../ledger';
import { EventRouter } from '../../services/event-router';
import { JourneyClient, type RunningCampaign } from '../../services/journey-client';
import { journeyWorkflowId } from '../../workflows/shared/definitions';
import { findJourneyPlugin } from '../../workflows/journeys/registry';
import { CustomerEventSchema, type CustomerEventInput } from '../../contracts/customer-events';
import { createTestDatabase, type TestDatabase } from './database';
import { testSmtpSettings } from './mail';
import { connectTimeSkippingEnv, createTestWorker, terminateWhenIdle, uniqueTaskQueue } from './temporal';

export const SUPPORT_INBOX = 'support@test.perkflow.local';

/** Everything a journey test needs: the time-skipping server, a fresh database, a running worker and a ledger. */
export interface JourneyStack {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  ledger: Ledger;
  journeys: JourneyClient;
  router: EventRouter;
  taskQueue: string;
  campaigns: RunningCampaign[];
  /** Creates a launched campaign of a plugin with a funded budget; the config goes through the plugin's schema. */
  /**
   * By default the new campaign replaces the stack's earlier ones as the target of emitted events, so tests in one
   * file do not start journeys in each other's campaigns; `alongside: true` keeps the earlier ones launched.
   */
  launch(
    journeyType: string,
    config?: unknown,
    budget?: number,
    alongside?: boolean,
  ): Promise<RunningCampaign>;
  /** The test server's clock (time-skipped), as ISO text: use it as `asOf` for ledger reads. */
  now(): Promise<string>;
  /**
   * Skips time in steps until the workflow closes, then returns its result. Unlike awaiting `handle.result()` on
   * the time-skipping client, this never jumps past the closing moment: the Java test server keeps a 10-year
   * execution-timeout timer per workflow and fast-forwards to it when a result call unlocks time with nothing
   * else pending, which would put "now" a decade after the journey ended.
   */
  result(workflowId: string, options?: { stepHours?: number; maxDays?: number }): Promise<unknown>;
  /** `result` for several workflows at once (one clock: concurrent sleeps on the test server would collide). */
  results(workflowIds: string[], options?: { stepHours?: number; maxDays?: number }): Promise<unknown[]>;
  /** Sends a storefront event through the same path as POST /v1/events (parsed by the API's schema). */
  emit(event: CustomerEventInput): ReturnType<EventRouter['route']>;
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** Remembers every journey the tests start so that `stop()` can terminate those still running. */
class TrackingJourneyClient extends JourneyClient {
  private readonly started = new Set<string>();

  override async deliver(...args: Parameters<JourneyClient['deliver']>) {
    const [, campaign, event] = args;
    this.started.add(journeyWorkflowId(campaign.campaignId, event.customerId));
    return super.deliver(...args);
  }

  override async startJourney(...args: Parameters<JourneyClient['startJourney']>) {
    this.started.add(args[3]);
    return super.startJourney(...args);
  }

  async terminateOpen(env: TestWorkflowEnvironment): Promise<void> {
    for (const id of this.started) await terminateWhenIdle(env, id);
  }
}

export function uniqueId(tag: string): string {
  return `${tag}-${randomBytes(4).toString('hex')}`;
}

export interface JourneyStackOptions {
  /** Wraps the real activities (e.g. to crash a worker right after a grant committed). */
  wrapActivities?: (real: Activities) => Partial<Activities>;
  /**
   * Workflow cache size. 0 turns sticky execution off, which a test that restarts its worker needs: the test
   * server keeps routing a cached workflow's tasks to the stopped worker's sticky queue.
   */
  maxCachedWorkflows?: number;
}

export async function startJourneyStack(options: JourneyStackOptions = {}): Promise<JourneyStack> {
  const env = await connectTimeSkippingEnv();
  const db = await createTestDatabase();
  const ledger = new Ledger(db.pool, { currency: 'CNY' });
  const taskQueue = uniqueTaskQueue('journeys');
  const transport = createMailTransport(testSmtpSettings());
  const realActivities = createActivities({
    pool: db.pool,
    ledger,
    mail: {
      transport,
      from: 'perkflow@test.local',
      supportInbox: SUPPORT_INBOX,
      defaults: { currency: 'CNY' },
    },
  });
  const activities = { ...realActivities, ...(options.wrapActivities?.(realActivities) ?? {}) };
  const campaigns: RunningCampaign[] = [];
  const journeys = new TrackingJourneyClient(env.client, taskQueue);
  const router = new EventRouter(db.pool, ledger, journeys, async () => campaigns);

  let worker: Worker;
  let running: Promise<void>;
  const startWorker = async () => {
    worker = await createTestWorker(env, {
      taskQueue,
      activities,
      ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    });
    running = worker.run();
  };
  await startWorker();
  await ledger.fundProgram({
    idempotencyKey: `fund/${taskQueue}`,
    amount: 1_000_000_000,
    asOf: new Date().toISOString(),
  });

  const results: JourneyStack['results'] = async (workflowIds, { stepHours = 6, maxDays = 800 } = {}) => {
    const plain = new Client({ connection: env.connection, namespace: 'default' });
    const handles = workflowIds.map((id) => plain.workflow.getHandle(id));
    let elapsedHours = 0;
    let lastLengths = '';
    while (elapsedHours <= maxDays * 24) {
      const descriptions = await Promise.all(handles.map((h) => h.describe()));
      if (descriptions.every((d) => d.status.name !== 'RUNNING'))
        return Promise.all(handles.map((h) => h.result()));
      // Only skip time once the workflows are idle (waiting on timers or signals): while their histories still
      // grow, activities are running in real time, and skipping ahead would move business time under them.
      const lengths = descriptions.map((d) => d.historyLength).join(',');
      if (lengths !== lastLengths) {
        lastLengths = lengths;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      await env.sleep(`${stepHours} hours`);
      elapsedHours += stepHours;
    }
    throw new Error(`${workflowIds.join(', ')} still running after ${maxDays} days of workflow time`);
  };

  return {
    env,
    db,
    ledger,
    journeys,
    router,
    taskQueue,
    campaigns,
    results,
    async result(workflowId, options) {
      const [result] = await results([workflowId], options);
      return result;
    },
    async now() {
      return new Date(await env.currentTimeMs()).toISOString();
    },
    async launch(journeyType, config = {}, budget = 10_000_000, alongside = false) {
      const plugin = findJourneyPlugin(journeyType);
      if (!plugin) throw new Error(`no plugin ${journeyType}`);
      const campaign = {
        campaignId: uniqueId(journeyType),
        journeyType,
        config: plugin.configSchema.parse(config),
      };
      await ledger.openCampaignBudget({
        idempotencyKey: `budget/${campaign.campaignId}`,
        campaignId: campaign.campaignId,
        amount: budget,
        asOf: new Date().toISOString(),
      });
      if (!alongside) campaigns.length = 0;
      campaigns.push(campaign);
      return campaign;
    },
    // Events happen "now" on the test server's clock, which earlier test files may have skipped years ahead of the
    // wall clock: profile facts (last order, rolling spend) must be on the same clock as the journeys reading them.
    emit: async (event) =>
      router.route(
        CustomerEventSchema.parse({
          occurredAt: new Date(await env.currentTimeMs()).toISOString(),
          ...event,
        }),
      ),
    async restartWorker() {
      worker.shutdown();
      await running;
      await startWorker();
    },
    async stop() {
      // Runs left open would keep timers and tasks on a queue nobody polls once this worker stops, and the test
      // server does not skip time past outstanding tasks: later test files would crawl in real time.
      await journeys.terminateOpen(env);
      worker.shutdown();
      await running;
      transport.close();
      await db.drop();
      await env.teardown();
    },
  };
}
