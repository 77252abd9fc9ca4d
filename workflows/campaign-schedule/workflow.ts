import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CampaignScheduleActivities } from '../../activities';
import { WRITE_OPTIONS } from '../shared/activities';
import {
  campaignScheduleChangedSignal,
  nextScheduledAction,
  type CampaignScheduleInput,
  type CampaignScheduleResult,
  type ScheduleInstants,
} from './definitions';

const { runScheduledCampaignAction } = proxyActivities<CampaignScheduleActivities>(WRITE_OPTIONS);

/**
 * One per campaign with a schedule (id campaign-schedule/<campaignId>, started by signal-with-start whenever the
 * schedule is set): sleeps until the next instant, then has an activity launch or end the campaign. A changed
 * schedule arrives as a signal and wakes it to plan again. The activity checks the campaign's row under its lock
 * (still a draft, still this instant), so a manual launch or end before the instant, or a change racing the timer,
 * makes the scheduled action a no-op instead of a second launch. It ends when nothing is left to do; setting a
 * schedule later starts a new run.
 */
export async function campaignScheduleWorkflow(
  input: CampaignScheduleInput,
): Promise<CampaignScheduleResult> {
  let schedule: ScheduleInstants | undefined;
  let changed = false;
  setHandler(campaignScheduleChangedSignal, (next) => {
    schedule = next;
    changed = true;
  });
  // Started by signal-with-start: the signal carrying the schedule is in the first workflow task.
  await condition(() => schedule !== undefined);

  const ran: { launch?: string; end?: string } = {};
  const actions: CampaignScheduleResult['actions'] = [];
  for (;;) {
    const next = nextScheduledAction(schedule!, ran);
    if (!next) break;
    changed = false;
    const wait = Date.parse(next.at) - Date.now();
    if (wait > 0 && (await condition(() => changed, wait))) continue;
    const outcome = await runScheduledCampaignAction({ campaignId: input.campaignId, ...next });
    ran[next.action] = next.at;
    actions.push({ ...next, ...outcome });
    // The row moved on without this run hearing of it (a change whose transaction failed after its signal): plan from
    // the row, unless a change arrived meanwhile (it is newer still, or the next action heals again).
    if (outcome.outcome === 'no-op' && outcome.reason === 'schedule-changed' && !changed)
      schedule = outcome.stored;
  }
  await condition(allHandlersFinished);
  return { campaignId: input.campaignId, actions };
}
