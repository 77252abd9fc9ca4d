import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../infra/dev/embedded-postgres';
import { freePort } from '../infra/dev/free-port';

/**
 * Runs `fn` with the URL of a fresh database named `name`: on DATABASE_URL when set, else on an embedded Postgres of
 * its own in a temporary directory, stopped afterwards (benchmarks measure on nobody else's data).
 */
export async function withBenchDatabase(name: string, fn: (url: string) => Promise<void>): Promise<void> {
  if (process.env.DATABASE_URL) {
    await fn(process.env.DATABASE_URL);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'perkflow-bench-'));
  chmodSync(dir, 0o755); // embedded Postgres runs as an unprivileged user when we are root
  let pg: EmbeddedPostgresHandle | undefined;
  try {
    pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      port: await freePort(),
      persistent: false,
      // As npm start sizes it unless the run says otherwise (a before/after of the setting).
      ...(process.env.EMBEDDED_PG_SHARED_BUFFERS
        ? { sharedBuffers: process.env.EMBEDDED_PG_SHARED_BUFFERS }
        : {}),
    });
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pg.url);
    url.pathname = `/${name}`;
    await fn(url.toString());
  } finally {
    await pg?.stop();
  }
}
