import type { FlowDuration, FlowNode } from './definition';

/*
 * The flow graph's pure helpers, apart from its zod shape (definition.ts): the interpreter workflow imports these, and
 * each cached workflow run evaluates its own copy of every module it imports — a module that builds schemas costs
 * memory and start-up time in every run (bench/worker-cache.ts). Type-only imports from definition.ts are erased.
 */

/** Variables an email's copy may use besides `{event_<field>}` (a field of the event at hand). */
export const EMAIL_VARIABLES = ['name', 'currency', 'amount', 'expiresOn'] as const;

/** The ids a node leads to, in order (an exit leads nowhere). */
export function successors(n: FlowNode): string[] {
  switch (n.type) {
    case 'entry':
    case 'wait':
    case 'sendEmail':
    case 'awardPoints':
    case 'setAttribute':
      return [n.next];
    case 'createTask':
      return n.waitForClose
        ? [
            n.next,
            n.waitForClose.onTimeout,
            ...(n.waitForClose.onCancelled ? [n.waitForClose.onCancelled] : []),
          ]
        : [n.next];
    case 'limit':
      return [n.next, n.onReached];
    case 'grantCredit':
      return n.onRefused === undefined ? [n.next] : [n.next, n.onRefused];
    case 'waitFor':
      return [n.onEvent, n.onTimeout];
    case 'condition':
      return [...n.branches.map((b) => b.next), n.otherwise];
    case 'split':
      return n.cohorts.map((c) => c.next);
    case 'exit':
      return [];
  }
}

/**
 * Nodes that hold the journey on a timer or an event every time it passes: a loop through one of them cannot spin.
 * A wait `until` an instant is not one: once the instant is past it goes straight on, so a loop through it would run
 * round without time passing (an outside probe drained a campaign's budget into one customer that way).
 */
export const holdsEveryPass = (n: FlowNode): boolean =>
  (n.type === 'wait' && n.until === undefined) ||
  n.type === 'waitFor' ||
  (n.type === 'createTask' && n.waitForClose !== undefined);

/** Milliseconds of a duration. */
export function durationMs(d: FlowDuration): number {
  return ((d.days ?? 0) * 24 * 60 + (d.hours ?? 0) * 60 + (d.minutes ?? 0)) * 60_000;
}
