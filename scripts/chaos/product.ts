import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../infra/project-root';
import { deadline } from './http';
import { isAlive, killPids, killTree, processTree, processesMentioning, waitUntilGone } from './processes';

/** Where one chaos run's product listens and keeps its data; every port on 127.0.0.1, picked free. */
export interface ProductSetup {
  dataDir: string;
  apiPort: number;
  pgPort: number;
  temporalPort: number;
  temporalUiPort: number;
  /** The chaos run's own SMTP capture (it outlives every kill of the product, so no delivery goes unseen). */
  smtpPort: number;
  adminKey: string;
}

export interface ProductExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The whole product as a real child process: `node --import tsx scripts/start.ts` (what `npm start` runs), in its own
 * process group, with its output in a log file per boot. Postgres and the Temporal dev server are its children (each
 * in its own process group, as npm start spawns them).
 */
export class ProductProcess {
  private child: ChildProcess | undefined;
  private exit: Promise<ProductExit> | undefined;
  private exitedWith: ProductExit | undefined;
  private boots = 0;

  constructor(private readonly setup: ProductSetup) {}

  get url(): string {
    return `http://127.0.0.1:${this.setup.apiPort}`;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('the product is not running');
    return this.child.pid;
  }

  get logFile(): string {
    return join(this.setup.dataDir, `product-${this.boots}.log`);
  }

  /** How many times the product was started. */
  get bootCount(): number {
    return this.boots;
  }

  running(): boolean {
    return this.child !== undefined && this.exitedWith === undefined;
  }

  /** How the current (or last) boot ended, if it did. */
  exited(): ProductExit | undefined {
    return this.exitedWith;
  }

  whenExited(): Promise<ProductExit> {
    if (!this.exit) throw new Error('the product was never started');
    return this.exit;
  }

  start(): void {
    if (this.running()) throw new Error('the product is already running');
    this.boots += 1;
    const out = openSync(this.logFile, 'a');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.setup.apiPort),
      PERKFLOW_DATA_DIR: this.setup.dataDir,
      EMBEDDED_PG_PORT: String(this.setup.pgPort),
      TEMPORAL_PORT: String(this.setup.temporalPort),
      TEMPORAL_UI_PORT: String(this.setup.temporalUiPort),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.setup.smtpPort),
      PERKFLOW_ADMIN_KEY: this.setup.adminKey,
      PERKFLOW_DEMO_SEED: 'false',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };
    // Never let an inherited setting point the product (and our faults) at servers this run did not start.
    for (const external of [
      'DATABASE_URL',
      'TEMPORAL_ADDRESS',
      'TEMPORAL_UI_URL',
      'SMTP_USER',
      'SMTP_PASSWORD',
    ])
      delete env[external];
    env.SMTP_SECURE = 'false';
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: PROJECT_ROOT,
      env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    this.child = child;
    this.exitedWith = undefined;
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitedWith = { code, signal };
        resolve({ code, signal });
      });
    });
  }

  /** Resolves once /healthz answers 200; rejects when the boot exits first or the deadline passes. */
  async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running()) {
        throw new Error(
          `the product exited (${JSON.stringify(this.exitedWith)}) before it was healthy:\n${this.logTail()}`,
        );
      }
      if (await this.healthy()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the product was not healthy within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  async healthy(): Promise<boolean> {
    const { signal, clear } = deadline(3_000);
    try {
      const res = await fetch(`${this.url}/healthz`, { signal });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    } finally {
      clear();
    }
  }

  /** The embedded postmaster's pid, from its lock file (the first line of postmaster.pid). */
  postmasterPid(): number {
    const file = join(this.setup.dataDir, 'pg', 'postmaster.pid');
    if (!existsSync(file)) throw new Error('no postmaster.pid: Postgres is not running');
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    if (!Number.isInteger(pid) || !isAlive(pid)) throw new Error(`postmaster ${pid} is not running`);
    return pid;
  }

  /** The Temporal dev server's pid: the product's child running `temporal server start-dev` on our data dir. */
  temporalDevServerPid(): number {
    const server = processTree(this.pid).find(
      (p) => p.args.includes('start-dev') && p.args.includes(this.setup.dataDir),
    );
    if (!server) throw new Error('no Temporal dev server below the product');
    return server.pid;
  }

  /** kill -9 of the product and everything it started (Postgres, the dev server), like a machine that dies. */
  async killAll(): Promise<number[]> {
    const pids = this.running() ? killTree(this.pid) : [];
    if (this.exit && this.running()) await this.exit;
    // The killed Postgres is re-parented to init and stays a zombie until init reaps it (1–2 s on this machine's
    // init, longer under load); a postmaster.pid naming a pid that still exists makes the next start refuse the data
    // dir. A dead machine has no such zombie, so wait for them to be gone before the restart.
    await waitUntilGone(pids, 20_000);
    await this.sweepLeftovers();
    return pids;
  }

  /** kill -9 of the product's own process group only: what `kill -9 -<pgid>` of `npm start` reaches. */
  async killProcessGroup(): Promise<void> {
    if (!this.running()) return;
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await this.exit;
  }

  /** Graceful stop (SIGINT, as Ctrl-C), then kill -9 of whatever is left. */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (this.running()) {
      const pids = processTree(this.pid).map((p) => p.pid);
      try {
        process.kill(this.pid, 'SIGINT');
      } catch {
        // already gone
      }
      const stopped = await Promise.race([
        this.exit!.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref()),
      ]);
      if (!stopped) await this.killAll();
      if (!(await waitUntilGone(pids, 5_000))) killPids(pids);
    }
    await this.sweepLeftovers();
  }

  /** Processes naming our data dir that outlived their parent (a Postgres or dev server left orphaned). */
  leftovers(): number[] {
    return processesMentioning(this.setup.dataDir).map((p) => p.pid);
  }

  private async sweepLeftovers(): Promise<void> {
    const left = this.leftovers();
    // A postmaster's backends name no directory; killing the postmaster's whole tree takes them too.
    for (const pid of left) killTree(pid);
    await waitUntilGone(left, 10_000);
  }

  logTail(lines = 15): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
