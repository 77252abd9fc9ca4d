import { spawnSync } from 'node:child_process';

/** One row of the process table. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** One-letter state (`R`, `S`, `Z` for a zombie…). */
  state: string;
  args: string;
}

/** The whole process table, from `ps` (Linux and macOS). */
export function processTable(): ProcessEntry[] {
  const ps = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
  if (ps.status !== 0) throw new Error(`ps failed: ${ps.stderr}`);
  const rows: ProcessEntry[] = [];
  for (const line of ps.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (m) rows.push({ pid: Number(m[1]), ppid: Number(m[2]), state: m[3]!.charAt(0), args: m[4]! });
  }
  return rows;
}

/** Whether a process with this id exists (a zombie, not yet reaped by its parent, still does). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // exited meanwhile
  }
}

export async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pids.every((pid) => !isAlive(pid))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return pids.every((pid) => !isAlive(pid));
}
