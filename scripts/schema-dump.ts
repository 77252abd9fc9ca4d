/**
 * `npm run schema:dump`: migrates a scratch database on a throwaway embedded Postgres and writes its schema to
 * migrations/snapshot/schema.sql. Run it after changing a migration and commit the result.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { freePort } from '../infra/dev/free-port';
import { dumpSchema, SCHEMA_SNAPSHOT } from '../infra/dev/schema-snapshot';
import { ensureDatabase } from '../infra/ensure-database';
import { migrateUp } from '../infra/migrate';
import { PROJECT_ROOT } from '../infra/project-root';

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'perkflow-schema-dump-'));
  // Embedded Postgres runs as an unprivileged user when we are root; it must be able to enter this directory.
  chmodSync(workDir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: join(workDir, 'pg'),
    port: await freePort(),
    persistent: false,
  });
  try {
    const url = await ensureDatabase(pg.url, 'perkflow_schema');
    const applied = await migrateUp(url);
    const schema = await dumpSchema(url);
    const before = existsSync(SCHEMA_SNAPSHOT) ? readFileSync(SCHEMA_SNAPSHOT, 'utf8') : undefined;
    mkdirSync(dirname(SCHEMA_SNAPSHOT), { recursive: true });
    writeFileSync(SCHEMA_SNAPSHOT, schema);
    const state = before === schema ? 'unchanged' : before === undefined ? 'created' : 'updated';
    console.log(
      `${relative(PROJECT_ROOT, SCHEMA_SNAPSHOT)} ${state}: ${applied.length} migrations, ` +
        `${schema.trimEnd().split('\n').length} lines`,
    );
  } finally {
    await pg.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
