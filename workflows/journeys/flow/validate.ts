import type { FlowDefinition, FlowNode } from './definition';
import { EMAIL_VARIABLES, holdsEveryPass, successors } from './graph';

/** One rule a definition breaks, located like a zod issue (under the definition) and naming the node. */
export interface FlowIssue {
  path: (string | number)[];
  message: string;
  /** The node the issue is about, when there is one. */
  nodeId?: string;
}

/** `{name}` placeholders of a text (the email renderer's syntax). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

const isEmailVariable = (name: string): boolean =>
  (EMAIL_VARIABLES as readonly string[]).includes(name) || /^event_[A-Za-z][A-Za-z0-9_]*$/.test(name);

/**
 * The rules of a journey graph beyond its shape: ids unique, exactly one entry, every `next` names a node (never the
 * entry), every node reachable from the entry, an exit reachable from every node (every path ends), every loop passes
 * a wait for a duration or a time of day, a waitFor or a task's waitForClose (no journey spins without time
 * passing; a wait until an instant holds only once), a holdout cohort leads straight to an exit, threshold
 * coupons take more than they give, email copy uses known variables only. Pure: the API runs it on the request
 * (422 naming the node) and the interpreter trusts what passed.
 */
export function validateFlow(def: FlowDefinition): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const at = (i: number, n: FlowNode, message: string, ...rest: (string | number)[]) =>
    issues.push({ path: ['nodes', i, ...rest], message: `node "${n.id}": ${message}`, nodeId: n.id });

  const index = new Map<string, number>();
  def.nodes.forEach((n, i) => {
    if (index.has(n.id)) at(i, n, 'duplicate node id', 'id');
    else index.set(n.id, i);
  });

  const entries = def.nodes.flatMap((n, i) => (n.type === 'entry' ? [{ n, i }] : []));
  if (entries.length === 0) issues.push({ path: ['nodes'], message: 'the definition needs an entry node' });
  for (const extra of entries.slice(1)) at(extra.i, extra.n, 'a second entry node (exactly one is allowed)');
  // Entering again means hearing the entry event again: a date, calendar or enrolled entry has none.
  const first = entries[0];
  if (first && first.n.type === 'entry' && !first.n.on && def.reentry && def.reentry.mode !== 'once') {
    issues.push({
      path: ['reentry'],
      message: `re-entry needs an event entry; entry "${first.n.id}" starts journeys by date, calendar or enrolment`,
    });
  }

  def.nodes.forEach((n, i) => {
    successors(n).forEach((target) => {
      const t = index.get(target);
      if (t === undefined) at(i, n, `leads to "${target}", which is not a node of this definition`);
      else if (def.nodes[t]!.type === 'entry') at(i, n, `leads back to the entry "${target}"`);
    });
    if (n.type === 'grantCredit' && n.kind === 'threshold' && 'fixed' in n.amount) {
      if ((n.minOrderAmount ?? 0) <= n.amount.fixed)
        at(i, n, 'a threshold coupon needs minOrderAmount greater than its amount', 'minOrderAmount');
    }
    if (n.type === 'split') {
      n.cohorts.forEach((c, k) => {
        const t = index.get(c.next);
        if (c.holdout && t !== undefined && def.nodes[t]!.type !== 'exit')
          at(i, n, `holdout cohort "${c.name}" must lead straight to an exit`, 'cohorts', k, 'next');
      });
    }
    const copy = n.type === 'sendEmail' ? n : n.type === 'grantCredit' ? n.email : undefined;
    const under = n.type === 'sendEmail' ? [] : ['email'];
    if (copy) {
      for (const part of ['subject', 'body'] as const) {
        for (const locale of ['zh-CN', 'en'] as const) {
          for (const name of placeholders(copy[part][locale])) {
            if (!isEmailVariable(name))
              at(
                i,
                n,
                `unknown variable {${name}} (known: ${EMAIL_VARIABLES.join(', ')}, event_<field>)`,
                ...under,
                part,
                locale,
              );
          }
        }
      }
    }
  });
  for (const id of Object.keys(def.layout?.positions ?? {})) {
    if (!index.has(id))
      issues.push({
        path: ['layout', 'positions', id],
        message: `a position for "${id}", which is not a node`,
      });
  }
  if (entries.length !== 1 || issues.length > 0) return issues;

  const nodes = def.nodes;
  const next = (n: FlowNode) => successors(n).map((id) => index.get(id)!);

  // Reachable from the entry.
  const walk = (from: number[], step: (i: number) => number[]): Set<number> => {
    const seen = new Set(from);
    const queue = [...from];
    while (queue.length > 0) {
      for (const t of step(queue.pop()!)) {
        if (seen.has(t)) continue;
        seen.add(t);
        queue.push(t);
      }
    }
    return seen;
  };
  const reached = walk([entries[0]!.i], (i) => next(nodes[i]!));
  nodes.forEach((n, i) => {
    if (!reached.has(i)) at(i, n, 'is not reachable from the entry');
  });

  // An exit reachable from every node: walk backwards from the exits.
  const predecessors = nodes.map(() => [] as number[]);
  nodes.forEach((n, i) => next(n).forEach((t) => predecessors[t]!.push(i)));
  const exits = nodes.flatMap((n, i) => (n.type === 'exit' ? [i] : []));
  const ends = walk(exits, (i) => predecessors[i]!);
  nodes.forEach((n, i) => {
    if (reached.has(i) && !ends.has(i)) at(i, n, 'no path from here reaches an exit');
  });

  // Loops: a cycle among the nodes that do not hold every pass (depth-first, colouring nodes on the current path).
  const colour = nodes.map(() => 0); // 0 unvisited, 1 on the path, 2 done
  const reportedLoop = new Set<number>();
  const visit = (i: number): void => {
    colour[i] = 1;
    for (const t of next(nodes[i]!)) {
      if (holdsEveryPass(nodes[t]!)) continue;
      if (colour[t] === 1 && !reportedLoop.has(t)) {
        reportedLoop.add(t);
        at(
          t,
          nodes[t]!,
          `is on a loop with no wait or waitFor (through "${nodes[i]!.id}"); a wait until an instant holds only once`,
        );
      } else if (colour[t] === 0) visit(t);
    }
    colour[i] = 2;
  };
  nodes.forEach((n, i) => {
    if (colour[i] === 0 && !holdsEveryPass(n)) visit(i);
  });
  return issues;
}
