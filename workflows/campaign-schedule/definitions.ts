// What the API side and the campaign-schedule workflow share: its id, its signal and the instants it acts on.
import { defineSignal } from '@temporalio/workflow';

/** The instants a campaign launches and ends itself at (ISO, absolute); null where none is set. */
export interface ScheduleInstants {
  startsAt: string | null;
  endsAt: string | null;
}

/** The scheduled action due next and when. */
export interface ScheduledAction {
  action: 'launch' | 'end';
  at: string;
}

/** What a scheduled action did: it ran, or the campaign's row said it no longer applies. */
export type ScheduledActionOutcome =
  | { outcome: 'launched' | 'ended' }
  /** Launched or ended by hand before the instant, already ended, or the schedule changed since this was planned. */
  | { outcome: 'no-op'; reason: 'already-launched' | 'already-ended' | 'not-found' }
  /** The stored instant is not the one planned: `stored` is the schedule as the campaign's row has it now. */
  | { outcome: 'no-op'; reason: 'schedule-changed'; stored: ScheduleInstants }
  /** The launch was refused (the program budget cannot cover it): the campaign stays a draft. */
  | { outcome: 'refused'; reason: string };

export interface CampaignScheduleInput {
  campaignId: string;
}

export interface CampaignScheduleResult {
  campaignId: string;
  actions: (ScheduledAction & ScheduledActionOutcome)[];
}

/** The campaign's schedule as now stored: replaces what the workflow had (nulls clear). */
export const campaignScheduleChangedSignal = defineSignal<[ScheduleInstants]>('campaignScheduleChanged');

export function campaignScheduleWorkflowId(campaignId: string): string {
  return `campaign-schedule/${campaignId}`;
}

/**
 * The action due next, given what has run: the launch first (a start in the past is due at once), then the end. An
 * action already run at the same instant is not due again; one run at an instant since moved is (its new instant).
 */
export function nextScheduledAction(
  schedule: ScheduleInstants,
  ran: { launch?: string; end?: string },
): ScheduledAction | undefined {
  if (schedule.startsAt !== null && ran.launch !== schedule.startsAt) {
    return { action: 'launch', at: schedule.startsAt };
  }
  if (schedule.endsAt !== null && ran.end !== schedule.endsAt) return { action: 'end', at: schedule.endsAt };
  return undefined;
}
