import { readdirSync, readFileSync } from 'node:fs';

/** /proc reports CPU time in USER_HZ ticks, 100 per second on Linux. */
export const TICK_MS = 10;

/** CPU time in clock ticks: the whole machine, this process, and its descendants by program (Linux /proc). */
export interface CpuSnapshot {
  machineBusy: number;
  machineTotal: number;
  self: number;
  temporal: number;
  postgres: number;
  otherChildren: number;
}

/** Processes under `engineRoots` (a Temporal server and its own Postgres) count as `temporal` whatever their program. */
export function cpuSnapshot(engineRoots: readonly number[] = []): CpuSnapshot {
  const snap = { machineBusy: 0, machineTotal: 0, self: 0, temporal: 0, postgres: 0, otherChildren: 0 };
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    snap.machineTotal = fields.reduce((a, b) => a + b, 0);
    snap.machineBusy = snap.machineTotal - (fields[3] ?? 0) - (fields[4] ?? 0);
    const procs = new Map<number, { ppid: number; comm: string; own: number; reaped: number }>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat
        .slice(close + 2)
        .split(' ')
        .map(Number);
      procs.set(Number(entry), { ppid: f[1]!, comm, own: f[11]! + f[12]!, reaped: f[13]! + f[14]! });
    }
    snap.self = procs.get(process.pid)?.own ?? 0;
    for (const [pid, p] of procs) {
      if (pid === process.pid) continue;
      let up = p.ppid;
      let underEngine = engineRoots.includes(pid);
      while (up > 1 && up !== process.pid) {
        underEngine ||= engineRoots.includes(up);
        up = procs.get(up)?.ppid ?? 0;
      }
      if (up !== process.pid) continue;
      // Exited Postgres backends are accounted to the postmaster once reaped, hence `reaped` for children.
      const ticks = p.own + p.reaped;
      if (underEngine || p.comm === 'temporal') snap.temporal += ticks;
      else if (p.comm === 'postgres') snap.postgres += ticks;
      else snap.otherChildren += ticks;
    }
  } catch {
    // Not Linux: the CPU columns stay empty.
  }
  return snap;
}
