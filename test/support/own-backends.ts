import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@temporalio/client';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../infra/dev/embedded-postgres';
import { freePort, onFreePort } from '../../infra/dev/free-port';
import { startTemporalDevServer, type DevServerHandle } from '../../infra/dev/temporal-dev-server';
import { ensureDatabase } from '../../infra/ensure-database';
import { migrateUp } from '../../infra/migrate';
import { connectTemporal } from '../../infra/temporal-connection';

export interface OwnBackends {
  dir: string;
  pg: EmbeddedPostgresHandle;
  /** The migrated `perkflow` database on `pg`. */
  databaseUrl: string;
  dev: DevServerHandle;
  temporal: Connection;
  /** Closes the connection, stops both servers, removes `dir`; safe after a partial start. */
  stop(): Promise<void>;
}

/**
 * A Postgres and a Temporal dev server of the test file's own, for tests that freeze, kill or starve them (the
 * harness's shared ones must stay up for the other files), each on a port found free, in a temp dir.
 */
export async function startOwnBackends(options: {
  dirPrefix: string;
  connectTimeoutMs: number;
  sqlitePragmas?: readonly string[];
}): Promise<OwnBackends> {
  const dir = mkdtempSync(join(tmpdir(), options.dirPrefix));
  chmodSync(dir, 0o755); // embedded Postgres runs as an unprivileged user when we are root
  const started: Partial<OwnBackends> = { dir };
  const stop = async () => {
    await started.temporal?.close();
    await started.dev?.stop();
    await started.pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    started.pg = await onFreePort((port) =>
      startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port, persistent: false }),
    );
    started.databaseUrl = await ensureDatabase(started.pg.url, 'perkflow');
    await migrateUp(started.databaseUrl);
    started.dev = await onFreePort(async (port) =>
      startTemporalDevServer({
        port,
        uiPort: await freePort(),
        dbFile: join(dir, 'temporal.sqlite'),
        namespace: 'default',
        ...(options.sqlitePragmas !== undefined ? { sqlitePragmas: options.sqlitePragmas } : {}),
      }),
    );
    started.temporal = await connectTemporal(started.dev.address, options.connectTimeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { ...(started as Omit<OwnBackends, 'stop'>), stop };
}
