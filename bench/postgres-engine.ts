import { join } from 'node:path';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { freePort, onFreePort } from '../infra/dev/free-port';
import { startTemporalServerOnPostgres } from '../infra/dev/temporal-server-postgres';

export interface PostgresEngine {
  address: string;
  /** The server's and its Postgres's pids: their process trees are the engine's CPU and memory. */
  roots: number[];
  stop(): Promise<void>;
}

/**
 * The production-shaped engine for a benchmark side: the Temporal server (tools/temporal-server) on an embedded
 * Postgres of its own under `dataDir`, so its database load is counted apart from perkflow's.
 */
export async function startPostgresEngine(dataDir: string, namespace = 'default'): Promise<PostgresEngine> {
  const pg = await onFreePort((port) =>
    startEmbeddedPostgres({ dataDir: join(dataDir, 'temporal-pg'), port, persistent: false }),
  );
  try {
    const server = await startTemporalServerOnPostgres({
      adminUrl: pg.url,
      dataDir: join(dataDir, 'temporal-server'),
      port: await freePort(),
      namespace,
    });
    return {
      address: server.address,
      roots: [server.process.pid!, pg.pid],
      stop: async () => {
        await server.stop();
        await pg.stop();
      },
    };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}
