import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import {
  createActivities,
  type Activities,
  type CampaignEnrolments,
  type ScheduledCampaignLifecycle,
} from '../../activities';
import { createMailTransport } from '../../email/mailer';
import { Ledger } from '../../ledger';
import {
  contentSnapshot,
  createTestDatabase,
  rowCounts,
  type TableContents,
  type TestDatabase,
} from './database';
import { testSmtpSettings } from './mail';
import { testPersonalData } from './personal-data';
import { startTimeSkippingEnv, createTestWorker, uniqueTaskQueue } from './temporal';
import { encryptedDataConverter } from '../../infra/temporal-payload-codec';
import { TrackedWorkflows } from './tracked-workflows';

export const SUPPORT_INBOX = 'support@test.perkflow.local';

/**
 * How long (real time) a skip of workflow time may go without the test server's clock skipping ahead before it fails
 * (well inside a test's own timeout, so the failure names what held the clock), and how long one skip may take at
 * most while the clock does keep skipping. A skip is normally milliseconds, but a long one wakes the journeys many
 * times on the way, and each wake-up runs its activities in real time: on a loaded machine that adds up to minutes
 * while being perfectly healthy.
 */
const SKIP_STALL_MS = 60_000;
const SKIP_MAX_MS = 600_000;
const SKIP_PROGRESS_POLL_MS = 2_000;

/**
 * The one test stack behind journey tests and API tests: a time-skipping Temporal test server of the file's own, a
 * fresh migrated database, a ledger with a funded program budget, and a worker running every journey's real
 * activities (real SMTP capture) on a task queue of its own. Time moves only through `advance` and `results`, and
 * only once the workflows have settled.
 */
export interface TestStack {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  ledger: Ledger;
  taskQueue: string;
  /**
   * Where campaign-level workflows run: a queue and worker of their own as in the product (CAMPAIGN_TASK_QUEUE) with
   * `ownCampaignQueue`, otherwise `taskQueue` (one worker per file keeps the suite's start-up cost down).
   */
  campaignTaskQueue: string;
  /** The client the code under test gets: every workflow started through it is tracked (`workflowIds`). */
  temporal: Client;
  workflows: TrackedWorkflows;
  /** Ids of the workflows started through `temporal` so far. */
  workflowIds: ReadonlySet<string>;
  /** The test server's clock (time-skipped), as ISO text: use it as `asOf` for ledger reads. */
  now(): Promise<string>;
  /** Waits until no tracked workflow has a workflow task or an activity in flight (throws after 30 s). */
  settle(): Promise<void>;
  /**
   * Settles, then skips `duration` of workflow time; with `stepHours`, in steps, settling before each, so workflows
   * woken on the way finish their work before time moves on.
   */
  advance(duration: Duration, options?: { stepHours?: number }): Promise<void>;
  /**
   * Skips time in steps (settling before each) until the workflow closes, then returns its result. Never
   * `handle.result()` on the time-skipping client: the Java test server keeps a 10-year execution-timeout timer per
   * workflow and fast-forwards to it when a result call unlocks time with nothing else pending, which would put
   * "now" a decade after the journey ended.
   */
  result(workflowId: string, options?: ResultOptions): Promise<unknown>;
  /** `result` for several workflows at once (one clock: concurrent sleeps on the test server would collide). */
  results(workflowIds: readonly string[], options?: ResultOptions): Promise<unknown[]>;
  /** Status name of a workflow on the server, or null if it does not exist. */
  workflowStatus(workflowId: string): Promise<string | null>;
  /** Adds money to the program budget straight through the ledger. */
  fundProgram(amount: number): Promise<void>;
  /** Row counts of every table of the database. */
  counts(): Promise<Record<string, number>>;
  /**
   * What a refused request must leave unchanged: row count and content digest of every table, and the number of
   * workflows started.
   */
  nothingWrittenSnapshot(): Promise<{ tables: Record<string, TableContents>; workflows: number }>;
  restartWorker(): Promise<void>;
  /**
   * Runs `work` with the journeys' worker stopped (the campaign worker still serving), then starts it again. Sticky
   * runs of the stopped worker wait out the sticky timeout afterwards: call it last in a file.
   */
  withoutJourneyWorker<T>(work: () => Promise<T>): Promise<T>;
  /** What the worker's campaign-schedule activity launches and ends campaigns through (the product's campaign service). */
  bindCampaignLifecycle(lifecycle: ScheduledCampaignLifecycle & CampaignEnrolments): void;
  /** Terminates the workflows still running (once quiet), stops the worker, drops the database. */
  stop(): Promise<void>;
}

export interface ResultOptions {
  stepHours?: number;
  maxDays?: number;
}

export interface TestStackOptions {
  /** Wraps the real activities (e.g. to crash a worker right after a grant committed). */
  wrapActivities?: (real: Activities) => Partial<Activities>;
  /**
   * Workflow cache size. 0 turns sticky execution off, which a test that restarts its worker needs: the test
   * server keeps routing a cached workflow's tasks to the stopped worker's sticky queue.
   */
  maxCachedWorkflows?: number;
  /** Program budget funded at start (default 1,000,000,000 minor units); 0 for none. */
  programFunding?: number;
  /**
   * Encrypt Temporal payloads like the product does (worker and client share the test keys). Off by default here:
   * journey tests record histories for the replay test, which must open without this run's fresh keys.
   */
  encryptPayloads?: boolean;
  /** The statement timeout of flows' segment tests (default: the product's). */
  segmentTestTimeoutMs?: number;
  /** Campaign-level workflows on a queue and worker of their own, as the product runs them (default: one queue). */
  ownCampaignQueue?: boolean;
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const env = await startTimeSkippingEnv();
  const db = await createTestDatabase();
  const ledger = new Ledger(db.pool, { currency: 'CNY' });
  const taskQueue = uniqueTaskQueue('stack');
  const campaignTaskQueue = options.ownCampaignQueue ? `${taskQueue}-campaigns` : taskQueue;
  const dataConverter = options.encryptPayloads ? encryptedDataConverter(testPersonalData.cipher) : undefined;
  const workflows = new TrackedWorkflows(env.connection, 'default', dataConverter);
  const transport = createMailTransport(testSmtpSettings());
  // Bound later: the campaign service is built over this stack (createProductTestApi binds it).
  let campaignLifecycle: (ScheduledCampaignLifecycle & CampaignEnrolments) | undefined;
  const lifecycle = () => {
    if (!campaignLifecycle) throw new Error('no campaign lifecycle bound to this test stack');
    return campaignLifecycle;
  };
  const realActivities = createActivities({
    campaignLifecycle: {
      runScheduled: (campaignId, action) => lifecycle().runScheduled(campaignId, action),
    },
    enrolments: {
      enrolPage: (req) => lifecycle().enrolPage(req),
      nextOccurrence: (req) => lifecycle().nextOccurrence(req),
    },
    pool: db.pool,
    ledger,
    pii: testPersonalData,
    ...(options.segmentTestTimeoutMs !== undefined
      ? { segmentTestTimeoutMs: options.segmentTestTimeoutMs }
      : {}),
    mail: {
      transport,
      from: 'perkflow@test.local',
      supportInbox: SUPPORT_INBOX,
      defaults: { currency: 'CNY' },
    },
  });
  const activities = { ...realActivities, ...(options.wrapActivities?.(realActivities) ?? {}) };

  const workerOn = async (queue: string) => {
    const worker = await createTestWorker(env, {
      taskQueue: queue,
      activities,
      ...(dataConverter ? { dataConverter } : {}),
      ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    });
    return { worker, running: worker.run() };
  };
  const stopWorker = async (w: { worker: Worker; running: Promise<void> }) => {
    w.worker.shutdown();
    await w.running;
  };
  let journeyWorker: { worker: Worker; running: Promise<void> };
  let campaignWorker: { worker: Worker; running: Promise<void> } | undefined;
  const startWorker = async () => {
    journeyWorker = await workerOn(taskQueue);
    if (campaignTaskQueue !== taskQueue) campaignWorker = await workerOn(campaignTaskQueue);
  };
  await startWorker();

  let fundings = 0;
  const fundProgram = async (amount: number) => {
    await ledger.fundProgram({
      idempotencyKey: `test-funding/${taskQueue}/${++fundings}`,
      amount,
      asOf: new Date().toISOString(),
    });
  };
  const programFunding = options.programFunding ?? 1_000_000_000;
  if (programFunding > 0) await fundProgram(programFunding);

  const settle = () => workflows.settle();
  /**
   * env.sleep, bounded in real time: on the test server a skip waits for every outstanding workflow task and activity
   * on the whole server (the file's own), so one held forever would turn the skip into a real-time wait; fail loudly
   * instead, naming what the tracked workflows are doing.
   */
  const skip = async (duration: Duration) => {
    const sleeping = env.sleep(duration);
    let done = false;
    sleeping.then(
      () => (done = true),
      () => undefined, // still pending when a timeout below is thrown; the teardown ends it
    );
    const started = Date.now();
    let [lastClock, lastPoll] = [await env.currentTimeMs(), Date.now()];
    let lastJump = Date.now();
    while (!done) {
      await Promise.race([sleeping.catch(() => undefined), delay(SKIP_PROGRESS_POLL_MS)]);
      if (done) break;
      const [clock, now] = [await env.currentTimeMs(), Date.now()];
      // While time skipping is locked the server's clock still runs, at the speed of real time: only a clock that
      // ran well ahead of real time since the last look has skipped.
      if (clock - lastClock > 2 * (now - lastPoll)) lastJump = now;
      [lastClock, lastPoll] = [clock, now];
      const stalled = now - lastJump > SKIP_STALL_MS;
      if (stalled || Date.now() - started > SKIP_MAX_MS) {
        throw new Error(
          `skipping ${String(duration)} of workflow time: ${
            stalled
              ? `the clock has not skipped ahead for ${SKIP_STALL_MS / 1000} s`
              : `still going after ${SKIP_MAX_MS / 1000} s`
          } of real time (the test server's clock is held by outstanding work); tracked workflows: ${await workflows.report()}`,
        );
      }
    }
    await sleeping;
  };
  const results: TestStack['results'] = async (workflowIds, { stepHours = 6, maxDays = 800 } = {}) => {
    const handles = workflowIds.map((id) => workflows.client.workflow.getHandle(id));
    for (let elapsedHours = 0; ; elapsedHours += stepHours) {
      await settle();
      const statuses = await Promise.all(workflowIds.map((id) => workflows.status(id)));
      if (statuses.every((s) => s !== 'RUNNING')) return Promise.all(handles.map((h) => h.result()));
      if (elapsedHours >= maxDays * 24) {
        throw new Error(`${workflowIds.join(', ')} still running after ${maxDays} days of workflow time`);
      }
      await skip(`${stepHours} hours`);
    }
  };

  return {
    env,
    db,
    ledger,
    taskQueue,
    campaignTaskQueue,
    temporal: workflows.client,
    workflows,
    workflowIds: workflows.started,
    now: async () => new Date(await env.currentTimeMs()).toISOString(),
    settle,
    async advance(duration, { stepHours } = {}) {
      const total = msToNumber(duration);
      const step = stepHours === undefined ? total : stepHours * 3_600_000;
      for (let done = 0; done < total; done += step) {
        await settle();
        await skip(Math.min(step, total - done));
      }
    },
    results,
    async result(workflowId, resultOptions) {
      const [result] = await results([workflowId], resultOptions);
      return result;
    },
    workflowStatus: (workflowId) => workflows.status(workflowId),
    fundProgram,
    counts: () => rowCounts(db.pool),
    nothingWrittenSnapshot: async () => ({
      tables: await contentSnapshot(db.pool),
      workflows: workflows.started.size,
    }),
    bindCampaignLifecycle(lifecycle) {
      campaignLifecycle = lifecycle;
    },
    async restartWorker() {
      await stopWorker(journeyWorker);
      if (campaignWorker) await stopWorker(campaignWorker);
      await startWorker();
    },
    async withoutJourneyWorker(work) {
      if (!campaignWorker)
        throw new Error('withoutJourneyWorker needs a stack started with ownCampaignQueue');
      await stopWorker(journeyWorker);
      try {
        return await work();
      } finally {
        journeyWorker = await workerOn(taskQueue);
      }
    },
    async stop() {
      try {
        // Runs left open would keep working until the file's test server stops under them; end them first so the
        // worker's shutdown finds nothing in flight.
        await workflows.terminateOpen('test file finished');
      } finally {
        await stopWorker(journeyWorker);
        if (campaignWorker) await stopWorker(campaignWorker);
        transport.close();
        await db.drop();
        await env.teardown();
      }
    },
  };
}
