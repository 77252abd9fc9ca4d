import type { Pool } from 'pg';
import type { MailSettings } from '../email/mail-settings';
import type { Ledger } from '../ledger';
import type { ScheduledAction, ScheduledActionOutcome } from '../workflows/campaign-schedule/definitions';
import type { PersonalDataProtection } from '../stores/personal-data';
import type {
  EnrolPageRequest,
  EnrolPageResult,
  Occurrence,
} from '../workflows/campaign-enrolment/definitions';

/** What activities need from the outside world; built once by the worker (or a test). */
export interface ActivityDeps {
  pool: Pool;
  ledger: Ledger;
  mail: MailSettings;
  /** Keys of customers' personal data (sealed at rest, matched by keyed hash). */
  pii: PersonalDataProtection;
  /** Scheduled launches and ends (the worker wires the campaign service in; journeys never need it). */
  campaignLifecycle?: ScheduledCampaignLifecycle;
  /** Enrolment runs of campaigns (the worker wires the enrolment service in; journeys never need it). */
  enrolments?: CampaignEnrolments;
  /** Time budget of a flow node's segment tests, all statements together (SEGMENT_TEST_TIMEOUT_MS; default 3 s). */
  segmentTestTimeoutMs?: number;
}

/**
 * What carries out enrolment runs: the enrolment service (campaign row, audience, journey starts, durable cursor),
 * wired in by the worker's composition root like the campaign lifecycle.
 */
export interface CampaignEnrolments {
  enrolPage(req: EnrolPageRequest): Promise<EnrolPageResult>;
  nextOccurrence(req: { campaignId: string; after: string }): Promise<Occurrence | null>;
}

/**
 * What carries out a campaign's scheduled launch or end: the campaign service's own lifecycle (budget carved out of
 * the program, campaign-level runs started or cancelled, the audit entry), wired in by the worker's composition root
 * since activities never call services themselves. Each call checks the campaign's row under its lock and is a no-op
 * when the action no longer applies, so a retried attempt launches once.
 */
export interface ScheduledCampaignLifecycle {
  runScheduled(campaignId: string, action: ScheduledAction): Promise<ScheduledActionOutcome>;
}
