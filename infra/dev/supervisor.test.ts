import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';
import { freePort } from './free-port';
import { supervise, type SupervisedProcess, type SupervisorLog } from './supervisor';
import { eventually } from '../../test/support/eventually';

function recordingLog(): SupervisorLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (_obj, msg) => lines.push(`info ${msg}`),
    error: (_obj, msg) => lines.push(`error ${msg}`),
  };
}

async function selectOne(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

describe('supervised dev servers (npm start)', () => {
  test('embedded Postgres killed with SIGKILL is started again on the same data and port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perkflow-supervise-'));
    chmodSync(dir, 0o755);
    const port = await freePort();
    const log = recordingLog();
    let restarted!: () => void;
    const restartedOnce = new Promise<void>((resolve) => (restarted = resolve));
    const pg = await supervise(
      'embedded postgres',
      () => startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port, persistent: false }),
      { log, initialBackoffMs: 200, onRestarted: async () => restarted() },
    );
    try {
      const first: EmbeddedPostgresHandle = pg.current();
      expect(await selectOne(first.url)).toBe(1);
      await pg.check();

      process.kill(first.pid, 'SIGKILL');
      await first.exited;
      await expect(pg.check()).rejects.toThrow('embedded postgres is restarting');
      await restartedOnce;

      expect(pg.state()).toBe('running');
      expect(pg.restarts()).toBe(1);
      expect(pg.current().pid).not.toBe(first.pid);
      expect(await selectOne(pg.current().url)).toBe(1);
      expect(log.lines).toEqual([
        'error embedded postgres exited unexpectedly; restarting',
        'info embedded postgres restarted',
      ]);
    } finally {
      await pg.stop();
    }
    expect(pg.state()).toBe('stopped');
  }, 90_000);

  test('a server that keeps failing to start is retried with growing backoff, and stop ends the retries', async () => {
    const log = recordingLog();
    let starts = 0;
    const startedAt: number[] = [];
    // A real child process that dies at once: the first start succeeds, every later one fails.
    const startShortLived = async (): Promise<SupervisedProcess> => {
      starts++;
      startedAt.push(Date.now());
      if (starts > 1) throw new Error(`start ${starts} refused`);
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => process.exit(3), 50)']);
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      return { exited, stop: async () => void child.kill() };
    };
    const supervised = await supervise('flaky', startShortLived, {
      log,
      initialBackoffMs: 100,
      maxBackoffMs: 400,
    });
    await supervised.current().exited;
    await eventually(() => starts >= 5, { description: 'five start attempts', intervalMs: 20 });
    await supervised.stop();
    const settledStarts = starts;
    await new Promise((r) => setTimeout(r, 600));
    expect(starts).toBe(settledStarts);
    expect(supervised.state()).toBe('stopped');
    expect(supervised.restarts()).toBe(0);
    // Gaps between failed attempts grow: 100 → 200 → 400 → 400 (capped), measured from attempt to attempt.
    const gaps = startedAt.slice(2).map((t, i) => t - startedAt[i + 1]!);
    expect(gaps[0]!).toBeGreaterThanOrEqual(180);
    expect(gaps[1]!).toBeGreaterThanOrEqual(380);
    expect(log.lines[0]).toBe('error flaky exited unexpectedly; restarting');
    expect(log.lines.filter((l) => l.startsWith('error flaky failed to restart')).length).toBe(starts - 1);
  }, 30_000);
});
