/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database of `npm start`). */
import { join } from 'node:path';
import { loadConfig } from '../infra/config';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { ensureDatabase } from '../infra/ensure-database';
import { redactUrl } from '../infra/logger';
import { migrateUp } from '../infra/migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  let stop = async (): Promise<void> => undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const pg = await startEmbeddedPostgres({
      dataDir: join(config.PERKFLOW_DATA_DIR, 'pg'),
      port: config.EMBEDDED_PG_PORT,
      persistent: true,
    });
    stop = pg.stop;
    url = await ensureDatabase(pg.url, 'perkflow');
  }
  try {
    const applied = await migrateUp(url, (m) => console.log(m));
    console.log(`migrated ${redactUrl(url)}: ${applied.length ? applied.join(', ') : 'already up to date'}`);
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
