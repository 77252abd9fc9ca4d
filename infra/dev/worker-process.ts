import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';
import { WORKER_READY_MESSAGE } from '../worker-ready';

/** What the worker process gets besides npm start's own environment (servers npm start chose or started). */
export interface WorkerProcessOptions {
  env: Record<string, string>;
  /** How long the worker may take to bundle the workflows and start polling. */
  readyTimeoutMs?: number;
}

export interface WorkerProcessHandle {
  process: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/** How npm start runs the worker: `node` with these arguments, in PROJECT_ROOT. */
export const WORKER_PROCESS_ARGS: readonly string[] = [
  '--import',
  'tsx',
  join(PROJECT_ROOT, 'worker', 'main.ts'),
];

/** In-flight tasks get the worker's own shutdown grace (10 s) to finish; then it is killed. */
const STOP_GRACE_MS = 15_000;

/**
 * The journey worker as a process of its own under `npm start` (`npm run worker`'s entry point), so a busy or crashed
 * worker never slows or takes down the API, and each can be scaled on its own. A process group of its own, like the
 * servers: a terminal Ctrl-C reaches only npm start, which stops the API, then the worker (SIGTERM: it drains), then
 * the servers it needs — and the supervisor never mistakes that for a crash. If npm start dies outright, the IPC
 * channel closes and the worker drains and exits by itself (worker/main.ts).
 */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcessHandle> {
  const child = spawn(process.execPath, WORKER_PROCESS_ARGS, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      // A worker that died (and is restarted) must not leave its listener on npm start's exit behind.
      process.removeListener('exit', killOnExit);
      resolve({ code, signal });
    }),
  );

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the worker did not start within ${options.readyTimeoutMs ?? 120_000} ms`)),
      options.readyTimeoutMs ?? 120_000,
    );
    child.on('message', (message) => {
      if (message === WORKER_READY_MESSAGE) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited while starting (code ${code}, signal ${signal})`));
    });
  });
  try {
    await ready;
  } catch (err) {
    process.removeListener('exit', killOnExit);
    child.kill('SIGKILL');
    throw err;
  }
  return {
    process: child,
    exited,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, STOP_GRACE_MS);
      const { signal } = await exited;
      clearTimeout(timer);
      // Stopped either way, but a worker that had to be killed did not drain: say so (npm start logs it as an error).
      if (killed && signal === 'SIGKILL')
        throw new Error(`the worker did not exit within ${STOP_GRACE_MS} ms of SIGTERM; killed`);
    },
  };
}
