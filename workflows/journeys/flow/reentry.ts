import { sleep } from '@temporalio/workflow';
import type { CustomerEvent } from '../../../contracts/customer-events';
import { days, type Journey } from '../../shared/journey';
import type { FlowConfig } from './config';
import type { EventMatcher, ReEntry } from './definition';
import { matches } from './evaluate';
import { isPatched } from '../../shared/patches';

/*
 * Re-entry of a flow journey (definition.reentry). The journey's workflow id is one per customer and campaign
 * (journeyWorkflowId), so a customer re-enters in the same workflow: a pass that reaches an exit records its end and,
 * when the rules allow another pass, waits for the next entry event instead of closing, then runs from the entry's
 * next node again. Node iterations keep counting across passes, so every idempotency key and journal step of a later
 * pass is new. Continue-as-new carries the pass count and when the pass entered.
 */

/** Re-entry came after flows were running: a journey replaying from before it closes at its exit, as it did. */
export const FLOW_REENTRY = 'flow-reentry';

/** Where a journey stands among its passes (carried over continue-as-new). */
export interface Passes {
  /** Passes entered so far (the first included). */
  count: number;
  /** When the current pass entered (ISO). */
  enteredAt: string;
}

/**
 * Whether another pass may follow the one that ended: re-entry allowed by the definition and the cap not reached.
 * Calls `patched` only for a definition that allows re-entry (the others are unchanged).
 */
export function mayReenter(rule: ReEntry | undefined, passes: Passes): boolean {
  if (!rule || rule.mode === 'once') return false;
  if (rule.maxEntries !== undefined && passes.count >= rule.maxEntries) return false;
  return isPatched(FLOW_REENTRY);
}

/** The earliest instant the next entry event counts: `days` after the last entry (`after`), or now (`unlimited`). */
export function reopensAt(rule: ReEntry, passes: Passes, nowMs: number): number {
  return rule.mode === 'after' ? Math.max(nowMs, Date.parse(passes.enteredAt) + days(rule.days)) : nowMs;
}

/**
 * Ends a pass and waits for the next entry: the pass's end journaled (`end#<pass>`, kind `flow-pass-ended`), entry
 * events that came while it ran or before re-entry opens dropped, then the first entry event after that taken.
 */
export async function awaitReentry(
  j: Journey<FlowConfig>,
  rule: ReEntry,
  entry: EventMatcher,
  passes: Passes,
  ended: { status: string; outcome: string; detail: Record<string, unknown> },
): Promise<CustomerEvent> {
  await j.step(`end#${passes.count}`, 'flow-pass-ended', {
    pass: passes.count,
    status: ended.status,
    outcome: ended.outcome,
    ...ended.detail,
  });
  j.state.details.pass = passes.count;
  j.state.details.lastOutcome = ended.outcome;
  j.discard(() => true);
  const opens = reopensAt(rule, passes, Date.now());
  j.mark('awaiting re-entry', `re-entry from ${new Date(opens).toISOString()}`);
  if (opens > Date.now()) {
    j.state.nextWakeAt = new Date(opens).toISOString();
    j.state.status = 'waiting';
    await sleep(opens - Date.now());
    j.discard(() => true);
  }
  const next = await j.waitForEvent((e) => matches(entry, e), undefined);
  // What arrived between passes (an order an exit rule listens for) belongs to no pass.
  j.discard(() => true);
  return next!;
}
