import type { ScheduledAction, ScheduledActionOutcome } from '../workflows/campaign-schedule/definitions';
import type { ActivityDeps } from './deps';

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
