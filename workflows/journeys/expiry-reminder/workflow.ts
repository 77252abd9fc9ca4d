import { continueAsNew, sleep } from '@temporalio/workflow';
import { reads, writes } from '../../shared/activities';
import { days, Journey } from '../../shared/journey';
import { legacyField, resumeCarry, withoutLegacy, type JourneyStart } from '../../shared/journey-input';
import { dateOnly, formatMinor } from '../../shared/money';
import type { ExpiringLot, ExpiryWindowPage } from '../../../ledger/views/expiring';
import type { ExpiryReminderConfig } from './config';
import { isPatched } from '../../shared/patches';

const HOUR_MS = 3_600_000;
const EXPIRY_BATCH = 500;
/** Lots per activity result: ~250 bytes each, far below Temporal's payload limit however large the campaign. */
const WINDOW_PAGE = 200;

const reminderKey = (lotId: string) => `lot-expiring/${lotId}`;

/** What a campaign's sweep carries over continue-as-new. */
interface SweepCarryV1 {
  v: 1;
  sweeps: number;
  /** End of the previous sweep's window (only consulted for runs carried over without `windowLotIds`). */
  remindedThrough: string;
  /** The lots the previous sweep found in its window (runs before paged sweeps; paged sweeps need no list). */
  windowLotIds?: string[];
}
/** Every carry version a sweep run may receive. */
export type SweepCarry = SweepCarryV1;

/** The `carried` bag of runs from before the start/carry split, as a v1 carry (a missing field meant "none"). */
function upgradeLegacyCarry(legacy: Record<string, unknown>): SweepCarryV1 {
  return {
    v: 1,
    sweeps: legacyField.number(legacy, 'sweeps') ?? 0,
    remindedThrough: legacyField.string(legacy, 'remindedThrough') ?? new Date(0).toISOString(),
    ...(Array.isArray(legacy.windowLotIds)
      ? { windowLotIds: legacyField.strings(legacy, 'windowLotIds') }
      : {}),
  };
}

/**
 * Journey 8 — expiry reminders, one run per campaign: every sweep emails each customer whose lot enters the
 * "expires within N days" window since the previous sweep (so each lot is reminded once), then moves lots past
 * their expiry to breakage. Emails are keyed by lot, so a replayed sweep never mails twice.
 */
export async function expiryReminderJourney(
  start: JourneyStart<ExpiryReminderConfig>,
  carry?: SweepCarry,
): Promise<string> {
  const resumed = resumeCarry(start, carry, upgradeLegacyCarry);
  const j = new Journey(withoutLegacy(start));
  const c = j.config;
  let remindedThrough = resumed ? Date.parse(resumed.remindedThrough) : 0;
  // A lot is reminded by the first sweep that finds it in the window. "Expires before the previous window's end" is
  // not the same thing: a short-lived lot granted after that sweep expires inside the swept window, yet was never
  // in it, and would never be reminded. Paged sweeps read "already reminded" from the email log; runs from before
  // kept the previous window's lot ids instead.
  let previousWindow = resumed?.windowLotIds ? new Set(resumed.windowLotIds) : undefined;
  let sweeps = resumed?.sweeps ?? 0;

  for (let i = 0; i < c.sweepsPerRun; i++) {
    const asOf = j.nowIso();
    const windowEnd = Date.now() + days(c.remindDaysBefore);
    let reminded = 0;
    const windowLotIds = new Set<string>();
    const remind = async (lot: ExpiringLot) => {
      const daysLeft = Math.max(Math.ceil((Date.parse(lot.expiresAt!) - Date.now()) / days(1)), 0);
      await j.emailCustomer(
        `remind:${lot.lotId}`,
        'lot-expiring',
        { amount: formatMinor(lot.remaining), expiresOn: dateOnly(lot.expiresAt!), daysLeft },
        lot.customerId,
        // Keyed by the lot alone: two reminder campaigns covering the same lot mail its owner once.
        reminderKey(lot.lotId),
      );
      reminded++;
    };
    if (isPatched('expiry-window-paged')) {
      // Page by page, filtered in the ledger by campaign: no activity result or carried state grows with the
      // campaign. "Reminded once" is read from the email log (the reminder's key is per lot), so a lot is reminded
      // if it never was — whatever happened between sweeps (granted late, refunded back from zero, config changed).
      let after: ExpiryWindowPage['next'] = null;
      do {
        const page: ExpiryWindowPage = await reads().lotsInExpiryWindow({
          days: c.remindDaysBefore,
          asOf,
          campaignIds: c.campaignIds,
          after,
          limit: WINDOW_PAGE,
        });
        const sent = new Set(await reads().emailsAlreadySent(page.lots.map((l) => reminderKey(l.lotId))));
        for (const lot of page.lots) if (!sent.has(reminderKey(lot.lotId))) await remind(lot);
        after = page.next;
      } while (after);
    } else {
      const lots = await reads().lotsExpiringWithin({ days: c.remindDaysBefore, asOf });
      for (const lot of lots) {
        if (!lot.expiresAt) continue;
        if (c.campaignIds.length > 0 && !c.campaignIds.includes(lot.campaignId)) continue;
        windowLotIds.add(lot.lotId);
        const seenBefore = previousWindow
          ? previousWindow.has(lot.lotId)
          : Date.parse(lot.expiresAt) <= remindedThrough;
        if (seenBefore) continue;
        await remind(lot);
      }
    }
    remindedThrough = windowEnd;
    previousWindow = windowLotIds;
    let expired = 0;
    if (c.expireDueLots) {
      if (isPatched('expire-until-short-batch')) {
        // The ledger expires at most `limit` lots per call; a backlog must not wait for the next sweep.
        for (;;) {
          const batch = await writes.expireDueLots({ asOf, limit: EXPIRY_BATCH });
          expired += batch.expiredLots;
          if (batch.expiredLots < EXPIRY_BATCH) break;
        }
      } else {
        expired = (await writes.expireDueLots({ asOf })).expiredLots;
      }
    }
    sweeps++;
    j.state.details = { sweeps, lastSweepAt: asOf, lastReminded: reminded, lastExpired: expired };
    await sleep(c.sweepEveryHours * HOUR_MS);
  }
  return continueAsNew<typeof expiryReminderJourney>(j.start, {
    v: 1,
    sweeps,
    remindedThrough: new Date(remindedThrough).toISOString(),
    windowLotIds: [...(previousWindow ?? [])],
  });
}
