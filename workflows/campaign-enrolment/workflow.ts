import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { EnrolmentActivities } from '../../activities';
import { WRITE_OPTIONS } from '../shared/activities';
import {
  ENROLMENT_PAGE_SIZE,
  type CampaignCalendarInput,
  type CampaignEnrolmentInput,
  type EnrolPageResult,
} from './definitions';

const { enrolPage, nextEnrolmentOccurrence } = proxyActivities<EnrolmentActivities>({
  ...WRITE_OPTIONS,
  // A page starts up to ENROLMENT_PAGE_SIZE journeys: more than a plain write's 15 s on a loaded server.
  startToCloseTimeout: '2 minutes',
});

/** Pages per run before continue-as-new: each is one activity (a few history events), so 100 000 members is 200. */
export const PAGES_PER_RUN = 50;

/**
 * A campaign's audience enrolled at launch (id campaign-enrolment/<campaignId>/launch): page after page, one activity
 * reads the next ids after the durable cursor (keyset pagination over customer id) and starts their journeys with the
 * journey's normal workflow id, so an event-started journey and an enrolled one are the same journey and a retried page
 * starts nobody twice. Only ids cross the activity boundary, never the members, so neither payloads nor history grow
 * with the audience; continue-as-new every PAGES_PER_RUN pages. A paused campaign stops it (a relaunch starts it
 * again: it resumes from the cursor); an ended one stops it for good.
 */
export async function campaignEnrolmentWorkflow(input: CampaignEnrolmentInput): Promise<EnrolPageResult> {
  const asOf = input.asOf ?? new Date().toISOString();
  let last: EnrolPageResult | undefined;
  for (let pages = 0; ; pages++) {
    if (pages >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof campaignEnrolmentWorkflow>({
        campaignId: input.campaignId,
        run: input.run,
        asOf,
        cursor: last?.cursor ?? input.cursor ?? null,
        pages: (input.pages ?? 0) + pages,
      });
    }
    last = await enrolPage({
      campaignId: input.campaignId,
      run: input.run,
      asOf,
      pageSize: ENROLMENT_PAGE_SIZE,
    });
    if (last.state !== 'more') return last;
  }
}

/**
 * A campaign whose flow enters on a date attribute or a calendar rule (id campaign-calendar/<campaignId>): sleeps
 * until the next occurrence (computed by an activity in the campaign's time zone), then enrols who it selects page by
 * page as above, with the occurrence's date as the run (journeys get ids of their own per occurrence). Continues as
 * new after every occurrence; ends when the campaign ends or no occurrence is left.
 */
export async function campaignCalendarWorkflow(input: CampaignCalendarInput): Promise<string> {
  const after = input.after ?? new Date().toISOString();
  const next = await nextEnrolmentOccurrence({ campaignId: input.campaignId, after });
  if (!next) return 'no-occurrence-left';
  const wait = Date.parse(next.at) - Date.now();
  if (wait > 0) await sleep(wait);
  for (;;) {
    const page = await enrolPage({
      campaignId: input.campaignId,
      run: next.run,
      asOf: next.at,
      pageSize: ENROLMENT_PAGE_SIZE,
    });
    if (page.state === 'stopped') return 'campaign-ended';
    if (page.state !== 'more') break;
  }
  return continueAsNew<typeof campaignCalendarWorkflow>({ campaignId: input.campaignId, after: next.at });
}
