import type { Pool } from 'pg';
import { mapBounded } from '../lib/bounded-map';
import type { CampaignRecord, CampaignStore } from '../stores/campaigns';
import { EnrolmentStore, type EnrolmentProgress } from '../stores/enrolments';
import { forgetOpenOccurrences, recordOpenOccurrences } from '../stores/open-occurrences';
import { birthdayDays, compileSegmentFilter, type CompiledFilter } from '../stores/segment-query';
import {
  attributeTypes,
  countSelected,
  pageSelected,
  segmentFilter,
  type DateMatch,
} from '../stores/segment-members';
import {
  LAUNCH_RUN,
  type EnrolPageRequest,
  type EnrolPageResult,
  type Occurrence,
} from '../workflows/campaign-enrolment/definitions';
import type { FlowConfig } from '../workflows/journeys/flow/config';
import { entryOf, hearsEvents } from '../workflows/journeys/flow/plugin';
import { findJourneyPlugin } from '../workflows/journeys/registry';
import { journeyWorkflowId } from '../workflows/shared/definitions';
import { addDays, localDate, nextOccurrence } from './enrolment-calendar';
import type { EnrolmentClient } from './enrolment-client';
import type { JourneyClient, RunningCampaign } from './journey-client';
import { ServiceError } from './errors';

/** Journey starts of one page in flight at once (each one Temporal round trip). */
export const ENROLMENT_START_CONCURRENCY = 16;

/** Days back a relaunch catches up occurrences missed while paused: a birthday in a week's pause still goes out. */
export const DEFAULT_CATCH_UP_DAYS = 7;

/** The entry of a flow campaign that is not an event: a date attribute or a calendar rule (or none). */
function datedEntry(campaign: CampaignRecord) {
  if (campaign.journeyType !== 'flow') return undefined;
  const entry = entryOf((campaign.config as FlowConfig).definition);
  if (entry.date) return { kind: 'date' as const, date: entry.date };
  if (entry.calendar) return { kind: 'calendar' as const, calendar: entry.calendar };
  return undefined;
}

/**
 * Enrolment of customers into a campaign's journeys without an event: its audience at launch (`enrolExisting`), and
 * the occurrences of a flow's date or calendar entry. The campaign-level workflows call it page by page through
 * activities; the cursor and counts live in campaign_enrolments, so a run resumes where it stood after any crash.
 */
export class EnrolmentService {
  private readonly store: EnrolmentStore;

  constructor(
    private readonly pool: Pool,
    private readonly campaigns: CampaignStore,
    private readonly journeys: JourneyClient,
    private readonly workflows: EnrolmentClient,
    private readonly toRunning: (c: CampaignRecord) => RunningCampaign,
    private readonly concurrency = ENROLMENT_START_CONCURRENCY,
    /** How many days back a relaunch catches up occurrences missed while paused (0: none). */
    private readonly catchUpDays = DEFAULT_CATCH_UP_DAYS,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.store = new EnrolmentStore(pool);
  }

  /**
   * After a launch (or a relaunch): the launch run when it enrols existing members, the calendar when it has one, and
   * on a relaunch the occurrences missed while paused.
   */
  async launched(campaign: CampaignRecord): Promise<void> {
    if (campaign.enrolExisting) await this.workflows.startLaunchRun(campaign.campaignId);
    if (datedEntry(campaign)) {
      await this.workflows.startCalendar(campaign.campaignId);
      for (const run of await this.missedWhilePaused(campaign))
        await this.workflows.startRun(campaign.campaignId, run);
    }
  }

  /**
   * Occurrences of a date or calendar entry that came while the campaign was paused (their run is `paused` in
   * campaign_enrolments: the calendar workflow found the campaign paused and went on to the next one), to enrol late
   * on a relaunch: none from before the pause began (an older paused run that never enrolled anyone stays skipped),
   * none more than `catchUpDays` days back in the campaign's time zone. A run a pause interrupted halfway resumes
   * within the same window. Each run enrols its occurrence's journeys under their own ids, so none is started twice.
   */
  private async missedWhilePaused(campaign: CampaignRecord): Promise<string[]> {
    if (!campaign.pausedAt || this.catchUpDays <= 0) return [];
    const zone = campaign.timezone ?? 'UTC';
    return this.store.pausedOccurrences(campaign.campaignId, {
      notBefore: addDays(localDate(this.now(), zone), -this.catchUpDays),
      pausedOn: localDate(Date.parse(campaign.pausedAt), zone),
    });
  }

  /**
   * After an end: its enrolment workflows stop (each page checks the campaign too) and its occurrences' rows go. Never
   * throws: the end's remaining steps (cancelling journeys) must run, and the rows of an ended campaign are only
   * storage (it is no event target); a page still running records rows, and forgets them again when it stops.
   */
  async ended(campaign: CampaignRecord): Promise<void> {
    await this.workflows.stop(campaign.campaignId);
    await forgetOpenOccurrences(this.pool, campaign.campaignId).catch(() => undefined);
  }

  /** Which of these segment ids name no saved segment. */
  async missingSegments(segmentIds: readonly string[]): Promise<string[]> {
    const missing: string[] = [];
    for (const id of new Set(segmentIds)) if (!(await segmentFilter(this.pool, id))) missing.push(id);
    return missing;
  }

  /** A campaign's enrolment runs, newest first. */
  async progress(campaignId: string): Promise<EnrolmentProgress[]> {
    if (!(await this.campaigns.get(campaignId)))
      throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
    return this.store.list(campaignId, 50);
  }

  async nextOccurrence(req: { campaignId: string; after: string }): Promise<Occurrence | null> {
    const campaign = await this.campaigns.get(req.campaignId);
    if (!campaign || campaign.status === 'ended') return null;
    const entry = datedEntry(campaign);
    return entry ? nextOccurrence(entry, campaign.timezone ?? 'UTC', Date.parse(req.after)) : null;
  }

  /**
   * One page of a run: the campaign must be launched (paused: the run pauses; ended or gone: it stops), then the next
   * ids after the durable cursor among who the run selects (the audience; for an occurrence of a date entry, whose
   * date's anniversary it is), each customer's journey started, the cursor moved past them.
   */
  async enrolPage(req: EnrolPageRequest): Promise<EnrolPageResult> {
    const result = (p: EnrolmentProgress | null, state: EnrolPageResult['state']): EnrolPageResult => ({
      state,
      total: p?.total ?? 0,
      enrolled: p?.enrolled ?? 0,
      already: p?.already ?? 0,
      cursor: p?.cursor ?? null,
    });
    const campaign = await this.campaigns.get(req.campaignId);
    const plugin = campaign && findJourneyPlugin(campaign.journeyType);
    if (!campaign || !plugin || campaign.status === 'ended') {
      // A page that raced the end may have recorded occurrences after the end forgot them.
      if (campaign?.status === 'ended') await forgetOpenOccurrences(this.pool, campaign.campaignId);
      const stopped = campaign ? await this.store.settle(req.campaignId, req.run, 'stopped') : null;
      return result(stopped, 'stopped');
    }
    const { audience, date } = await this.selection(campaign, req);
    if (campaign.status !== 'launched') {
      await this.store.begin(req.campaignId, req.run, () => countSelected(this.pool, audience, date));
      return result(await this.store.settle(req.campaignId, req.run, 'paused'), 'paused');
    }
    const progress = await this.store.begin(req.campaignId, req.run, () =>
      countSelected(this.pool, audience, date),
    );
    if (progress.state === 'completed' || progress.state === 'stopped')
      return result(progress, progress.state);
    const ids = await pageSelected(this.pool, audience, date, progress.cursor, req.pageSize);
    if (ids.length === 0)
      return result(await this.store.settle(req.campaignId, req.run, 'completed'), 'completed');

    const running = this.toRunning(campaign);
    const kind = req.run === LAUNCH_RUN ? 'audience' : (datedEntry(campaign)?.kind ?? 'calendar');
    const outcomes = await mapBounded(ids, this.concurrency, (customerId) => {
      const base = journeyWorkflowId(campaign.campaignId, customerId);
      const workflowId = req.run === LAUNCH_RUN ? base : `${base}/${req.run}`;
      return this.journeys.enrol(plugin, running, customerId, workflowId, { kind, run: req.run });
    });
    // Occurrence journeys that hear events: the router finds them here (an already-started one too: a retried page).
    if (req.run !== LAUNCH_RUN && hearsEvents((campaign.config as FlowConfig).definition))
      await recordOpenOccurrences(
        this.pool,
        campaign.campaignId,
        req.run,
        ids.map((customerId) => ({
          customerId,
          workflowId: `${journeyWorkflowId(campaign.campaignId, customerId)}/${req.run}`,
        })),
      );
    const enrolled = outcomes.filter((o) => o === 'enrolled').length;
    const advanced = await this.store.advance(req.campaignId, req.run, progress.cursor, ids.at(-1)!, {
      enrolled,
      already: ids.length - enrolled,
    });
    if (ids.length < req.pageSize)
      return result(await this.store.settle(req.campaignId, req.run, 'completed'), 'completed');
    return result(advanced, 'more');
  }

  /** Who a run selects: the campaign's audience (as of the run's instant) and, for a date entry's occurrence, the day. */
  private async selection(
    campaign: CampaignRecord,
    req: EnrolPageRequest,
  ): Promise<{ audience: CompiledFilter | null; date: DateMatch | null }> {
    let audience: CompiledFilter | null = null;
    if (campaign.audience) {
      const filter = await segmentFilter(this.pool, campaign.audience);
      // The segment is referenced by the campaign row (a foreign key): it cannot be gone.
      if (!filter)
        throw new Error(`campaign ${campaign.campaignId}: audience ${campaign.audience} is missing`);
      audience = compileSegmentFilter(filter, await attributeTypes(this.pool), req.asOf);
    }
    const entry = datedEntry(campaign);
    let date: DateMatch | null = null;
    if (req.run !== LAUNCH_RUN && entry?.kind === 'date') {
      // The journey starts offsetDays after the anniversary: on day D it is the anniversary of D - offsetDays.
      const anniversary = addDays(req.run, -entry.date.offsetDays);
      date = {
        attribute: entry.date.attribute,
        days: birthdayDays({ birthday: { withinDays: 0 } }, `${anniversary}T00:00:00Z`),
      };
    }
    return { audience, date };
  }
}
