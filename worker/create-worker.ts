import { NativeConnection, Worker } from '@temporalio/worker';
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
export function createJourneyWorker(options: JourneyWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.deps),
    // Payloads are encrypted with the personal-data keys: the Temporal server stores no customer data in clear.
    dataConverter: encryptedDataConverter(options.deps.pii.cipher),
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: require.resolve('../workflows') }),
    shutdownGraceTime: options.shutdownGraceTime ?? '10 seconds',
    ...options.tuning,
  });
}
