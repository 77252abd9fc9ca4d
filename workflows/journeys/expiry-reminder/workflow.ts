import { continueAsNew, sleep } from '@temporalio/workflow';
import { acts } from '../../shared/activities';
import { days, Journey } from '../../shared/journey';
import type { JourneyInput } from '../../shared/journey-state';
import { dateOnly, formatMinor } from '../../shared/money';
import type { ExpiryReminderConfig } from './config';

const HOUR_MS = 3_600_000;

interface SweepCarried {
  /** Lots expiring up to this instant were already reminded by an earlier sweep. */
  remindedThrough?: string;
  sweeps?: number;
}

/**
 * Journey 8 — expiry reminders, one run per campaign: every sweep emails each customer whose lot enters the
 * "expires within N days" window since the previous sweep (so each lot is reminded once), then moves lots past
 * their expiry to breakage. Emails are keyed by lot, so a replayed sweep never mails twice.
 */
export async function expiryReminderJourney(input: JourneyInput<ExpiryReminderConfig>): Promise<string> {
  const j = new Journey(input);
  const c = input.config;
  const carried = (input.carried ?? {}) as SweepCarried;
  let remindedThrough = carried.remindedThrough ? Date.parse(carried.remindedThrough) : 0;
  let sweeps = carried.sweeps ?? 0;

  for (let i = 0; i < c.sweepsPerRun; i++) {
    const asOf = j.nowIso();
    const windowEnd = Date.now() + days(c.remindDaysBefore);
    const lots = await acts.lotsExpiringWithin({ days: c.remindDaysBefore, asOf });
    let reminded = 0;
    for (const lot of lots) {
      if (!lot.expiresAt || Date.parse(lot.expiresAt) <= remindedThrough) continue;
      if (c.campaignIds.length > 0 && !c.campaignIds.includes(lot.campaignId)) continue;
      const daysLeft = Math.max(Math.ceil((Date.parse(lot.expiresAt) - Date.now()) / days(1)), 0);
      await j.emailCustomer(
        `remind:${lot.lotId}`,
        'lot-expiring',
        { amount: formatMinor(lot.remaining), expiresOn: dateOnly(lot.expiresAt), daysLeft },
        lot.customerId,
      );
      reminded++;
    }
    remindedThrough = windowEnd;
    let expired = 0;
    if (c.expireDueLots) expired = (await acts.expireDueLots({ asOf })).expiredLots;
    sweeps++;
    j.state.details = { sweeps, lastSweepAt: asOf, lastReminded: reminded, lastExpired: expired };
    await sleep(c.sweepEveryHours * HOUR_MS);
  }
  return continueAsNew<typeof expiryReminderJourney>({
    campaignId: input.campaignId,
    customerId: input.customerId,
    journeyType: input.journeyType,
    config: c,
    carried: { remindedThrough: new Date(remindedThrough).toISOString(), sweeps } satisfies SweepCarried,
  });
}
