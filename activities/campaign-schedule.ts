import type { ScheduledAction, ScheduledActionOutcome } from '../workflows/campaign-schedule/definitions';
import type { ActivityDeps } from './deps';

/**
 * What carries out a campaign's scheduled launch or end: the campaign service's own lifecycle (budget carved out of
 * the program, campaign-level runs started or cancelled, the audit entry), wired in by the worker's composition root
 * since activities never call services themselves. Each call checks the campaign's row under its lock and is a no-op
 * when the action no longer applies, so a retried attempt launches once.
 */
export interface ScheduledCampaignLifecycle {
  runScheduled(campaignId: string, action: ScheduledAction): Promise<ScheduledActionOutcome>;
}

export function campaignScheduleActivities(deps: ActivityDeps) {
  return {
    runScheduledCampaignAction: async (
      req: { campaignId: string } & ScheduledAction,
    ): Promise<ScheduledActionOutcome> => {
      // A worker built without it is a wiring bug: failing (retried) keeps the action pending until it is fixed.
      if (!deps.campaignLifecycle) throw new Error('this worker has no campaign lifecycle wired in');
      return deps.campaignLifecycle.runScheduled(req.campaignId, { action: req.action, at: req.at });
    },
  };
}
