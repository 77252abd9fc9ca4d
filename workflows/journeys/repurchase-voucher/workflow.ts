import { reads } from '../../shared/activities';
import type { CreditOffer } from '../../shared/config-parts';
import type { CustomerEvent } from '../../../contracts/customer-events';
import { isOtherOrder, isRefundOf } from '../../shared/event-match';
import { days, Journey } from '../../shared/journey';
import type { JourneyStart } from '../../shared/journey-input';
import { dateOnly, formatMinor } from '../../shared/money';
import type { RepurchaseVoucherConfig } from './config';

/**
 * Journey 2 — repurchase vouchers: after a first order, voucher A on day 7 and voucher B on day 30 unless the
 * customer repurchased first. A repurchase ends the journey; a refund of the first order cancels it (and takes back
 * any voucher still unused).
 */
export async function repurchaseVoucherJourney(
  start: JourneyStart<RepurchaseVoucherConfig>,
): Promise<string> {
  const j = new Journey(start);
  const c = j.config;
  const trigger = start.trigger;
  if (!trigger || trigger.type !== 'order_placed') return j.finish('refused', 'no-order-trigger');
  const firstOrderId = trigger.orderId;

  const profile = await reads().getCustomerProfile(start.customerId);
  if (profile && profile.firstOrderId !== null && profile.firstOrderId !== firstOrderId) {
    return j.finish('refused', 'not-first-order', { firstOrderId: profile.firstOrderId });
  }
  j.state.details.firstOrderId = firstOrderId;
  const startedAt = Date.now();
  const granted: string[] = [];
  const repurchaseOrRefund = (e: CustomerEvent) =>
    isOtherOrder(firstOrderId)(e) || isRefundOf(firstOrderId)(e);

  const stages: { step: string; afterDays: number; offer: CreditOffer }[] = [
    { step: 'voucher-a', afterDays: c.firstVoucherAfterDays, offer: c.firstVoucher },
    { step: 'voucher-b', afterDays: c.secondVoucherAfterDays, offer: c.secondVoucher },
  ];
  for (const stage of stages) {
    const wait = startedAt + days(stage.afterDays) - Date.now();
    const event = await j.waitForEvent(repurchaseOrRefund, Math.max(wait, 0));
    if (event?.type === 'order_refunded') {
      for (const lotId of granted) await j.revoke(`revoke:${lotId}`, lotId, 'first-order-refunded');
      return j.finish('cancelled', 'first-order-refunded', { orderId: firstOrderId });
    }
    if (event?.type === 'order_placed')
      return j.finish('completed', 'repurchased', { orderId: event.orderId });

    const grant = await j.grant(stage.step, stage.offer, `repurchase-${stage.step}`);
    if (!grant.ok) return j.finish('refused', grant.code, { stage: stage.step });
    granted.push(grant.lotId);
    j.state.details[stage.step] = grant.lotId;
    await j.emailCustomer(`email:${stage.step}`, 'repurchase-voucher', {
      amount: formatMinor(stage.offer.amount),
      minOrder: formatMinor(stage.offer.minOrderAmount ?? 0),
      expiresOn: dateOnly(grant.expiresAt),
    });
  }
  return j.finish('completed', 'vouchers-issued', { lots: granted });
}
