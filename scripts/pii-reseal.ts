/**
 * `npm run pii:reseal [-- --everything]`: reseals customers' personal data under the current key of
 * PII_ENCRYPTION_KEYS (rows from before encryption, rows under keys since rotated out of first place), against
 * DATABASE_URL or the embedded database of `npm start` (with npm start's local keys when none are configured).
 * `--everything` rewrites every row, which also moves every matching hash to a changed PII_HASH_KEY. The API runs the
 * same reseal (without --everything) at each start; this is for doing it now, or before dropping an old key.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../infra/config';
import { createPool, poolDeadlines } from '../infra/database';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { ensureDatabase } from '../infra/ensure-database';
import { personalDataProtectionFrom } from '../infra/personal-data-keys';
import { resealPersonalData } from '../stores/personal-data-reseal';
import { loadOrCreatePersonalDataKeys } from './personal-data-dev-keys';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { everything: { type: 'boolean', default: false } } });
  const loaded = loadConfig();
  const config =
    loaded.PII_ENCRYPTION_KEYS || loaded.PII_HASH_KEY
      ? loaded
      : { ...loaded, ...loadOrCreatePersonalDataKeys(resolve(loaded.PERKFLOW_DATA_DIR)) };
  const pii = personalDataProtectionFrom(config);
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
  const pool = createPool(url, poolDeadlines(config), (message) => console.error('postgres:', message));
  try {
    const done = await resealPersonalData(pool, pii, { everything: values.everything });
    console.log(
      `resealed under key ${pii.cipher.currentKeyId}: ${done.customers} customers, ${done.events} customer events`,
    );
  } finally {
    await pool.end();
    await stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
