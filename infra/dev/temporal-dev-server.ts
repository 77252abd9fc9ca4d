import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { JOURNEY_SEARCH_ATTRIBUTES } from '../search-attributes';
import { watchParent } from './parent-watchdog';
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

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(
    `temporal dev server not reachable at ${address} after ${timeoutMs} ms: ${String(lastError)}`,
  );
}

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
  // Own process group: a terminal Ctrl-C reaches only us, and we stop the server after the worker that uses it.
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stopping = false;
  const forward = (chunk: Buffer) => {
    // While stopping, the server's internal workers log every poll they lose; that noise helps nobody.
    if (stopping) return;
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.onLine?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  // If this process is killed outright (its exit handler never runs), the watchdog stops the server.
  if (child.pid !== undefined)
    watchParent({ childPid: child.pid, stopSignal: 'SIGTERM', graceMs: STOP_GRACE_MS });

  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilServing(address, child, 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    process: child,
    exited,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) return;
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
