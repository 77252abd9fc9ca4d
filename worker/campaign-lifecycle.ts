import { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { CampaignEnrolments, ScheduledCampaignLifecycle } from '../activities';
import type { Ledger } from '../ledger';
import type { Pool } from 'pg';
import { createCampaignService } from '../services/product-services';
import type { PersonalDataProtection } from '../stores/personal-data';
import { encryptedDataConverter } from '../infra/temporal-payload-codec';

/**
 * The campaign service as the campaign-schedule activity needs it, over the worker's own pool, ledger and Temporal
 * connection (a launch may start a campaign-level run, an end cancels journeys); also what carries out enrolment
 * runs' pages (the same service: campaign rows, audiences, journey starts).
 */
export function campaignLifecycleFor(d: {
  pool: Pool;
  ledger: Ledger;
  pii: PersonalDataProtection;
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Where the campaign-level workflows it starts run (CAMPAIGN_TASK_QUEUE). */
  campaignTaskQueue: string;
  /** Days back a relaunch catches up occurrences missed while paused (FLOW_CATCH_UP_DAYS). */
  occurrenceCatchUpDays?: number;
}): ScheduledCampaignLifecycle & CampaignEnrolments {
  const temporal = new Client({
    connection: d.connection,
    namespace: d.namespace,
    dataConverter: encryptedDataConverter(d.pii.cipher),
  });
  // Every scheduled action reads the campaign under its lock: nothing to gain from caching event targets here.
  return createCampaignService({ ...d, temporal, campaignTargetsTtlMs: 0 });
}
