import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities, type Activities } from '../../activities';
import { createMailTransport } from '../../email/mailer';
import { Ledger } from '../../ledger';
import { EventRouter } from '../../services/event-router';
import { JourneyClient, type RunningCampaign } from '../../workflows/journey-client';
import { findJourneyPlugin } from '../../workflows/journeys/registry';
import { CustomerEventSchema, type CustomerEventInput } from '../../workflows/shared/customer-events';
import { createTestDatabase, type TestDatabase } from './database';
import { testSmtpSettings } from './mail';
import { connectTimeSkippingEnv, createTestWorker, uniqueTaskQueue } from './temporal';

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
  launch(journeyType: string, config?: unknown, budget?: number): Promise<RunningCampaign>;
  /** Sends a storefront event through the same path as POST /v1/events (parsed by the API's schema). */
  emit(event: CustomerEventInput): ReturnType<EventRouter['route']>;
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

export function uniqueId(tag: string): string {
  return `${tag}-${randomBytes(4).toString('hex')}`;
}

export interface JourneyStackOptions {
  /** Wraps the real activities (e.g. to crash a worker right after a grant committed). */
  wrapActivities?: (real: Activities) => Partial<Activities>;
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
  const journeys = new JourneyClient(env.client, taskQueue);
  const router = new EventRouter(db.pool, ledger, journeys, async () => campaigns);

  let worker: Worker;
  let running: Promise<void>;
  const startWorker = async () => {
    worker = await createTestWorker(env, { taskQueue, activities });
    running = worker.run();
  };
  await startWorker();
  await ledger.fundProgram({
    idempotencyKey: `fund/${taskQueue}`,
    amount: 1_000_000_000,
    asOf: new Date().toISOString(),
  });

  return {
    env,
    db,
    ledger,
    journeys,
    router,
    taskQueue,
    campaigns,
    async launch(journeyType, config = {}, budget = 10_000_000) {
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
      campaigns.push(campaign);
      return campaign;
    },
    emit: (event) => router.route(CustomerEventSchema.parse(event)),
    async restartWorker() {
      worker.shutdown();
      await running;
      await startWorker();
    },
    async stop() {
      worker.shutdown();
      await running;
      transport.close();
      await db.drop();
      await env.teardown();
    },
  };
}
