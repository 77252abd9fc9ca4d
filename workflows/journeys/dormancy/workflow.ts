import { continueAsNew, workflowInfo } from '@temporalio/workflow';
import { acts } from '../../shared/activities';
import type { CustomerEvent } from '../../shared/customer-events';
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
  j.requeue(carried.pending ?? []);

  const publish = () => {
    j.state.details.lastActivityAt = new Date(lastActivityAt).toISOString();
    j.state.details.cycle = cycle;
    j.state.details.reactivations = reactivations;
  };
  const carryOn = () =>
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
      } satisfies DormancyCarried,
    });
  publish();
  j.state.step = 'watching';

  for (;;) {
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
      j.state.step = `${p}:awaiting-order`;
      // Other activity is noted by the order that eventually comes; only an order reactivates.
      order = await j.waitForEvent(isOrderPlaced, undefined);
    }
    j.discard((e) => e.type !== 'order_placed');
    reactivations++;
    lastActivityAt = Date.now();
    publish();
    await j.step(`${p}:reactivated`, 'reactivated', { orderId: order!.orderId, afterStage: stage, cycle });
    await carryOn();
  }
}
