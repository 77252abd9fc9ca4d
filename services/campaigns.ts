import { randomBytes } from 'node:crypto';
import type { Ledger } from '../ledger';
import { isLedgerError } from '../ledger/errors';
import type { AuditEntry } from '../stores/audit-log';
import type {
  CampaignRecord,
  CampaignSchedule,
  CampaignStatus,
  CampaignStore,
  CampaignVariant,
  LockedCampaign,
} from '../stores/campaigns';
import type { ScheduledAction, ScheduledActionOutcome } from '../workflows/campaign-schedule/definitions';
import type { CampaignScheduleClient } from './campaign-schedule-client';
import type { JourneyClient, RunningCampaign } from './journey-client';
import { findJourneyPlugin, JOURNEY_PLUGINS } from '../workflows/journeys/registry';
import type { JourneyPlugin } from '../workflows/shared/plugin';
import { journeyWorkflowId } from '../workflows/shared/definitions';
import { issuePath, ServiceError } from './errors';
import { pageOrRefuse, type CreationOrderPage, type PageOf } from './paging';
import type { AttributeCatalog } from './attribute-catalog';
import { attributeWriteIssues } from './flow-attribute-check';
import type { EventCatalog } from './event-catalog';
import { canonicalTimeZone, scheduleIssues, type ScheduleRequest } from './campaign-schedule-rules';
import type { EnrolmentService } from './enrolment';
import { entryOf, inlineSegmentFilters, segmentReferences } from '../workflows/journeys/flow/plugin';
import { segmentFilterIssues } from './segments';
import type { AttributeType } from '../contracts/customer-attributes';
import type { FlowConfig } from '../workflows/journeys/flow/config';
import type {
  EnrolPageRequest,
  EnrolPageResult,
  Occurrence,
} from '../workflows/campaign-enrolment/definitions';

export const CAMPAIGN_JOURNEY_CUSTOMER = '_campaign';

export interface CreateCampaign {
  campaignId?: string;
  name: string;
  journeyType: string;
  config: unknown;
  budget: number;
  /** A/B variants: each overrides part of `config`; customers are split by weight (default 1 each). */
  variants?: { name: string; weight?: number; config?: Record<string, unknown> }[];
  /** Launches itself at startsAt (at once when it is past) and ends itself at endsAt. */
  startsAt?: string | null;
  endsAt?: string | null;
  /** IANA zone the schedule is shown in. */
  timezone?: string | null;
  /** Among launched campaigns of this group at most one pays a given customer. */
  exclusivityGroup?: string;
  /** Within the group, the higher wins a customer whose one event started journeys of both (default 0). */
  priority?: number;
  /** Only members of this segment enter its journeys. */
  audience?: string;
  /** At launch, a journey starts for every member of the audience (flow campaigns). */
  enrolExisting?: boolean;
}

/** Where scheduled launches and ends are handed to Temporal and recorded in the audit log. */
export interface CampaignScheduling {
  schedules: Pick<CampaignScheduleClient, 'send'>;
  audit: { record(entry: AuditEntry): Promise<void> };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A variant's override on top of a config: objects merge key by key (recursively), anything else replaces. */
export function mergeConfig(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeConfig(base[key], value);
  return out;
}

type Issue = { path: (string | number)[]; message: string; code: string };

/**
 * A/B variants against their plugin and the campaign's parsed config: unique names, customer journeys only, and each
 * merged config passes the plugin's schema. Pure, so the API runs the same rules on the request (as a 422) before the
 * service runs them again.
 */
export function resolveVariants(
  plugin: JourneyPlugin,
  base: unknown,
  declared: NonNullable<CreateCampaign['variants']>,
): { variants: CampaignVariant[]; issues: Issue[] } {
  const issues: Issue[] = [];
  if (plugin.cardinality !== 'once-per-customer' && plugin.cardinality !== 'repeatable') {
    issues.push({
      path: ['variants'],
      message: `${plugin.type} journeys are not started per customer by events; they cannot have A/B variants`,
      code: 'custom',
    });
  }
  if (declared.length < 2) {
    issues.push({
      path: ['variants'],
      message: 'declare at least two variants (or none)',
      code: 'too_small',
    });
  }
  const seen = new Set<string>();
  const variants = declared.map((v, i): CampaignVariant => {
    if (seen.has(v.name)) {
      issues.push({
        path: ['variants', i, 'name'],
        message: `duplicate variant "${v.name}"`,
        code: 'custom',
      });
    }
    seen.add(v.name);
    const override = v.config ?? {};
    const merged = plugin.configSchema.safeParse(mergeConfig(base, override));
    if (!merged.success) {
      for (const issue of merged.error.issues) {
        issues.push({
          path: ['variants', i, 'config', ...issuePath(issue.path)],
          message: issue.message,
          code: issue.code,
        });
      }
    }
    return {
      name: v.name,
      weight: v.weight ?? 1,
      config: override,
      effectiveConfig: merged.success ? merged.data : null,
    };
  });
  return { variants, issues };
}

/**
 * Campaign lifecycle: draft → launched ⇄ paused → ended. Launching opens the campaign's budget in the ledger (a hard
 * cap carved out of the program budget) and, for campaign-level journeys, starts their run. Pausing stops new
 * journeys; running ones keep the config they started with and still receive their customers' events.
 */
export class CampaignService {
  private targetsCache: { at: number; targets: Promise<RunningCampaign[]> } | undefined;

  constructor(
    private readonly store: CampaignStore,
    private readonly ledger: Ledger,
    private readonly journeys: JourneyClient,
    /** Where custom event types are declared: a campaign may only listen for declared ones. */
    private readonly eventTypes?: Pick<EventCatalog, 'undeclared'>,
    /**
     * How long `eventTargets` reuses the campaigns it read: every event needs them and they rarely change. Launch,
     * pause and end through this service drop the copy at once; a change made by another API process shows after at
     * most this long. 0 reads them on every call.
     */
    private readonly targetsTtlMs = 0,
    /** Without it a schedule can be stored but nothing fires it (tests of other concerns). */
    private readonly scheduling?: CampaignScheduling,
    /** The attribute catalog a flow's setAttribute nodes are checked against (without it they are not checked). */
    private readonly attributeTypes?: Pick<AttributeCatalog, 'types'>,
    /** Audiences and enrolment runs; without it a campaign can have neither. */
    private readonly enrolments?: EnrolmentService,
  ) {}

  /** One page of an enrolment run (the enrolment workflows' activity). */
  enrolPage(req: EnrolPageRequest): Promise<EnrolPageResult> {
    return this.requireEnrolments().enrolPage(req);
  }

  /** When a date or calendar entry enrols next (the calendar workflow's activity). */
  nextOccurrence(req: { campaignId: string; after: string }): Promise<Occurrence | null> {
    return this.requireEnrolments().nextOccurrence(req);
  }

  /** A campaign's enrolment runs with their progress, newest first. */
  enrolmentProgress(campaignId: string) {
    return this.requireEnrolments().progress(campaignId);
  }

  private requireEnrolments(): EnrolmentService {
    if (!this.enrolments) throw new Error('this campaign service has no enrolments wired in');
    return this.enrolments;
  }

  /** 422 unless the audience, enrolment and the segments a flow tests fit together and exist. */
  private async checkAudience(
    req: Pick<CreateCampaign, 'audience' | 'enrolExisting'>,
    plugin: JourneyPlugin,
    config: unknown,
  ): Promise<void> {
    const issue = (path: string, code: string, message: string): never => {
      throw new ServiceError('unprocessable', code, message, [
        { path: ['body', ...path.split('.')], message, code: 'custom' },
      ]);
    };
    if (req.enrolExisting && !req.audience)
      issue('enrolExisting', 'ENROL_WITHOUT_AUDIENCE', 'enrolExisting needs an audience to enrol.');
    if (req.enrolExisting && plugin.type !== 'flow')
      issue(
        'enrolExisting',
        'ENROL_NOT_SUPPORTED',
        `${plugin.type} journeys start on events; only flows enrol.`,
      );
    if (plugin.type === 'flow') {
      const entry = entryOf((config as FlowConfig).definition);
      if (!entry.on && !entry.date && !entry.calendar && !req.enrolExisting)
        issue(
          'config.definition.nodes',
          'NOTHING_ENTERS',
          `entry "${entry.id}" has no event, date or calendar: only enrolExisting with an audience enrols anyone.`,
        );
      // Every customer on every occurrence is too much to enrol by accident: it must be said (stored configs from
      // before this rule still parse; only create and a draft's update ask).
      if (entry.calendar && !req.audience && entry.calendar.everyone !== true) {
        const index = (config as FlowConfig).definition.nodes.indexOf(entry);
        const message = `node "${entry.id}": a calendar entry without an audience would enrol every customer; give the campaign an audience or set "everyone": true.`;
        throw new ServiceError('unprocessable', 'CALENDAR_WITHOUT_AUDIENCE', message, [
          {
            path: ['body', 'config', 'definition', 'nodes', index, 'calendar', 'everyone'],
            message,
            code: 'custom',
          },
        ]);
      }
    }
    // Inline segment filters run as the same SQL as a saved segment's: undeclared attributes or ops that do not fit
    // their type are refused here (422 at the filter), not found by every journey's activity at run time.
    const inline = plugin.type === 'flow' ? inlineSegmentFilters((config as FlowConfig).definition) : [];
    if (inline.length > 0) {
      const types = (await this.attributeTypes?.types()) ?? new Map<string, AttributeType>();
      const problems = inline.flatMap((f) =>
        segmentFilterIssues(f.filter, types, ['body', 'config', ...f.path]),
      );
      if (problems.length > 0)
        throw new ServiceError(
          'unprocessable',
          'INVALID_SEGMENT_FILTER',
          `A condition's segment filter cannot be used: ${problems.map((p) => p.message).join('; ')}.`,
          problems,
        );
    }
    const refs = plugin.type === 'flow' ? segmentReferences((config as FlowConfig).definition) : [];
    if (!req.audience && refs.length === 0) return;
    if (!this.enrolments) issue('audience', 'AUDIENCES_NOT_SUPPORTED', 'This service has no audiences.');
    const missing = new Set(
      await this.enrolments!.missingSegments([
        ...(req.audience ? [req.audience] : []),
        ...refs.map((r) => r.segmentId),
      ]),
    );
    if (req.audience && missing.has(req.audience))
      issue('audience', 'UNKNOWN_SEGMENT', `No segment ${req.audience}; create it with POST /v1/segments.`);
    const unknown = refs.filter((r) => missing.has(r.segmentId));
    if (unknown.length > 0)
      throw new ServiceError(
        'unprocessable',
        'UNKNOWN_SEGMENT',
        unknown[0]!.message,
        unknown.map((r) => ({ path: ['body', 'config', ...r.path], message: r.message, code: 'custom' })),
      );
  }

  /** Forgets the cached event targets: the next event reads the campaigns again. */
  private campaignsChanged(): void {
    this.targetsCache = undefined;
  }

  async create(req: CreateCampaign, actor: string | null): Promise<CampaignRecord> {
    const plugin = findJourneyPlugin(req.journeyType);
    if (!plugin) {
      throw new ServiceError('invalid', 'UNKNOWN_JOURNEY_TYPE', `Unknown journeyType "${req.journeyType}".`, [
        {
          path: ['journeyType'],
          message: `must be one of ${JOURNEY_PLUGINS.map((p) => p.type).join(', ')}`,
          code: 'invalid_value',
        },
      ]);
    }
    const config = await this.checkedConfig(plugin, req.config);
    let variants: CampaignVariant[] | null = null;
    if (req.variants?.length) {
      const resolved = resolveVariants(plugin, config, req.variants);
      if (resolved.issues.length > 0) {
        throw new ServiceError(
          'invalid',
          'INVALID_VARIANTS',
          'The A/B variants are not valid.',
          resolved.issues,
        );
      }
      variants = resolved.variants;
    }
    if (req.priority !== undefined && !req.exclusivityGroup) {
      throw new ServiceError(
        'unprocessable',
        'PRIORITY_WITHOUT_GROUP',
        'A priority needs an exclusivityGroup.',
        [{ path: ['body', 'priority'], message: 'needs an exclusivityGroup', code: 'custom' }],
      );
    }
    await this.checkAudience(req, plugin, config);
    const schedule = this.checkedSchedule(req, null);
    const campaignId = req.campaignId ?? `cmp_${randomBytes(6).toString('hex')}`;
    const created = await this.store.create({
      campaignId,
      name: req.name,
      journeyType: plugin.type,
      config: config,
      budget: req.budget,
      variants,
      schedule,
      exclusivity: req.exclusivityGroup ? { group: req.exclusivityGroup, priority: req.priority ?? 0 } : null,
      audience: req.audience ? { segmentId: req.audience, enrolExisting: req.enrolExisting ?? false } : null,
      createdBy: actor,
    });
    if (!created)
      throw new ServiceError('conflict', 'CAMPAIGN_EXISTS', `Campaign ${campaignId} already exists.`);
    // After the insert: a failure here leaves the schedule stored but unsent; PUT .../schedule sends it again.
    if (schedule.startsAt || schedule.endsAt) await this.sendSchedule(created);
    return created;
  }

  /**
   * A config through its plugin's schema (defaults filled; 400 invalid-config naming each field), refusing custom
   * events nobody declared (422).
   */
  /**
   * `onMismatch`: a create names its journey type in the same body, so a config of another shape is a bad request
   * (400); an update's config is checked against the type stored with the campaign, which the request's own schema
   * cannot state, so a mismatch there is 422.
   */
  private async checkedConfig(
    plugin: JourneyPlugin,
    config: unknown,
    onMismatch: 'invalid' | 'unprocessable' = 'invalid',
  ): Promise<unknown> {
    const parsed = plugin.configSchema.safeParse(config ?? {});
    if (!parsed.success) {
      throw new ServiceError(
        onMismatch,
        'INVALID_CONFIG',
        `The config does not match the ${plugin.type} journey's schema.`,
        parsed.error.issues.map((i) => ({
          path: ['config', ...issuePath(i.path)],
          message: i.message,
          code: i.code,
        })),
      );
    }
    const listensFor = plugin.customEventsOf?.(parsed.data) ?? [];
    if (listensFor.length > 0 && this.eventTypes) {
      const undeclared = new Set(
        await this.eventTypes.undeclared([...new Set(listensFor.map((r) => r.name))]),
      );
      const issues = listensFor
        .filter((r) => undeclared.has(r.name))
        .map((r) => ({ path: ['body', 'config', ...r.path], message: r.message, code: 'custom' }));
      if (issues.length > 0) {
        throw new ServiceError(
          'unprocessable',
          'UNDECLARED_EVENT_TYPE',
          `The config listens for custom events nobody declared (${[...undeclared].join(', ')}); declare them with PUT /v1/event-types/{name}.`,
          issues,
        );
      }
    }
    const attributeIssues = await attributeWriteIssues(
      plugin.attributesOf?.(parsed.data) ?? [],
      this.attributeTypes,
      ['body', 'config'],
    );
    if (attributeIssues.length > 0) {
      throw new ServiceError(
        'unprocessable',
        'INVALID_ATTRIBUTE_WRITE',
        `The config writes profile attributes the catalog refuses: ${attributeIssues.map((i) => i.message).join('; ')}.`,
        attributeIssues,
      );
    }
    return parsed.data;
  }

  /**
   * Replaces a draft's name and config (the journey editor saving a flow campaign it opened): checked as create checks
   * them; stored A/B variants are merged over the new config again. Only a draft may change (409 campaign-not-draft):
   * a launched campaign's journeys run the config they started with, so a change there is a new campaign.
   */
  async updateDraft(campaignId: string, req: { name?: string; config: unknown }): Promise<CampaignRecord> {
    return this.store.withLock(campaignId, async (locked) => {
      if (!locked) throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
      const { campaign } = locked;
      if (campaign.status !== 'draft') {
        throw new ServiceError(
          'conflict',
          'CAMPAIGN_NOT_DRAFT',
          `Campaign ${campaignId} is ${campaign.status}: only a draft's config may change (copy it as a new campaign).`,
        );
      }
      const plugin = findJourneyPlugin(campaign.journeyType)!;
      const config = await this.checkedConfig(plugin, req.config, 'unprocessable');
      // The draft keeps its audience: the new config must still fit it (segments it tests exist, something enters).
      await this.checkAudience(
        {
          ...(campaign.audience ? { audience: campaign.audience } : {}),
          enrolExisting: campaign.enrolExisting,
        },
        plugin,
        config,
      );
      let variants = campaign.variants;
      if (variants) {
        const resolved = resolveVariants(plugin, config, variants);
        if (resolved.issues.length > 0)
          throw new ServiceError(
            'invalid',
            'INVALID_VARIANTS',
            'The A/B variants do not fit the new config.',
            resolved.issues,
          );
        variants = resolved.variants;
      }
      return locked.updateDraft({ name: req.name ?? campaign.name, config, variants });
    });
  }

  /** The schedule a request asks for, merged over the current one, or a 422 naming the field that breaks a rule. */
  private checkedSchedule(req: ScheduleRequest, current: CampaignSchedule | null): CampaignSchedule {
    const issues = scheduleIssues(req, current, new Date());
    if (issues.length > 0) {
      throw new ServiceError('unprocessable', 'INVALID_SCHEDULE', issues[0]!.message, issues);
    }
    const pick = <K extends keyof CampaignSchedule>(key: K) =>
      req[key] === undefined ? (current?.[key] ?? null) : req[key];
    const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
    const timezone = pick('timezone');
    return {
      startsAt: iso(pick('startsAt')),
      endsAt: iso(pick('endsAt')),
      timezone: timezone === null ? null : canonicalTimeZone(timezone),
    };
  }

  private async sendSchedule(campaign: CampaignRecord): Promise<void> {
    await this.scheduling?.schedules.send(campaign.campaignId, {
      startsAt: campaign.startsAt,
      endsAt: campaign.endsAt,
    });
  }

  /**
   * Sets, changes or clears (nulls) a campaign's schedule; fields left out keep their value. Under the row lock, and
   * handed to the campaign's schedule workflow before the lock is let go, so the workflow gets concurrent changes in
   * the order they were stored. An ended campaign has no schedule left to change (409).
   */
  async setSchedule(campaignId: string, req: ScheduleRequest): Promise<CampaignRecord> {
    return this.store.withLock(campaignId, async (locked) => {
      if (!locked) throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
      if (locked.campaign.status === 'ended') {
        throw new ServiceError('conflict', 'CAMPAIGN_ENDED', `Campaign ${campaignId} has ended.`);
      }
      const updated = await locked.setSchedule(this.checkedSchedule(req, locked.campaign));
      await this.sendSchedule(updated);
      return updated;
    });
  }

  /**
   * Carries out a scheduled launch or end (the campaign-schedule workflow's activity), under the row lock: only a
   * draft launches and only a campaign not ended ends, and only while the stored instant is still the one planned.
   * Anything else is a no-op, so a manual launch or end before the instant, a retried attempt or a schedule changed
   * meanwhile never acts twice. What it does is audited with the actor `schedule`.
   */
  async runScheduled(campaignId: string, planned: ScheduledAction): Promise<ScheduledActionOutcome> {
    type Locked = { outcome: ScheduledActionOutcome; campaign?: CampaignRecord };
    const result = await this.store.withLock(campaignId, async (locked): Promise<Locked> => {
      if (!locked) return { outcome: { outcome: 'no-op', reason: 'not-found' } };
      const { campaign } = locked;
      const stored = planned.action === 'launch' ? campaign.startsAt : campaign.endsAt;
      if (stored === null || Date.parse(stored) !== Date.parse(planned.at)) {
        return {
          outcome: {
            outcome: 'no-op',
            reason: 'schedule-changed',
            stored: { startsAt: campaign.startsAt, endsAt: campaign.endsAt },
          },
        };
      }
      if (campaign.status === 'ended') return { outcome: { outcome: 'no-op', reason: 'already-ended' } };
      if (planned.action === 'end') {
        return { outcome: { outcome: 'ended' }, campaign: await locked.transition('ended') };
      }
      if (campaign.status !== 'draft') return { outcome: { outcome: 'no-op', reason: 'already-launched' } };
      try {
        return { outcome: { outcome: 'launched' }, campaign: await this.launchLocked(locked) };
      } catch (err) {
        if (err instanceof ServiceError && err.kind === 'unprocessable') {
          return { outcome: { outcome: 'refused', reason: err.code } };
        }
        throw err;
      }
    });
    if (result.campaign) {
      if (planned.action === 'launch') await this.afterLaunch(result.campaign);
      else await this.afterEnd(result.campaign);
      await this.scheduling?.audit.record({
        actorKeyId: 'schedule',
        actorName: 'schedule',
        operationId: `${planned.action}Campaign`,
        method: 'POST',
        resource: `/v1/campaigns/${campaignId}/${planned.action}`,
        status: 200,
        requestId: `schedule/${campaignId}/${planned.action}/${planned.at}`,
      });
    }
    return result.outcome;
  }

  async get(campaignId: string): Promise<CampaignRecord> {
    const campaign = await this.store.get(campaignId);
    if (!campaign) throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
    return campaign;
  }

  list(filter: { status?: CampaignStatus; journeyType?: string }): Promise<CampaignRecord[]> {
    return this.store.list(filter);
  }

  /** The campaigns oldest first, a page at a time. */
  async page(
    filter: { status?: CampaignStatus; journeyType?: string },
    page: CreationOrderPage,
  ): Promise<PageOf<CampaignRecord>> {
    return pageOrRefuse(await this.store.page(filter, page));
  }

  async launch(campaignId: string): Promise<CampaignRecord> {
    // Under the campaign's row lock: a budget top-up cannot change the budget between its allocation and the launch.
    const { launched, changed } = await this.store.withLock(campaignId, async (locked) => {
      if (!locked) throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
      const { campaign } = locked;
      if (campaign.status === 'launched') return { launched: campaign, changed: false };
      if (campaign.status === 'ended') {
        throw new ServiceError(
          'conflict',
          'CAMPAIGN_ENDED',
          `Campaign ${campaignId} has ended; it cannot launch again.`,
        );
      }
      return { launched: await this.launchLocked(locked), changed: true };
    });
    if (changed) await this.afterLaunch(launched);
    return launched;
  }

  /** Funds a locked draft or paused campaign from the program budget and marks it launched. */
  private async launchLocked(locked: LockedCampaign): Promise<CampaignRecord> {
    const { campaign } = locked;
    // Idempotent by key: a relaunch after a pause does not fund the campaign twice.
    await this.allocateFromProgram(
      campaign.campaignId,
      `campaign-budget/${campaign.campaignId}`,
      campaign.budget,
      `this campaign's budget of ${campaign.budget}`,
    );
    return locked.transition('launched');
  }

  /** What follows a launch once its transaction is done: events go to it, its campaign-level run starts. */
  private async afterLaunch(launched: CampaignRecord): Promise<void> {
    this.campaignsChanged();
    const plugin = findJourneyPlugin(launched.journeyType);
    if (plugin?.cardinality === 'campaign') {
      await this.journeys
        .startJourney(
          plugin,
          toRunning(launched),
          CAMPAIGN_JOURNEY_CUSTOMER,
          journeyWorkflowId(launched.campaignId, CAMPAIGN_JOURNEY_CUSTOMER),
        )
        .catch((err: Error) => {
          if (err.name !== 'WorkflowExecutionAlreadyStartedError') throw err;
        });
    }
    await this.enrolments?.launched(launched);
  }

  /**
   * Tops up a campaign's budget by `amount`, with a reason, under the campaign's row lock (a launch or an end waits for
   * it). A launched or paused campaign's budget is already open in the ledger: the program budget allocates the extra
   * there (ledger key = the change id); the change record and the campaign row follow in the same transaction as the
   * lock, once per change id.
   */
  async topUpBudget(
    campaignId: string,
    change: { amount: number; reason: string },
    actor: string,
    changeId = `bc_${randomBytes(8).toString('hex')}`,
  ): Promise<CampaignRecord> {
    return this.store.withLock(campaignId, async (locked) => {
      if (!locked) throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
      const { campaign } = locked;
      if (campaign.status === 'ended') {
        throw new ServiceError(
          'conflict',
          'CAMPAIGN_ENDED',
          `Campaign ${campaignId} has ended; its budget is closed.`,
        );
      }
      if (campaign.budget + change.amount > Number.MAX_SAFE_INTEGER) {
        throw new ServiceError(
          'unprocessable',
          'BUDGET_TOO_LARGE',
          'The budget would pass the largest safe amount.',
        );
      }
      if (campaign.status !== 'draft') {
        await this.allocateFromProgram(
          campaignId,
          `campaign-budget-top-up/${changeId}`,
          change.amount,
          `a top-up of ${change.amount}`,
        );
      }
      return locked.recordBudgetTopUp({ changeId, ...change, changedBy: actor });
    });
  }

  /**
   * Allocates `amount` of the program budget to the campaign's budget in the ledger, once per key. A key already used
   * (a relaunch after a pause, or a retry whose allocation is done; the request differs only by its asOf) means the
   * allocation stands.
   */
  private async allocateFromProgram(
    campaignId: string,
    idempotencyKey: string,
    amount: number,
    what: string,
  ) {
    try {
      await this.ledger.openCampaignBudget({
        idempotencyKey,
        campaignId,
        amount,
        asOf: new Date().toISOString(),
      });
    } catch (err) {
      if (isLedgerError(err, 'BUDGET_EXCEEDED')) {
        throw new ServiceError(
          'unprocessable',
          'PROGRAM_BUDGET_EXCEEDED',
          `The program budget cannot cover ${what}; fund the program first.`,
        );
      }
      if (!isLedgerError(err, 'IDEMPOTENCY_CONFLICT')) throw err;
    }
  }

  budgetChanges(campaignId: string) {
    return this.store.budgetChanges(campaignId);
  }

  async pause(campaignId: string): Promise<CampaignRecord> {
    const { changed, campaign } = await this.store.transition(campaignId, ['launched'], 'paused');
    this.campaignsChanged();
    if (!campaign) throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
    if (!changed && campaign.status !== 'paused') {
      throw new ServiceError(
        'conflict',
        'NOT_LAUNCHED',
        `Campaign ${campaignId} is ${campaign.status}, not launched.`,
      );
    }
    return campaign;
  }

  async end(campaignId: string): Promise<CampaignRecord> {
    const { changed, campaign } = await this.store.transition(
      campaignId,
      ['draft', 'launched', 'paused'],
      'ended',
    );
    this.campaignsChanged();
    if (!campaign) throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
    if (changed) await this.afterEnd(campaign);
    return campaign;
  }

  /** What follows an end: its campaign-level run and its customers' journeys are cancelled. */
  private async afterEnd(campaign: CampaignRecord): Promise<void> {
    this.campaignsChanged();
    if (findJourneyPlugin(campaign.journeyType)?.cardinality === 'campaign') {
      await this.journeys
        .cancel(journeyWorkflowId(campaign.campaignId, CAMPAIGN_JOURNEY_CUSTOMER))
        .catch(() => undefined);
    }
    await this.enrolments?.ended(campaign);
    // An ended campaign hears no more events; its long-lived journeys (dormancy watches, tiers, points) would
    // otherwise read the silence as dormancy and keep granting from the ended budget.
    await this.journeys.cancelCampaignJourneys(campaign.campaignId);
  }

  /**
   * Campaigns whose journeys receive customer events: launched ones start journeys, paused ones only signal. Kept for
   * `targetsTtlMs` (a failed read is not kept).
   */
  eventTargets(): Promise<RunningCampaign[]> {
    const now = Date.now();
    if (this.targetsCache && now - this.targetsCache.at < this.targetsTtlMs) return this.targetsCache.targets;
    const cache = { at: now, targets: this.readEventTargets() };
    this.targetsCache = cache;
    cache.targets.catch(() => {
      if (this.targetsCache === cache) this.targetsCache = undefined;
    });
    return cache.targets;
  }

  private async readEventTargets(): Promise<RunningCampaign[]> {
    const [launched, paused] = await Promise.all([
      this.store.list({ status: 'launched' }),
      this.store.list({ status: 'paused' }),
    ]);
    return [...launched.map(toRunning), ...paused.map((c) => ({ ...toRunning(c), startsJourneys: false }))];
  }
}

export function toRunning(c: CampaignRecord): RunningCampaign {
  return {
    campaignId: c.campaignId,
    journeyType: c.journeyType,
    config: c.config,
    startsJourneys: true,
    ...(c.exclusivityGroup ? { exclusivity: { group: c.exclusivityGroup, priority: c.priority } } : {}),
    ...(c.audience ? { audience: c.audience } : {}),
    ...(c.enrolExisting ? { enrolsAtLaunch: true } : {}),
    ...(c.variants?.length
      ? {
          variants: c.variants.map((v) => ({
            name: v.name,
            weight: v.weight,
            effectiveConfig: v.effectiveConfig,
          })),
        }
      : {}),
  };
}
