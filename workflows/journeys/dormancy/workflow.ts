import { continueAsNew, workflowInfo } from '@temporalio/workflow';
import { mail } from '../../shared/activities';
import type { CustomerEvent, OrderPlaced } from '../../../contracts/customer-events';
import { isActivity, isOrderPlaced } from '../../shared/event-match';
import { days, Journey } from '../../shared/journey';
import { legacyField, resumeCarry, withoutLegacy, type JourneyStart } from '../../shared/journey-input';
import { dateOnly, formatMinor } from '../../shared/money';
import type { DormancyConfig } from './config';

/** What a dormancy watch carries over continue-as-new. */
interface DormancyCarryV1 {
  v: 1;
  lastActivityAt: string;
  cycle: number;
  reactivations: number;
  pending: CustomerEvent[];
  seenEventIds: string[];
  /** The run continued as new after cycle `cycle`'s gift, while waiting for the order that ends it. */
  awaitingOrder: boolean;
}
/** Every carry version a dormancy run may receive. */
export type DormancyCarry = DormancyCarryV1;

/**
 * The `carried` bag of runs from before the start/carry split, as a v1 carry. Those runs always carried
 * lastActivityAt; "now" (workflow time, deterministic) stands in as they did when it was missing.
 */
function upgradeLegacyCarry(legacy: Record<string, unknown>): DormancyCarryV1 {
  return {
    v: 1,
    lastActivityAt: legacyField.string(legacy, 'lastActivityAt') ?? new Date(Date.now()).toISOString(),
    cycle: legacyField.number(legacy, 'cycle') ?? 0,
    reactivations: legacyField.number(legacy, 'reactivations') ?? 0,
    pending: legacyField.events(legacy, 'pending'),
    seenEventIds: legacyField.strings(legacy, 'seenEventIds'),
    awaitingOrder: legacy.awaitingOrder === true,
  };
}

/**
 * Journey 3 — dormancy reactivation, one long-lived run per customer: every activity or order resets the clock;
 * after N dormant days: email offer → 7 days → support callback task → 7 days → gift credit. Any order during the
 * sequence ends it and records a reactivation; the watch then starts over. Continue-as-new keeps history bounded.
 */
export async function dormancyJourney(
  start: JourneyStart<DormancyConfig>,
  carry?: DormancyCarry,
): Promise<string> {
  const resumed = resumeCarry(start, carry, upgradeLegacyCarry);
  const j = new Journey(withoutLegacy(start), resumed?.seenEventIds);
  const c = j.config;
  let lastActivityAt = resumed ? Date.parse(resumed.lastActivityAt) : Date.now();
  let cycle = resumed?.cycle ?? 0;
  let reactivations = resumed?.reactivations ?? 0;
  let handled = 0;
  let resumeAwaitingOrder = resumed?.awaitingOrder === true;
  j.requeue(resumed?.pending ?? []);

  const publish = () => {
    j.state.details.lastActivityAt = new Date(lastActivityAt).toISOString();
    j.state.details.cycle = cycle;
    j.state.details.reactivations = reactivations;
  };
  const carryOn = (awaitingOrder = false) =>
    continueAsNew<typeof dormancyJourney>(j.start, {
      v: 1,
      lastActivityAt: new Date(lastActivityAt).toISOString(),
      cycle,
      reactivations,
      pending: j.pendingEvents(),
      seenEventIds: j.seenEventIds(),
      awaitingOrder,
    });
  /**
   * After the gift only an order reactivates, however long it takes. Other activity is dropped, but counted: an active
   * customer who never orders would otherwise grow this run's history (and inbox) without bound.
   */
  const awaitOrder = async (): Promise<OrderPlaced> => {
    j.state.step = `cycle-${cycle}:awaiting-order`;
    for (;;) {
      const event = (await j.waitForEvent(isActivity, undefined))!;
      if (isOrderPlaced(event)) return event;
      handled++;
      if (handled >= c.eventsPerRun || workflowInfo().continueAsNewSuggested) await carryOn(true);
    }
  };
  const reactivate = async (order: OrderPlaced, stage: string): Promise<never> => {
    j.discard((e) => e.type !== 'order_placed');
    reactivations++;
    lastActivityAt = Date.now();
    publish();
    await j.step(`cycle-${cycle}:reactivated`, 'reactivated', {
      orderId: order.orderId,
      afterStage: stage,
      cycle,
    });
    return carryOn();
  };
  publish();
  j.state.step = 'watching';

  for (;;) {
    if (resumeAwaitingOrder) {
      resumeAwaitingOrder = false;
      const order = await awaitOrder();
      await reactivate(order, 'gift');
    }
    const activity = await j.waitForEvent(
      isActivity,
      Math.max(lastActivityAt + days(c.dormantDays) - Date.now(), 0),
    );
    if (activity) {
      lastActivityAt = Date.now();
      handled++;
      publish();
      if (handled >= c.eventsPerRun || workflowInfo().continueAsNewSuggested) await carryOn();
      continue;
    }

    cycle++;
    publish();
    const p = `cycle-${cycle}`;
    await j.step(`${p}:dormant`, 'dormant', {
      dormantDays: c.dormantDays,
      lastActivityAt: j.state.details.lastActivityAt,
    });
    await j.emailCustomer(`${p}:email-offer`, 'dormancy-offer', {
      dormantDays: c.dormantDays,
      offer: c.offerText,
    });
    let stage = 'email-offer';
    let order = await j.waitForEvent(isOrderPlaced, days(c.callbackAfterDays));
    if (!order) {
      await mail.createSupportTask({
        idempotencyKey: j.key(`${p}:callback`),
        customerId: j.start.customerId,
        kind: 'callback',
        title: `Call back dormant customer ${j.start.customerId} (${c.dormantDays}+ days inactive)`,
        detail: { workflowId: j.workflowId, lastActivityAt: j.state.details.lastActivityAt, cycle },
        dueAt: new Date(Date.now() + days(c.giftAfterDays)).toISOString(),
      });
      await j.step(`${p}:callback`, 'support-callback', { cycle });
      stage = 'callback';
      order = await j.waitForEvent(isOrderPlaced, days(c.giftAfterDays));
    }
    if (!order) {
      const gift = await j.grant(`${p}:gift`, c.gift, 'dormancy-gift');
      if (gift.ok) {
        await j.emailCustomer(`${p}:email-gift`, 'dormancy-gift', {
          amount: formatMinor(c.gift.amount),
          expiresOn: dateOnly(gift.expiresAt),
        });
      }
      stage = 'gift';
      order = await awaitOrder();
    }
    await reactivate(order, stage);
  }
}
