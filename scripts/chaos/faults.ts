import type { ProductProcess } from './product';
import { freezeTree, killTree, thaw } from './processes';

/**
 * The faults a round may inject. Each is what really happens to a deployment: the machine dies, a dependency stalls
 * (GC pause, disk stall, VM migration: SIGSTOP/SIGCONT), crashes, or is restarted by an operator.
 */
export const FAULT_KINDS = [
  /** kill -9 of the product and everything it started, then a fresh `npm start` on the same data. */
  'kill-product',
  /** kill -9 of `npm start`'s own process group only (Postgres and the dev server run in their own), then a restart. */
  'kill-npm-start',
  /** SIGSTOP of every Postgres process for a few seconds, then SIGCONT. */
  'pg-freeze',
  /** SIGSTOP of the Temporal dev server for a few seconds, then SIGCONT. */
  'temporal-freeze',
  /** kill -9 of the postmaster alone: npm start's supervisor must start Postgres again. */
  'pg-crash',
  /** Fast shutdown of Postgres (SIGINT, as `pg_ctl restart -m fast`): the supervisor starts it again. */
  'pg-restart',
  /** kill -9 of the Temporal dev server: the supervisor starts it again on the same SQLite file. */
  'temporal-crash',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

/** Faults that take the product's own process down (the API is expected to refuse connections meanwhile). */
export function killsProduct(kind: FaultKind): boolean {
  return kind === 'kill-product' || kind === 'kill-npm-start';
}

export interface FaultPlan {
  kind: FaultKind;
  /** How long a freeze lasts (ignored by the other faults). */
  holdMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** How long Postgres and the dev server may outlive a kill -9 of npm start's process group (fast shutdown included). */
export const ORPHAN_LIMIT_MS = 20_000;

/**
 * Injects one fault and returns once it is over: a freeze after SIGCONT, a kill after the product was started again
 * (not yet healthy: recovery is measured by the caller), a dependency crash at once (its supervisor takes over).
 */
export async function injectFault(product: ProductProcess, plan: FaultPlan): Promise<string> {
  switch (plan.kind) {
    case 'kill-product': {
      const pids = await product.killAll();
      product.start();
      return `kill -9 of ${pids.length} processes; product started again`;
    }
    case 'kill-npm-start': {
      await product.killProcessGroup();
      const killedAt = Date.now();
      const orphans = product.leftovers();
      // Postgres and the dev server run in process groups of their own; their watchdogs stop them once npm start is
      // gone. One still running after ORPHAN_LIMIT_MS is a violation (the fault reports it as not injected).
      while (product.leftovers().length > 0) {
        if (Date.now() - killedAt > ORPHAN_LIMIT_MS) {
          throw new Error(
            `orphans of npm start still running ${ORPHAN_LIMIT_MS} ms after it was killed: ${product.leftovers().join(', ')}`,
          );
        }
        await sleep(100);
      }
      const goneMs = Date.now() - killedAt;
      product.start();
      return (
        `kill -9 of npm start's process group; ${orphans.length} processes outlived it, gone after ${goneMs} ms; ` +
        'product started again'
      );
    }
    case 'pg-freeze':
      return freezeFor(product.postmasterPid(), plan.holdMs, 'Postgres');
    case 'temporal-freeze':
      return freezeFor(product.temporalDevServerPid(), plan.holdMs, 'Temporal dev server');
    case 'pg-crash': {
      const pid = product.postmasterPid();
      process.kill(pid, 'SIGKILL');
      return `kill -9 of postmaster ${pid}`;
    }
    case 'pg-restart': {
      const pid = product.postmasterPid();
      process.kill(pid, 'SIGINT');
      return `fast shutdown of postmaster ${pid}`;
    }
    case 'temporal-crash': {
      const pids = killTree(product.temporalDevServerPid());
      return `kill -9 of the Temporal dev server (${pids.length} processes)`;
    }
  }
}

async function freezeFor(root: number, holdMs: number, what: string): Promise<string> {
  const pids = freezeTree(root);
  try {
    await sleep(holdMs);
  } finally {
    thaw(pids);
  }
  return `SIGSTOP of ${what} (${pids.length} processes) for ${(holdMs / 1000).toFixed(1)} s`;
}
