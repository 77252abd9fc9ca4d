import { reads } from '../../shared/activities';
import { isOrderPlaced } from '../../shared/event-match';
import { days, Journey } from '../../shared/journey';
import type { JourneyStart } from '../../shared/journey-input';
import { dateOnly, formatMinor } from '../../shared/money';
import type { TrialCreditConfig } from './config';
import { isPatched } from '../../shared/patches';

/**
 * Journey 1 — trial credit on a lead's sign-up: grant, email, remind before expiry if unused; ends on the first
 * order (conversion) or when the credit expires.
 */
export async function trialCreditJourney(start: JourneyStart<TrialCreditConfig>): Promise<string> {
  const j = new Journey(start);
  const c = j.config;

  const profile = await reads().getCustomerProfile(start.customerId);
  if (profile && profile.orderCount > 0)
    return j.finish('refused', 'not-a-lead', { orderCount: profile.orderCount });
  // Journeys started before the check existed replay without it; a config from before it has no antiFraud: on.
  if (isPatched('trial-credit-anti-fraud') && c.antiFraud !== false) {
    const shared = await reads().customersSharingIdentity(start.customerId);
    if (shared.length > 0) return j.finish('refused', 'MULTI_ACCOUNT', { sharedWith: shared });
  }

  const grant = await j.grant(
    'grant',
    { kind: 'cash', amount: c.amount, validityDays: c.validityDays, scope: c.scope, stacking: c.stacking },
    'trial-credit',
  );
  if (!grant.ok) return j.finish('refused', grant.code);
  j.state.details.lotId = grant.lotId;
  j.state.details.expiresAt = grant.expiresAt;
  const vars = { amount: formatMinor(c.amount), expiresOn: dateOnly(grant.expiresAt) };
  await j.emailCustomer('email:granted', 'trial-credit-granted', vars);

  const expiresAtMs = Date.parse(grant.expiresAt);
  const reminderAtMs = expiresAtMs - days(c.remindDaysBeforeExpiry);
  if (c.remindDaysBeforeExpiry > 0 && reminderAtMs > Date.now()) {
    const early = await j.waitForEvent(isOrderPlaced, reminderAtMs - Date.now());
    if (early) return j.finish('completed', 'converted', { orderId: early.orderId });

    const wallet = await reads().walletOf({ customerId: start.customerId, asOf: j.nowIso() });
    const lot = wallet.lots.find((l) => l.lotId === grant.lotId);
    if (lot && lot.remaining > 0) {
      await j.emailCustomer('email:reminder', 'trial-credit-expiring', {
        ...vars,
        daysLeft: c.remindDaysBeforeExpiry,
      });
    } else {
      await j.step('reminder-skipped', 'reminder-skipped', { remaining: lot?.remaining ?? 0 });
    }
  }

  const order = await j.waitForEvent(isOrderPlaced, Math.max(expiresAtMs - Date.now(), 0));
  if (order) return j.finish('completed', 'converted', { orderId: order.orderId });
  return j.finish('completed', 'expired-unused');
}
