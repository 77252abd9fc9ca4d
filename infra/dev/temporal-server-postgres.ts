import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { status } from '@grpc/grpc-js';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { stringify } from 'yaml';
import { ensureDatabase } from '../ensure-database';
import { PROJECT_ROOT } from '../project-root';
import { ensureSearchAttributes } from '../search-attributes';
import { freePort, freePortInRange } from './free-port';
import { spawnTemporalServer, waitUntilServing } from './temporal-server-process';

/**
 * The production-shaped engine: the genuine Temporal server (`go.temporal.io/server`, built from the Go module proxy by
 * `npm run temporal-server:build` into tools/temporal-server/) on Postgres with SQL visibility, the shape the
 * docker-compose stack runs (auto-setup on Postgres): schemas set up and migrated by the server's own `sql` tool, the
 * namespace registered, the journey search attributes added. The CLI dev server (SQLite) stays the default of npm start;
 * this is what `npm run temporal:postgres` and the benches' `--engine postgres` run.
 */

export const TEMPORAL_SERVER_DIR = join(PROJECT_ROOT, 'tools', 'temporal-server');
const SERVER = join(TEMPORAL_SERVER_DIR, 'server');
const SQL_TOOL = join(TEMPORAL_SERVER_DIR, 'sql');
const STOP_GRACE_MS = 15_000;
const run = promisify(execFile);

export interface TemporalServerOnPostgres {
  address: string;
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export interface TemporalServerOnPostgresOptions {
  /** A Postgres superuser URL (its databases `temporal` and `temporal_visibility` are created if missing). */
  adminUrl: string;
  /** Where the generated config lives. */
  dataDir: string;
  /** Frontend gRPC port; the other services take free loopback ports. */
  port: number;
  namespace: string;
  /** History shards: fixed at the first setup of the databases. */
  historyShards?: number;
  onLine?: (line: string) => void;
}

export function temporalServerBuilt(): boolean {
  return existsSync(SERVER) && existsSync(SQL_TOOL);
}

async function setUpSchema(url: URL, database: string, schemaName: string): Promise<void> {
  const connection = [
    '--plugin',
    'postgres12',
    '--ep',
    url.hostname,
    '-p',
    url.port || '5432',
    '-u',
    decodeURIComponent(url.username),
    '--db',
    database,
  ];
  // The password goes in the environment (SQL_PASSWORD), never on a command line that ps and error messages show.
  const env = { ...process.env, SQL_PASSWORD: decodeURIComponent(url.password) };
  // setup-schema -v 0.0 creates the version table only (and is a no-op on a set-up database with --overwrite off);
  // update-schema applies the server's embedded versioned migrations up to its own version.
  await run(SQL_TOOL, [...connection, 'setup-schema', '-v', '0.0'], { timeout: 60_000, env }).catch(
    (err: { stderr?: string }) => {
      if (!/already exists/i.test(err.stderr ?? '')) throw err;
    },
  );
  await run(SQL_TOOL, [...connection, 'update-schema', '--schema-name', schemaName], {
    timeout: 120_000,
    env,
  });
}

async function ensureNamespace(connection: Connection, namespace: string): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return;
  } catch {
    // not there yet
  }
  await connection.workflowService.registerNamespace({
    namespace,
    // Closed journeys stay readable for a week (the compose stack's auto-setup default is 1 day).
    workflowExecutionRetentionPeriod: msToTs(7 * 24 * 3600 * 1000),
  });
  // Registration reaches the frontend's namespace cache within seconds.
  for (let i = 0; i < 60; i++) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`namespace ${namespace} not visible after registering it`);
}

export async function startTemporalServerOnPostgres(
  options: TemporalServerOnPostgresOptions,
): Promise<TemporalServerOnPostgres> {
  if (!temporalServerBuilt())
    throw new Error(`no Temporal server in ${TEMPORAL_SERVER_DIR}: run npm run temporal-server:build`);
  const admin = new URL(options.adminUrl);
  const databases = {
    temporal: new URL(await ensureDatabase(options.adminUrl, 'temporal')),
    visibility: new URL(await ensureDatabase(options.adminUrl, 'temporal_visibility')),
  };
  await setUpSchema(databases.temporal, 'temporal', 'postgresql/v12/temporal');
  await setUpSchema(databases.visibility, 'temporal_visibility', 'postgresql/v12/visibility');

  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${admin.hostname}:${admin.port || '5432'}`,
      connectProtocol: 'tcp',
      user: decodeURIComponent(admin.username),
      password: decodeURIComponent(admin.password),
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  // Membership ports are stored in a smallint column: below 32768.
  const service = async (grpcPort: number) => ({
    rpc: { grpcPort, membershipPort: await freePortInRange(20_000, 32_000), bindOnLocalHost: true },
  });
  const config = {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: options.historyShards ?? 4,
      datastores: {
        'postgres-default': store('temporal', 20),
        'postgres-visibility': store('temporal_visibility', 4),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: {
        rpc: { ...(await service(options.port)).rpc, httpPort: await freePort() },
      },
      history: await service(await freePort()),
      matching: await service(await freePort()),
      worker: await service(await freePort()),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${options.port}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
  };
  mkdirSync(options.dataDir, { recursive: true });
  const configFile = join(options.dataDir, 'temporal-server.yaml');
  // The file holds the database password: readable by its owner only.
  writeFileSync(configFile, stringify(config), { mode: 0o600 });

  const server = spawnTemporalServer(SERVER, ['--config-file', configFile, '--allow-no-auth', 'start'], {
    graceMs: STOP_GRACE_MS,
    onLine: options.onLine,
  });
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilServing('temporal server', address, server, 120_000);
    const connection = await Connection.connect({ address });
    try {
      await ensureNamespace(connection, options.namespace);
      // The operator service reads the namespace registry, which learns of a new namespace on its next refresh (~10 s).
      for (let attempt = 0; ; attempt++) {
        try {
          await ensureSearchAttributes(connection, options.namespace);
          break;
        } catch (err) {
          if ((err as { code?: number }).code !== status.NOT_FOUND || attempt >= 60) throw err;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    } finally {
      await connection.close();
    }
  } catch (err) {
    server.process.kill('SIGKILL');
    throw err;
  }
  return {
    address,
    process: server.process,
    exited: server.exited,
    stop: server.stop,
  };
}
