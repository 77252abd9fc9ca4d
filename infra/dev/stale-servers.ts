import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processTable, signal, waitUntilGone, type ProcessEntry } from './processes';

/** The file in the data dir naming the npm start that runs on it. */
export const OWNER_FILE = 'npm-start.pid';

/** How long servers a dead npm start left running get to stop before they are killed. */
const STOP_GRACE_MS = 15_000;
/** How long a killed postmaster may stay a zombie (its new parent has not reaped it yet) before start-up gives up. */
const REAP_WAIT_MS = 20_000;

/** The servers npm start runs on one data dir, as their command lines name it. */
export interface DataDirServers {
  /** Embedded Postgres' data directory (`postgres -D <dir>`). */
  pgDataDir: string;
  /** The dev server's SQLite file (`temporal server start-dev --db-filename <file>`). */
  temporalDbFile: string;
}

export interface StaleServersLog {
  warn(obj: object, msg: string): void;
}

export interface DataDirClaim {
  /** Drops the claim (npm start's orderly exit). */
  release(): void;
}

/**
 * Taken by npm start before it starts anything on its data dir. Another npm start alive on the same dir: refused
 * (its servers are in use). Otherwise every Postgres or dev server still running on the dir is left over from a run
 * that died without stopping it (its watchdog was killed too, or it predates the watchdogs,
 * infra/dev/parent-watchdog.ts): stopped as npm start would (fast shutdown, then kill), and a postmaster that is
 * still a zombie waited for, since Postgres refuses a data dir whose postmaster.pid names a process that exists.
 */
export async function claimDataDir(
  dataDir: string,
  servers: DataDirServers,
  log: StaleServersLog,
): Promise<DataDirClaim> {
  mkdirSync(dataDir, { recursive: true });
  const ownerFile = join(dataDir, OWNER_FILE);
  const table = processTable();
  const owner = recordedOwner(ownerFile, table);
  if (owner) {
    throw new Error(
      `another npm start (pid ${owner.pid}) runs on ${dataDir}; stop it first, or set PERKFLOW_DATA_DIR to another directory`,
    );
  }
  writeFileSync(ownerFile, `${process.pid}\n`);

  const stale = staleServers(table, servers);
  if (stale.length > 0) {
    log.warn(
      { servers: stale.map((p) => ({ pid: p.pid, command: p.args.split(' ')[0] })) },
      'stopping servers a previous npm start left running on this data dir',
    );
    for (const p of stale) signal(p.pid, isPostgres(p) ? 'SIGINT' : 'SIGTERM');
    const pids = stale.map((p) => p.pid);
    if (!(await waitUntilGone(pids, STOP_GRACE_MS))) {
      for (const pid of pids) signal(pid, 'SIGKILL');
      await waitUntilGone(pids, REAP_WAIT_MS);
    }
  }
  await waitForReapedPostmaster(servers.pgDataDir);

  return {
    release: () => {
      if (readPid(ownerFile) === process.pid) rmSync(ownerFile, { force: true });
    },
  };
}

/** The live npm start the owner file names, if any (a pid reused by another program is no owner). */
function recordedOwner(ownerFile: string, table: ProcessEntry[]): ProcessEntry | undefined {
  const pid = readPid(ownerFile);
  if (pid === undefined || pid === process.pid) return undefined;
  return table.find((p) => p.pid === pid && p.state !== 'Z' && /\bstart\.[jt]s\b/.test(p.args));
}

function staleServers(table: ProcessEntry[], servers: DataDirServers): ProcessEntry[] {
  return table.filter((p) => {
    if (p.pid === process.pid || p.state === 'Z') return false;
    const words = p.args.split(/\s+/);
    const postgres = isPostgres(p) && words.includes(servers.pgDataDir);
    const devServer = words.includes('start-dev') && words.includes(servers.temporalDbFile);
    return postgres || devServer;
  });
}

function isPostgres(p: ProcessEntry): boolean {
  return /(^|\/)postgres$/.test(p.args.split(/\s+/)[0] ?? '');
}

/** Waits while the pid in postmaster.pid is a zombie (a killed postmaster its new parent has not reaped yet). */
async function waitForReapedPostmaster(pgDataDir: string): Promise<void> {
  const pid = readPid(join(pgDataDir, 'postmaster.pid'));
  if (pid === undefined) return;
  const zombie = () => processTable().some((p) => p.pid === pid && p.state === 'Z');
  const deadline = Date.now() + REAP_WAIT_MS;
  while (zombie() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
}

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}
