import { NativeConnection } from '@temporalio/worker';
import type { PerkflowConfig } from '../infra/config';
import { buildActivityDeps } from './activity-deps';
import { campaignLifecycleFor } from './campaign-lifecycle';
import { createProductWorkers, workerTuning } from './create-worker';

/**
 * A journey worker running inside this process (`npm start`, the API bench) with its own activity dependencies and
 * Temporal connection. `stop` shuts the worker down (in-flight tasks finish), then closes what it used.
 */
export async function startJourneyWorker(options: {
  config: PerkflowConfig;
  databaseUrl: string;
  smtp: { host: string; port: number };
  temporalAddress: string;
}): Promise<{ stop(): Promise<void> }> {
  const { config } = options;
  const deps = buildActivityDeps(config, options.databaseUrl, options.smtp);
  let connection: NativeConnection | undefined;
  try {
    connection = await NativeConnection.connect({ address: options.temporalAddress });
    const lifecycle = campaignLifecycleFor({
      ...deps,
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TASK_QUEUE,
      campaignTaskQueue: config.CAMPAIGN_TASK_QUEUE,
    });
    deps.campaignLifecycle = lifecycle;
    deps.enrolments = lifecycle;
    const workers = await createProductWorkers({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TASK_QUEUE,
      campaignTaskQueue: config.CAMPAIGN_TASK_QUEUE,
      deps,
      tuning: workerTuning(config),
    });
    const running = workers.run();
    const opened = connection;
    return {
      async stop() {
        try {
          workers.shutdown();
          await running;
        } finally {
          try {
            await opened.close();
          } finally {
            await deps.close();
          }
        }
      },
    };
  } catch (err) {
    await connection?.close().catch(() => undefined);
    await deps.close().catch(() => undefined);
    throw err;
  }
}
