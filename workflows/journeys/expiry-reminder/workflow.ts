import { continueAsNew, patched, sleep } from '@temporalio/workflow';
import { acts } from '../../shared/activities';
import { days, Journey } from '../../shared/journey';
import type { JourneyInput } from '../../shared/journey-state';
import { dateOnly, formatMinor } from '../../shared/money';
import type { ExpiryReminderConfig } from './config';

const HOUR_MS = 3_600_000;
const EXPIRY_BATCH = 500;

interface SweepCarried {
  /** End of the previous sweep's window (only consulted for runs carried over without `windowLotIds`). */
  remindedThrough?: string;
  /** The lots the previous sweep found in its window: those were reminded then. */
  windowLotIds?: string[];
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
  // A lot is reminded by the first sweep that finds it in the window. "Expires before the previous window's end" is
  // not the same thing: a short-lived lot granted after that sweep expires inside the swept window, yet was never
  // in it, and would never be reminded. So remember which lots the previous sweep saw.
  let previousWindow = carried.windowLotIds ? new Set(carried.windowLotIds) : undefined;
  let sweeps = carried.sweeps ?? 0;

  for (let i = 0; i < c.sweepsPerRun; i++) {
    const asOf = j.nowIso();
    const windowEnd = Date.now() + days(c.remindDaysBefore);
    const lots = await acts.lotsExpiringWithin({ days: c.remindDaysBefore, asOf });
    let reminded = 0;
    const windowLotIds = new Set<string>();
    for (const lot of lots) {
      if (!lot.expiresAt) continue;
      if (c.campaignIds.length > 0 && !c.campaignIds.includes(lot.campaignId)) continue;
      windowLotIds.add(lot.lotId);
      const seenBefore = previousWindow
        ? previousWindow.has(lot.lotId)
        : Date.parse(lot.expiresAt) <= remindedThrough;
      if (seenBefore) continue;
      const daysLeft = Math.max(Math.ceil((Date.parse(lot.expiresAt) - Date.now()) / days(1)), 0);
      await j.emailCustomer(
        `remind:${lot.lotId}`,
        'lot-expiring',
        { amount: formatMinor(lot.remaining), expiresOn: dateOnly(lot.expiresAt), daysLeft },
        lot.customerId,
        // Keyed by the lot alone: two reminder campaigns covering the same lot mail its owner once.
        `lot-expiring/${lot.lotId}`,
      );
      reminded++;
    }
    remindedThrough = windowEnd;
    previousWindow = windowLotIds;
    let expired = 0;
    if (c.expireDueLots) {
      if (patched('expire-until-short-batch')) {
        // The ledger expires at most `limit` lots per call; a backlog must not wait for the next sweep.
        for (;;) {
          const batch = await acts.expireDueLots({ asOf, limit: EXPIRY_BATCH });
          expired += batch.expiredLots;
          if (batch.expiredLots < EXPIRY_BATCH) break;
        }
      } else {
        expired = (await acts.expireDueLots({ asOf })).expiredLots;
      }
    }
    sweeps++;
    j.state.details = { sweeps, lastSweepAt: asOf, lastReminded: reminded, lastExpired: expired };
    await sleep(c.sweepEveryHours * HOUR_MS);
  }
  return continueAsNew<typeof expiryReminderJourney>({
    campaignId: input.campaignId,
    customerId: input.customerId,
    journeyType: input.journeyType,
    config: c,
    carried: {
      remindedThrough: new Date(remindedThrough).toISOString(),
      windowLotIds: [...(previousWindow ?? [])],
      sweeps,
    } satisfies SweepCarried,
  });
}
