import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Ledger } from '../ledger';
import { loadConfig } from '../infra/config';
import { createMailTransport } from '../email/mailer';
import { createTestDatabase, type TestDatabase } from '../test/support/database';
import { testSmtpSettings } from '../test/support/mail';
import { harnessValue } from '../test/support/shared-env';
import { startTimeSkippingEnv, uniqueTaskQueue } from '../test/support/temporal';
import {
  CAMPAIGN_WORKER_TUNING,
  createJourneyWorker,
  createProductWorkers,
  workerTuning,
} from './create-worker';
import { testPersonalData } from '../test/support/personal-data';
import { eventually } from '../test/support/eventually';

describe('the journey worker', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    db = await createTestDatabase(2);
  });
  afterAll(async () => {
    await db?.drop();
    await env?.teardown();
  });

  /** What a worker's activities need, over this file's database and a real SMTP transport. */
  const depsMailingTo = (transport: ReturnType<typeof createMailTransport>) => ({
    pool: db.pool,
    ledger: new Ledger(db.pool, { currency: 'CNY' }),
    pii: testPersonalData,
    mail: {
      transport,
      from: 'perkflow@test.local',
      supportInbox: 'support@test.local',
      defaults: { currency: 'CNY' },
    },
  });

  async function workerWith(vars: NodeJS.ProcessEnv) {
    const transport = createMailTransport(testSmtpSettings());
    const worker = await createJourneyWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: uniqueTaskQueue('tuning'),
      workflowBundlePath: harnessValue('workflowBundle'),
      deps: depsMailingTo(transport),
      tuning: workerTuning(loadConfig(vars)),
    });
    // A worker created must run to release what it holds natively: start it and stop it at once.
    await worker.runUntil(Promise.resolve());
    transport.close();
    return worker.options;
  }

  it('runs with the explicit cache and concurrency of the configuration, not sizes taken from the heap', async () => {
    expect(await workerWith({})).toMatchObject({
      maxCachedWorkflows: 150,
      tuner: {
        workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: 20 },
        activityTaskSlotSupplier: { type: 'fixed-size', numSlots: 40 },
      },
    });
    expect(
      await workerWith({
        WORKER_MAX_CACHED_WORKFLOWS: '64',
        WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '8',
        WORKER_MAX_CONCURRENT_ACTIVITIES: '6',
      }),
    ).toMatchObject({
      maxCachedWorkflows: 64,
      tuner: {
        workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: 8 },
        activityTaskSlotSupplier: { type: 'fixed-size', numSlots: 6 },
      },
    });
  });

  it('runs journeys and campaign-level workflows on two queues, one small worker for the latter; stops both', async () => {
    const transport = createMailTransport(testSmtpSettings());
    const [taskQueue, campaignTaskQueue] = [uniqueTaskQueue('journeys'), uniqueTaskQueue('campaigns')];
    const make = () =>
      createProductWorkers({
        connection: env.nativeConnection,
        namespace: 'default',
        taskQueue,
        campaignTaskQueue,
        workflowBundlePath: harnessValue('workflowBundle'),
        deps: depsMailingTo(transport),
        tuning: workerTuning(loadConfig({})),
      });
    const workers = await make();
    expect(workers.journeys.options).toMatchObject({ taskQueue, maxCachedWorkflows: 150 });
    expect(workers.campaigns.options).toMatchObject({
      taskQueue: campaignTaskQueue,
      maxCachedWorkflows: CAMPAIGN_WORKER_TUNING.maxCachedWorkflows,
      tuner: {
        workflowTaskSlotSupplier: {
          numSlots: CAMPAIGN_WORKER_TUNING.maxConcurrentWorkflowTaskExecutions,
        },
      },
    });
    const running = workers.run();
    await eventually(async () => workers.running(), { until: (r) => r, description: 'both running' });
    workers.shutdown();
    await running;
    expect([workers.journeys.getState(), workers.campaigns.getState()]).toEqual(['STOPPED', 'STOPPED']);
    expect(workers.running()).toBe(false);

    // Asked to stop before it ran (a signal during start-up): run() releases both and returns.
    const early = await make();
    early.shutdown();
    await early.run();
    expect([early.journeys.getState(), early.campaigns.getState()]).toEqual(['STOPPED', 'STOPPED']);
    transport.close();
  });

  it('derives the campaign queue from TASK_QUEUE unless it is set', () => {
    expect(loadConfig({}).CAMPAIGN_TASK_QUEUE).toBe('perkflow-journeys-campaigns');
    expect(loadConfig({ TASK_QUEUE: 'staging-journeys' }).CAMPAIGN_TASK_QUEUE).toBe(
      'staging-journeys-campaigns',
    );
    expect(loadConfig({ CAMPAIGN_TASK_QUEUE: 'ops-campaigns' }).CAMPAIGN_TASK_QUEUE).toBe('ops-campaigns');
  });

  it('refuses a workflow task concurrency below the SDK minimum of 2', () => {
    expect(() => loadConfig({ WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' })).toThrow(
      'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
    );
  });
});
