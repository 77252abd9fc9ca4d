/**
 * `npm run temporal:postgres` — the genuine Temporal server on Postgres with SQL visibility (the shape of the
 * docker-compose stack), for running the product or a bench against a production-shaped engine on this machine:
 *
 *   npm run temporal-server:build          # once: go install of the pinned server and its sql tool (~15 min, 2 cores)
 *   npm run temporal:postgres              # embedded Postgres under <data dir>/temporal-pg, server on TEMPORAL_PORT
 *   TEMPORAL_ADDRESS=127.0.0.1:7233 npm start
 *
 * TEMPORAL_DATABASE_URL (a superuser URL) points it at an external Postgres instead. Ctrl-C stops the server, then
 * Postgres.
 */
import { join, resolve } from 'node:path';
import { loadConfig } from '../infra/config';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { startTemporalServerOnPostgres } from '../infra/dev/temporal-server-postgres';
import { createLogger } from '../infra/logger';

async function main(): Promise<void> {
  const log = createLogger('temporal-postgres');
  const config = loadConfig(process.env);
  const dataDir = resolve(config.PERKFLOW_DATA_DIR);
  const stoppers: (() => Promise<void>)[] = [];
  let adminUrl = process.env.TEMPORAL_DATABASE_URL;
  if (!adminUrl) {
    const pg = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'temporal-pg'),
      port: Number(process.env.TEMPORAL_PG_PORT ?? 5442),
      persistent: true,
    });
    stoppers.push(pg.stop);
    adminUrl = pg.url;
  }
  const server = await startTemporalServerOnPostgres({
    adminUrl,
    dataDir: join(dataDir, 'temporal-server'),
    port: config.TEMPORAL_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
    onLine: (line) => log.warn(line),
  });
  stoppers.unshift(server.stop);
  log.info(
    { address: server.address, namespace: config.TEMPORAL_NAMESPACE },
    'temporal server on postgres ready',
  );
  const stop = async () => {
    for (const s of stoppers) await s().catch((err: unknown) => log.error({ err }, 'stop failed'));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  const exit = await server.exited;
  log.error(exit, 'temporal server exited');
  await stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
