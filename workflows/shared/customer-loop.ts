import { continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { CustomerEvent } from '../../contracts/customer-events';
import type { Journey } from './journey';
import type { JourneyInput } from './journey-state';

/** What a long-lived loyalty journey carries over continue-as-new: the runtime's inbox and its own state. */
export interface LoopCarried<S> {
  pending?: CustomerEvent[];
  seenEventIds?: string[];
  state?: S;
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

/** The plugin state carried by an earlier run, if any; puts that run's pending events back into the inbox. */
export function resumeLoop<C, S>(j: Journey<C>, input: JourneyInput<C>): S | undefined {
  const carried = (input.carried ?? {}) as LoopCarried<S>;
  j.requeue(carried.pending ?? []);
  return carried.state;
}

/**
 * The body of a long-lived per-customer journey (member tier, rebates, points): handles matching events as they
 * come and timed duties when they fall due, for ever; continues as new after `eventsPerRun` events (or when the
 * server suggests it), carrying the inbox, the seen event ids and the plugin state. The first run handles the event
 * that started it, once.
 */
export async function runCustomerLoop<C, S>(
  j: Journey<C>,
  input: JourneyInput<C>,
  loop: CustomerLoop<S>,
): Promise<never> {
  const trigger = input.trigger;
  if (trigger && input.carried === undefined) {
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
      await continueAsNew<(i: JourneyInput<C>) => Promise<string>>({
        campaignId: input.campaignId,
        customerId: input.customerId,
        journeyType: input.journeyType,
        config: input.config,
        carried: {
          pending: j.pendingEvents(),
          seenEventIds: j.seenEventIds(),
          state: loop.carry(),
        } satisfies LoopCarried<S> as Record<string, unknown>,
      });
    }
  }
}
