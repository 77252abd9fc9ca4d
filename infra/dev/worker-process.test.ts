import { spawn } from 'node:child_process';
import { loadOrCreatePersonalDataKeys } from '../../scripts/personal-data-dev-keys';
import { startOwnBackends, type OwnBackends } from '../../test/support/own-backends';
import { loadConfig } from '../config';
import { PROJECT_ROOT } from '../project-root';
import { startWorkerProcess, WORKER_PROCESS_ARGS } from './worker-process';

/** The worker process as npm start runs it (worker/main.ts with an IPC channel), on a Postgres and dev server of its own. */
describe('the worker as a process of its own', () => {
  let backends: OwnBackends;
  let env: Record<string, string>;

  beforeAll(async () => {
    backends = await startOwnBackends({
      dirPrefix: 'perkflow-worker-process-',
      connectTimeoutMs: 5_000,
      sqlitePragmas: loadConfig({}).TEMPORAL_SQLITE_PRAGMAS,
    });
    env = {
      DATABASE_URL: backends.databaseUrl,
      TEMPORAL_ADDRESS: backends.dev.address,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '2525',
      ...loadOrCreatePersonalDataKeys(backends.dir),
    };
  }, 120_000);

  afterAll(async () => {
    await backends?.stop();
  });

  it('asked to stop, drains and exits by itself rather than being killed at the end of its stop grace', async () => {
    const worker = await startWorkerProcess({ env });
    // stop() rejects when it had to kill the worker.
    await expect(worker.stop()).resolves.toBeUndefined();
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('started by an npm start that is gone before it polls, it stops instead of polling for good', async () => {
    const child = spawn(process.execPath, WORKER_PROCESS_ARGS, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    // npm start's side of the channel closes while the worker migrates and bundles (as when npm start is killed).
    child.disconnect();
    try {
      // A worker that kept polling would never exit: the test's timeout is the bound.
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(output).toContain('npm start is gone');
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
