import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { JOURNEY_SEARCH_ATTRIBUTES } from '../search-attributes';
import { spawnTemporalServer, waitUntilServing } from './temporal-server-process';
import type { SupervisedProcess } from './supervisor';
import { requireTemporalBinary } from '../temporal-binaries';

export interface DevServerHandle extends SupervisedProcess {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  port: number;
  uiPort: number;
  /** SQLite file: journeys survive a restart of `npm start`. */
  dbFile: string;
  namespace: string;
  /** SQLite pragmas as NAME=VALUE (TEMPORAL_SQLITE_PRAGMAS), passed to the CLI's --sqlite-pragma. */
  sqlitePragmas?: readonly string[];
  /** The codec server the Web UI decodes payloads through (the API's /temporal-codec): payloads are encrypted. */
  uiCodecEndpoint?: string;
  onLine?: (line: string) => void;
}

/** How long the dev server gets to stop on SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

/** Runs the genuine Temporal CLI dev server (with its Web UI) as a child process. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServerHandle> {
  const cli = requireTemporalBinary('cli');
  mkdirSync(dirname(options.dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--db-filename',
    options.dbFile,
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    '--log-format',
    'pretty',
    ...(options.sqlitePragmas ?? []).flatMap((pragma) => ['--sqlite-pragma', pragma]),
    ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
    ...JOURNEY_SEARCH_ATTRIBUTES.flatMap((name) => ['--search-attribute', `${name}=Keyword`]),
  ];
  const server = spawnTemporalServer(cli, args, { graceMs: STOP_GRACE_MS, onLine: options.onLine });
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilServing('temporal dev server', address, server, 60_000);
  } catch (err) {
    server.process.kill('SIGKILL');
    throw err;
  }
  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    process: server.process,
    exited: server.exited,
    stop: server.stop,
  };
}
