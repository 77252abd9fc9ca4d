import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { watchParent } from './parent-watchdog';

/**
 * A Temporal server run as a child process (the CLI dev server, or the server on Postgres): its own process group, so
 * a terminal Ctrl-C reaches only us and we stop it after the worker that uses it; its output forwarded line by line
 * (not while stopping, when its internal workers log every poll they lose); killed when this process exits, and by
 * a watchdog if this process is killed outright.
 */
export interface TemporalServerProcess {
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its last lines of output (what it said before exiting, e.g. a port already in use). */
  recentOutput(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(): Promise<void>;
}

/** Lines of a server's output kept for the error of a failed start. */
const RECENT_LINES = 20;

export function spawnTemporalServer(
  command: string,
  args: readonly string[],
  options: { graceMs: number; onLine?: (line: string) => void },
): TemporalServerProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stopping = false;
  const recent: string[] = [];
  const forward = (chunk: Buffer) => {
    if (stopping) return;
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > RECENT_LINES) recent.shift();
      options.onLine?.(line);
    }
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  if (child.pid !== undefined)
    watchParent({ childPid: child.pid, stopSignal: 'SIGTERM', graceMs: options.graceMs });
  return {
    process: child,
    exited,
    recentOutput: () => recent.join('\n'),
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) return;
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), options.graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Waits until the frontend at `address` answers GetSystemInfo; fails early if the server exited, with what it said
 * last (so a port taken between the check and the bind reads as such, and `onFreePort` tries another).
 */
export async function waitUntilServing(
  name: string,
  address: string,
  server: Pick<TemporalServerProcess, 'process' | 'recentOutput'>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  const child = server.process;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.exitCode}: ${server.recentOutput().slice(-2000)}`);
    }
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
  throw new Error(`${name} not reachable at ${address} after ${timeoutMs} ms: ${String(lastError)}`);
}
