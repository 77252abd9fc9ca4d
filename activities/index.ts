import { campaignScheduleActivities } from './campaign-schedule';
import { customerActivities } from './customers';
import type { ActivityDeps } from './deps';
import { emailActivities } from './email';
import { flowActivities } from './flow';
import { enrolmentActivities } from './enrolment';
import { journalActivities } from './journal';
import { ledgerActivities } from './ledger';
import { loyaltyPointsActivities } from './loyalty-points';
import { loyaltyTierActivities } from './loyalty-tiers';
import { supportActivities } from './support';

export type { ActivityDeps } from './deps';
export type { CampaignEnrolments, ScheduledCampaignLifecycle } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...journalActivities(deps),
    ...emailActivities(deps),
    ...ledgerActivities(deps),
    ...customerActivities(deps),
    ...supportActivities(deps),
    ...loyaltyTierActivities(deps),
    ...loyaltyPointsActivities(deps),
    ...campaignScheduleActivities(deps),
    ...flowActivities(deps),
    ...enrolmentActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;

/*
 * Every activity belongs to one class, and journeys call it with that class's options (workflows/shared/activities.ts;
 * docs/decisions.md explains the numbers). A new activity does not compile until it is classified here.
 */

/** Reads: no side effect, so they run as local activities (no task round trip) and may simply be read again. */
export type ReadActivityName =
  | 'getCustomerContact'
  | 'getCustomerProfile'
  | 'customersSharingIdentity'
  | 'checkReferralEligibility'
  | 'walletOf'
  | 'lotsExpiringWithin'
  | 'lotsInExpiryWindow'
  | 'emailsAlreadySent'
  | 'rollingSpend'
  | 'orderRefunded'
  | 'pointsOutlook'
  | 'pointsEarnedFor'
  | 'orderOf'
  | 'flowFacts'
  | 'flowEmailsSentSince'
  | 'flowReferrerOf'
  | 'supportTaskStatus'
  | 'pointsEarnContext'
  | 'pointLotsRemaining'
  | 'customerInSegments';

/** Writes to Postgres, each idempotent by its key: retried for as long as an outage can reasonably last. */
export type WriteActivityName =
  | 'recordJourneyEvent'
  | 'grantCredit'
  | 'revokeGrant'
  | 'expireDueLots'
  | 'setReferralStatus'
  | 'reserveCompensationQuota'
  | 'releaseCompensationQuota'
  | 'recordTierChange'
  | 'earnPoints'
  | 'redeemPoints'
  | 'expirePoints'
  | 'runScheduledCampaignAction'
  | 'claimFlowLimit'
  | 'forgetOpenOccurrence'
  | 'setProfileAttribute'
  | 'expirePointsPartially'
  | 'enrolPage'
  | 'nextEnrolmentOccurrence';

/** Writes that hand a message to the SMTP relay (logged by key in email_log): the relay sets their attempt timeout. */
export type MailActivityName = 'sendEmail' | 'createSupportTask';

export type ReadActivities = Pick<Activities, ReadActivityName>;
export type WriteActivities = Pick<Activities, WriteActivityName>;
export type MailActivities = Pick<Activities, MailActivityName>;
/** The campaign-schedule workflow's one activity (a write, with the write options). */
export type CampaignScheduleActivities = Pick<Activities, 'runScheduledCampaignAction'>;
/** The campaign-level enrolment workflows' activities (writes: they start journeys and move the cursor). */
export type EnrolmentActivities = Pick<Activities, 'enrolPage' | 'nextEnrolmentOccurrence'>;

type Unclassified = Exclude<keyof Activities, ReadActivityName | WriteActivityName | MailActivityName>;
type ClassifiedTwice =
  | (ReadActivityName & WriteActivityName)
  | (ReadActivityName & MailActivityName)
  | (WriteActivityName & MailActivityName);
/** Compile-time only: `never` is the only type that satisfies it, so an activity in no class or in two fails here. */
type NothingLeft<T extends never> = T;
type _EveryActivityInOneClass = NothingLeft<Unclassified | ClassifiedTwice>;
