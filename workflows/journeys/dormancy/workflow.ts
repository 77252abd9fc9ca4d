import { continueAsNew, workflowInfo } from '@temporalio/workflow';
import { acts } from '../../shared/activities';
import type { CustomerEvent, OrderPlaced } from '../../../contracts/customer-events';
import { isActivity, isOrderPlaced } from '../../shared/event-match';
import { days, Journey } from '../../shared/journey';
import type { JourneyInput } from '../../shared/journey-state';
import { dateOnly, formatMinor } from '../../shared/money';
import type { DormancyConfig } from './config';

interface DormancyCarried {
  lastActivityAt?: string;
  cycle?: number;
  reactivations?: number;
  pending?: CustomerEvent[];
  seenEventIds?: string[];
  /** The run continued as new after cycle `cycle`'s gift, while waiting for the order that ends it. */
  awaitingOrder?: boolean;
}

/**
 * Journey 3 — dormancy reactivation, one long-lived run per customer: every activity or order resets the clock;
 * after N dormant days: email offer → 7 days → support callback task → 7 days → gift credit. Any order during the
 * sequence ends it and records a reactivation; the watch then starts over. Continue-as-new keeps history bounded.
 */
export async function dormancyJourney(input: JourneyInput<DormancyConfig>): Promise<string> {
  const j = new Journey(input);
  const c = input.config;
  const carried = (input.carried ?? {}) as DormancyCarried;
  let lastActivityAt = carried.lastActivityAt ? Date.parse(carried.lastActivityAt) : Date.now();
  let cycle = carried.cycle ?? 0;
  let reactivations = carried.reactivations ?? 0;
  let handled = 0;
  let resumeAwaitingOrder = carried.awaitingOrder === true;
  j.requeue(carried.pending ?? []);

  const publish = () => {
    j.state.details.lastActivityAt = new Date(lastActivityAt).toISOString();
    j.state.details.cycle = cycle;
    j.state.details.reactivations = reactivations;
  };
  const carryOn = (awaitingOrder = false) =>
    continueAsNew<typeof dormancyJourney>({
      campaignId: input.campaignId,
      customerId: input.customerId,
      journeyType: input.journeyType,
      config: c,
      carried: {
        lastActivityAt: new Date(lastActivityAt).toISOString(),
        cycle,
        reactivations,
        pending: j.pendingEvents(),
        seenEventIds: j.seenEventIds(),
        ...(awaitingOrder ? { awaitingOrder } : {}),
      } satisfies DormancyCarried,
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
      await acts.createSupportTask({
        idempotencyKey: j.key(`${p}:callback`),
        customerId: input.customerId,
        kind: 'callback',
        title: `Call back dormant customer ${input.customerId} (${c.dormantDays}+ days inactive)`,
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
