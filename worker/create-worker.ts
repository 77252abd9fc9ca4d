import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import type { PerkflowConfig } from '../infra/config';
import { encryptedDataConverter } from '../infra/temporal-payload-codec';

/** How much the worker holds and runs at once; explicit, so its memory does not follow the machine's heap size. */
export interface WorkerTuning {
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentActivityTaskExecutions: number;
}

export function workerTuning(config: PerkflowConfig): WorkerTuning {
  return {
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    // With the cache on, the SDK lowers this to the cache size (a task needs its run in the cache).
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
  };
}

export interface JourneyWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Prebuilt bundle (tests); otherwise workflows/ is bundled at start. */
  workflowBundlePath?: string;
  /** How long in-flight activities get to finish on shutdown before they are cancelled. */
  shutdownGraceTime?: string;
  /** Cache and concurrency (workerTuning(config)); the SDK's defaults (cache sized from the heap) without it. */
  tuning?: WorkerTuning;
}

/** One worker runs every journey plugin on one task queue; scale out by starting more of them. */
export function createJourneyWorker(
  options: JourneyWorkerOptions,
  workflowCode?: { code: string },
): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.deps),
    // Payloads are encrypted with the personal-data keys: the Temporal server stores no customer data in clear.
    dataConverter: encryptedDataConverter(options.deps.pii.cipher),
    ...(workflowCode
      ? { workflowBundle: workflowCode }
      : options.workflowBundlePath
        ? { workflowBundle: { codePath: options.workflowBundlePath } }
        : { workflowsPath: require.resolve('../workflows') }),
    shutdownGraceTime: options.shutdownGraceTime ?? '10 seconds',
    ...options.tuning,
  });
}

/**
 * The campaign worker's share: a handful of long-lived runs (one schedule per campaign, an enrolment or calendar run
 * while one is going), each task short; it must never wait behind journeys, and it needs little memory.
 */
export const CAMPAIGN_WORKER_TUNING: WorkerTuning = {
  maxCachedWorkflows: 20,
  maxConcurrentWorkflowTaskExecutions: 4,
  maxConcurrentActivityTaskExecutions: 4,
};

/** What a worker process runs: the journeys' worker and the campaign-level workflows' worker. */
export interface ProductWorkers {
  journeys: Worker;
  campaigns: Worker;
  /** Runs both until both stopped; one failing stops the other, then the failure is thrown. */
  run(): Promise<void>;
  /** Graceful: polling stops, in-flight tasks finish within the grace time. */
  shutdown(): void;
  /** RUNNING while both are. */
  running(): boolean;
}

/**
 * The journey worker on TASK_QUEUE and a small worker on CAMPAIGN_TASK_QUEUE in one process, over one workflow bundle
 * (bundled once) and one set of activities. Both register every workflow: runs a release before this one started on
 * the journeys' queue carry on there.
 */
export async function createProductWorkers(
  options: JourneyWorkerOptions & { campaignTaskQueue: string },
): Promise<ProductWorkers> {
  const workflowCode = options.workflowBundlePath
    ? undefined
    : // The runtime's logger, as Worker.create would bundle with.
      await bundleWorkflowCode({
        workflowsPath: require.resolve('../workflows'),
        logger: Runtime.instance().logger,
      });
  const journeys = await createJourneyWorker(options, workflowCode);
  let campaigns: Worker;
  try {
    campaigns = await createJourneyWorker(
      { ...options, taskQueue: options.campaignTaskQueue, tuning: CAMPAIGN_WORKER_TUNING },
      workflowCode,
    );
  } catch (err) {
    // A created worker holds native resources until it has run: run it out at once (its own failure is not the news).
    await journeys.runUntil(Promise.resolve()).catch(() => undefined);
    throw err;
  }
  const both = [journeys, campaigns];
  let stopAsked = false;
  const shutdown = () => {
    stopAsked = true;
    for (const worker of both) if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  return {
    journeys,
    campaigns,
    async run() {
      // Asked to stop before running (a signal during start-up): release what they hold, poll nothing.
      if (stopAsked) {
        await Promise.all(both.map((w) => w.runUntil(Promise.resolve())));
        return;
      }
      const runs = both.map((worker) =>
        worker.run().catch((err: unknown) => {
          shutdown();
          throw err;
        }),
      );
      const settled = await Promise.allSettled(runs);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
    },
    shutdown,
    running: () => both.every((w) => w.getState() === 'RUNNING'),
  };
}
