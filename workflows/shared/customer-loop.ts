import { continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { CustomerEvent } from '../../contracts/customer-events';
import { Journey } from './journey';
import { legacyField, resumeCarry, withoutLegacy, type JourneyStart } from './journey-input';

/** What a long-lived loyalty journey carries over continue-as-new: the runtime's inbox and the plugin's own state. */
export interface LoopCarryV1<S> {
  v: 1;
  pending: CustomerEvent[];
  seenEventIds: string[];
  state: S;
}
/** Every version a loop journey may receive (a v2 joins this union, and `resumeLoop` upgrades v1 to it). */
export type LoopCarry<S> = LoopCarryV1<S>;

/** The workflow function type of a loop journey with config C and state S. */
export type LoopJourney<C, S> = (start: JourneyStart<C>, carry?: LoopCarry<S>) => Promise<string>;

/**
 * Before the start/carry split a loop journey's input carried `{ pending?, seenEventIds?, state? }` in its `carried`
 * bag. `state` is the plugin's own carry() of that time, the same shape its state has now.
 */
export function upgradeLegacyLoopCarry<S>(legacy: Record<string, unknown>): LoopCarry<S> {
  return {
    v: 1,
    pending: legacyField.events(legacy, 'pending'),
    seenEventIds: legacyField.strings(legacy, 'seenEventIds'),
    state: legacy.state as S,
  };
}

/** A run of a loop journey: its runtime and the state the previous run of the chain carried over, if any. */
export interface LoopRun<C, S> {
  j: Journey<C>;
  resumed: S | undefined;
}

/** Starts a run: the carry of the previous run (either shape) resumed, its pending events back in the inbox. */
export function resumeLoop<C, S>(start: JourneyStart<C>, carry: LoopCarry<S> | undefined): LoopRun<C, S> {
  const resumed = resumeCarry(start, carry, (legacy) => upgradeLegacyLoopCarry<S>(legacy));
  const j = new Journey(withoutLegacy(start), resumed?.seenEventIds);
  j.requeue(resumed?.pending ?? []);
  return { j, resumed: resumed?.state };
}

export interface CustomerLoop<S> {
  /** The events this journey handles; anything else delivered to it is dropped. */
  match: (e: CustomerEvent) => boolean;
  onEvent: (e: CustomerEvent) => Promise<void>;
  /** Workflow time (ms) of the next timed duty (a rebate falling due, a review…), if any. */
  nextWakeAt: () => number | undefined;
  /** Runs the duties due now. */
  onWake: () => Promise<void>;
  /** The plugin's own state for the next run. */
  carry: () => S;
  /** Events handled per run before continue-as-new keeps the history small. */
  eventsPerRun: number;
}

/**
 * The body of a long-lived per-customer journey (member tier, rebates, points): handles matching events as they
 * come and timed duties when they fall due, for ever; continues as new after `eventsPerRun` events (or when the
 * server suggests it), carrying the inbox, the seen event ids and the plugin state. The first run of the chain
 * handles the event that started it, once.
 */
export async function runCustomerLoop<C, S>(run: LoopRun<C, S>, loop: CustomerLoop<S>): Promise<never> {
  const { j } = run;
  const trigger = j.start.trigger;
  if (trigger && run.resumed === undefined) {
    // The starting event's signal copy can reach the inbox too (the runtime registers its signal handler, which
    // flushes buffered signals, before it marks the trigger as seen): take it out so the trigger is handled once.
    j.take((e) => e.eventId === trigger.eventId);
    if (loop.match(trigger)) await loop.onEvent(trigger);
  }
  let handled = 0;
  for (;;) {
    j.discard((e) => !loop.match(e));
    const wake = loop.nextWakeAt();
    if (wake !== undefined && wake <= Date.now()) {
      await loop.onWake();
    } else {
      const event = await j.waitForEvent(loop.match, wake === undefined ? undefined : wake - Date.now());
      if (event) {
        await loop.onEvent(event);
        handled++;
      } else {
        await loop.onWake();
      }
    }
    if (handled >= loop.eventsPerRun || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<LoopJourney<C, S>>(j.start, {
        v: 1,
        pending: j.pendingEvents(),
        seenEventIds: j.seenEventIds(),
        state: loop.carry(),
      });
    }
  }
}
