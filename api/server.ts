import type { Server } from 'node:http';
import type { Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import type { PerkflowConfig } from '../infra/config';
import { ApiKeyStore } from '../stores/api-keys';
import { IdempotencyStore } from '../stores/idempotency';
import { createApp } from './app';
import { ensureBootstrapAdminKey } from './platform/api-key-material';
import type { ApiModule } from './platform/define-route';
import { createApiKeysModule } from './routes/keys';

export interface ApiServerHandle {
  url: string;
  banner: string[];
  stop(): Promise<void>;
}

const PURGE_EVERY_MS = 3_600_000;

/** Wires the API to real dependencies and listens on PORT. */
export async function startApiServer(opts: {
  config: PerkflowConfig;
  databaseUrl: string;
  temporal: Connection;
  log: Logger;
}): Promise<ApiServerHandle> {
  const { config, log } = opts;
  const pool = new Pool({ connectionString: opts.databaseUrl, max: 10 });
  const apiKeys = new ApiKeyStore(pool);
  const idempotency = new IdempotencyStore(pool);
  const banner: string[] = [];

  if (config.PERKFLOW_ADMIN_KEY) {
    const { record, created } = await ensureBootstrapAdminKey(apiKeys, config.PERKFLOW_ADMIN_KEY);
    if (record.revokedAt)
      log.warn({ keyId: record.id }, 'the PERKFLOW_ADMIN_KEY key is revoked; set a new one');
    banner.push(
      `  Admin API key  from PERKFLOW_ADMIN_KEY (${record.prefix}…, ${created ? 'stored now' : 'known'})`,
    );
  } else {
    banner.push('  Admin API key  none configured: set PERKFLOW_ADMIN_KEY (≥ 32 characters) to create keys');
  }

  // Each team adds its module here: createXyzModule(itsStores, ...) returning an ApiModule.
  const routes: ApiModule[] = [createApiKeysModule(apiKeys)];

  const app = createApp({
    logger: log.child({ component: 'api' }),
    apiKeys,
    idempotency,
    health: {
      checks: {
        postgres: async () => {
          await pool.query('SELECT 1');
        },
        temporal: async () => {
          await opts.temporal.workflowService.getSystemInfo({});
        },
      },
    },
    metrics: { registry: new Registry() },
    routes,
    rateLimit: { limit: config.RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
  });

  const purge = setInterval(() => {
    idempotency.purgeExpired().catch((err: unknown) => log.warn({ err }, 'idempotency purge failed'));
  }, PURGE_EVERY_MS);
  purge.unref();

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${config.PORT}`,
    banner,
    stop: async () => {
      clearInterval(purge);
      await new Promise<void>((r) => server.close(() => r()));
      await pool.end();
    },
  };
}
