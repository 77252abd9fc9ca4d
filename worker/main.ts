import { Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../infra/config';
import { migrateUp } from '../infra/migrate';
import { createLogger } from '../infra/logger';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { temporalLoggerFrom } from '../infra/temporal-logger';
import { buildActivityDeps } from './activity-deps';
import { campaignLifecycleFor } from './campaign-lifecycle';
import { createProductWorkers, workerTuning } from './create-worker';
import { WORKER_READY_MESSAGE } from '../infra/worker-ready';

/**
 * Standalone worker process (docker-compose runs several of these). The SDK runtime turns SIGINT/SIGTERM into a
 * graceful shutdown: polling stops, in-flight tasks finish within the grace time, then run() resolves.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('worker', config.LOG_LEVEL);
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required for a standalone worker');
  if (!config.SMTP_HOST) throw new Error('SMTP_HOST is required for a standalone worker');
  // Migrations first, so a fresh compose stack works whichever of API and worker starts first.
  await migrateUp(config.DATABASE_URL);
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'], logger: temporalLoggerFrom(log) });

  const client = await Connection.connect({ address });
  const added = await ensureSearchAttributes(client, config.TEMPORAL_NAMESPACE);
  if (added.length) log.info({ added }, 'registered search attributes');
  await client.close();

  const connection = await NativeConnection.connect({ address });
  const deps = buildActivityDeps(config, config.DATABASE_URL, {
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
  });
  const lifecycle = campaignLifecycleFor({
    ...deps,
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    campaignTaskQueue: config.CAMPAIGN_TASK_QUEUE,
    occurrenceCatchUpDays: config.FLOW_CATCH_UP_DAYS,
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
  log.info(
    { taskQueue: config.TASK_QUEUE, campaignTaskQueue: config.CAMPAIGN_TASK_QUEUE, address },
    'worker started',
  );
  const running = workers.run();
  // Started by npm start (an IPC channel): say we poll, and drain and exit if npm start dies without stopping us.
  // Guarded: npm start may be gone already (the channel closed while we bundled), or have asked us to stop (draining).
  if (process.send && process.connected) {
    process.send(WORKER_READY_MESSAGE, (err: Error | null) => {
      if (err) log.warn('npm start went away before the worker was ready');
    });
    process.once('disconnect', whenNpmStartIsGone);
  } else if (process.send) {
    // Started by an npm start that died while we bundled: nobody will stop us, so do not start polling for good.
    whenNpmStartIsGone();
  }
  await running;
  await deps.close();
  await connection.close();
  log.info('worker stopped');
  // A 'disconnect' listener keeps the IPC channel, and so this process, alive: without letting go, a worker that has
  // drained would sit there until npm start's stop grace ran out and killed it (Ctrl-C took 15 s more than needed).
  process.removeListener('disconnect', whenNpmStartIsGone);
  if (process.connected) process.disconnect();

  function whenNpmStartIsGone() {
    if (!workers.running()) return;
    log.warn('npm start is gone; draining and stopping');
    workers.shutdown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
