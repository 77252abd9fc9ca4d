/**
 * Standalone API process (docker-compose): external Postgres and Temporal, migrations applied at start (safe to run
 * from several replicas: node-pg-migrate takes an advisory lock).
 */
import { loadConfig } from '../infra/config';
import { connectTemporal } from '../infra/temporal-connection';
import { createLogger } from '../infra/logger';
import { migrateUp } from '../infra/migrate';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { temporalLoggerFrom } from '../infra/temporal-logger';
import { Runtime } from '@temporalio/worker';
import { startApiServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('api', config.LOG_LEVEL);
  // Campaign simulations run workers in this process: their SDK logs go to ours (warnings up), and signals stay ours.
  Runtime.install({ shutdownSignals: [], logger: temporalLoggerFrom(createLogger('temporal-sdk', 'warn')) });
  if (!config.DATABASE_URL)
    throw new Error('DATABASE_URL is required for a standalone API (npm start embeds one)');
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
  const applied = await migrateUp(config.DATABASE_URL);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const temporal = await connectTemporal(address, config.TEMPORAL_CALL_TIMEOUT_MS);
  await ensureSearchAttributes(temporal, config.TEMPORAL_NAMESPACE);
  const api = await startApiServer({
    config,
    databaseUrl: config.DATABASE_URL,
    temporal,
    log,
    ...(config.SMTP_HOST
      ? {
          smtp: {
            host: config.SMTP_HOST,
            port: config.SMTP_PORT,
            ...(config.SMTP_USER ? { user: config.SMTP_USER } : {}),
            ...(config.SMTP_PASSWORD ? { password: config.SMTP_PASSWORD } : {}),
          },
        }
      : {}),
  });
  for (const line of api.banner) log.info(line.trim());
  log.info({ url: api.url }, 'api listening');

  const stop = async (signal: string) => {
    log.info({ signal }, 'api stopping');
    await api.stop();
    await temporal.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
