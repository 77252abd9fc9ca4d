// What the API side, the activities and the campaign-level enrolment workflows share: ids, requests and results.

/** The run of a campaign's audience enrolled at launch; other runs are occurrence dates (YYYY-MM-DD). */
export const LAUNCH_RUN = 'launch';

/** Customers an enrolment page takes: one activity reads their ids and starts their journeys. */
export const ENROLMENT_PAGE_SIZE = 500;

export interface EnrolPageRequest {
  campaignId: string;
  run: string;
  /** The instant facts in the audience's filter are read at (the run's start, in workflow time). */
  asOf: string;
  pageSize: number;
}

/**
 * What a page did. `more`: pages are left; `completed`: the audience is done; `paused`: the campaign is paused (a
 * relaunch resumes from the durable cursor); `stopped`: the campaign ended or is gone.
 */
export interface EnrolPageResult {
  state: 'more' | 'completed' | 'paused' | 'stopped';
  total: number;
  enrolled: number;
  already: number;
  cursor: string | null;
}

export interface CampaignEnrolmentInput {
  campaignId: string;
  run: string;
  /** Set by the first run of the chain; continued runs keep it. */
  asOf?: string;
  /** The cursor as the last run left it (the durable one in campaign_enrolments is the truth; this shows it). */
  cursor?: string | null;
  pages?: number;
}

export interface CampaignCalendarInput {
  campaignId: string;
  /** The next occurrence is the first after this instant (absent: the workflow's start). */
  after?: string;
}

/** The next time a date or calendar entry enrols: its run (the local date) and the instant. */
export interface Occurrence {
  run: string;
  at: string;
}

export function enrolmentWorkflowId(campaignId: string, run: string): string {
  return `campaign-enrolment/${campaignId}/${run}`;
}

export function calendarWorkflowId(campaignId: string): string {
  return `campaign-calendar/${campaignId}`;
}
