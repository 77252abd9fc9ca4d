import { isAlive, processTable, signal, waitUntilGone, type ProcessEntry } from '../../infra/dev/processes';

export { isAlive, processTable, waitUntilGone, type ProcessEntry };

/** `root` and every process below it. Postgres puts each backend in its own session, so groups do not find them. */
export function processTree(root: number, table: ProcessEntry[] = processTable()): ProcessEntry[] {
  const byParent = new Map<number, ProcessEntry[]>();
  for (const p of table) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const self = table.find((p) => p.pid === root);
  if (!self) return [];
  const out: ProcessEntry[] = [];
  const queue = [self];
  while (queue.length > 0) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...(byParent.get(p.pid) ?? []));
  }
  return out;
}

/**
 * Stops `root` and everything below it, atomically enough for a chaos test: SIGSTOP the tree until a fresh look finds
 * no process that is not yet stopped (a stopped process cannot fork), then return the stopped pids. A process forked
 * between the look and the signal is caught by the next look.
 */
export function freezeTree(root: number): number[] {
  const stopped = new Set<number>();
  for (let pass = 0; pass < 20; pass++) {
    const fresh = processTree(root)
      .map((p) => p.pid)
      .filter((pid) => !stopped.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      signal(pid, 'SIGSTOP');
      stopped.add(pid);
    }
  }
  return [...stopped];
}

export function thaw(pids: readonly number[]): void {
  for (const pid of pids) signal(pid, 'SIGCONT');
}

/** kill -9 of `root` and every process below it, all frozen first so none escapes by forking or re-parenting. */
export function killTree(root: number): number[] {
  const pids = freezeTree(root);
  for (const pid of pids) signal(pid, 'SIGKILL');
  // SIGKILL takes a stopped process down too; SIGCONT is not needed.
  return pids;
}

/** Every process whose command line mentions `marker` (our unique temp directory): what a run may have left behind. */
export function processesMentioning(marker: string): ProcessEntry[] {
  return processTable().filter((p) => p.args.includes(marker) && p.pid !== process.pid);
}

export function killPids(pids: readonly number[]): void {
  for (const pid of pids) signal(pid, 'SIGKILL');
}
