import type { Pool } from 'pg';
import type { MailSettings } from '../email/mail-settings';
import type { Ledger } from '../ledger';
import type { ScheduledCampaignLifecycle } from './campaign-schedule';

/** What activities need from the outside world; built once by the worker (or a test). */
export interface ActivityDeps {
  pool: Pool;
  ledger: Ledger;
  mail: MailSettings;
  /** Scheduled launches and ends (the worker wires the campaign service in; journeys never need it). */
  campaignLifecycle?: ScheduledCampaignLifecycle;
}
