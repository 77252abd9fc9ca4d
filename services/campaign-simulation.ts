import type {
  SimulationRequest,
  SimulationResponse,
  SimulationResult,
  SimulationTimeline,
} from '../contracts/simulation';
import { DEFAULT_SIMULATION_START, SIMULATION_LIMITS } from '../contracts/simulation';
import type { CampaignStore } from '../stores/campaigns';
import { findJourneyPlugin } from '../workflows/journeys/registry';
import type { JourneyPlugin } from '../workflows/shared/plugin';
import { issuePath, ServiceError } from './errors';
import type { EventCatalog } from './event-catalog';
import type { RunningCampaign } from './journey-client';
import { durationFrom } from './simulation-clock';

const DAY_MS = 86_400_000;
/** When no horizon is given: this long after the last event. */
export const DEFAULT_SIMULATION_TAIL_DAYS = 90;

/** The campaign as a simulation runs it: what a launch would start journeys with. */
export interface SimulatedCampaign {
  campaign: RunningCampaign;
  plugin: JourneyPlugin;
  /** The campaign's whole budget (a draft's is not allocated yet): the scratch ledger opens it in full. */
  budget: number;
}

/**
 * Runs timelines on the real journey code in isolation (simulation/ implements it: a pool of time-skipping servers
 * and scratch ledgers). Throws ServiceError `busy` when every environment is taken, `unavailable` when none can start,
 * `unprocessable` SIMULATION_TOO_LONG when a run outlives its wall-clock bound.
 */
export interface SimulationEngine {
  simulate(
    campaign: SimulatedCampaign,
    timelines: readonly SimulationTimeline[],
    run: { startAt: string; catalog: Pick<EventCatalog, 'check'> },
  ): Promise<SimulationResult[]>;
}

/**
 * `POST /v1/campaigns/{id}/simulate`: what the campaign's journey would do for given customers over months, before
 * (or after) launch, on the genuine workflow code; the real ledger, journeys and mail are never touched.
 */
export class CampaignSimulationService {
  constructor(
    private readonly campaigns: CampaignStore,
    private readonly catalog: Pick<EventCatalog, 'check'>,
    private readonly engine: SimulationEngine | undefined,
  ) {}

  async simulate(campaignId: string, request: SimulationRequest): Promise<SimulationResponse> {
    const record = await this.campaigns.get(campaignId);
    if (!record) throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
    const plugin = findJourneyPlugin(record.journeyType);
    if (!plugin) {
      throw new ServiceError(
        'unprocessable',
        'UNKNOWN_JOURNEY_TYPE',
        `Campaign ${campaignId} runs journey type ${record.journeyType}, which this server does not know.`,
      );
    }
    const takesRequests = plugin.type === 'compensation';
    if (plugin.startOn.length === 0 && plugin.cardinality !== 'campaign' && !takesRequests) {
      throw new ServiceError(
        'unprocessable',
        'SIMULATION_NOT_SUPPORTED',
        `${plugin.type} journeys start on an operator's request this simulation cannot make.`,
      );
    }
    request.timelines.forEach((timeline, i) =>
      timeline.events.forEach((entry, j) => {
        if ('pointsDispute' in entry && plugin.type !== 'points') {
          throw new ServiceError(
            'unprocessable',
            'NOT_A_POINTS_CAMPAIGN',
            'Only points campaigns take points disputes.',
            [
              {
                path: ['body', 'timelines', i, 'events', j, 'pointsDispute'],
                message: `${plugin.type} journeys do not review points disputes`,
                code: 'invalid_value',
              },
            ],
          );
        }
        if ('compensation' in entry && !takesRequests) {
          throw new ServiceError(
            'unprocessable',
            'NOT_A_COMPENSATION_CAMPAIGN',
            'Only compensation campaigns take requests.',
            [
              {
                path: ['body', 'timelines', i, 'events', j, 'compensation'],
                message: `${plugin.type} journeys start on customer events, not on compensation requests`,
                code: 'invalid_value',
              },
            ],
          );
        }
      }),
    );
    const variants = record.variants ?? [];
    for (const [i, timeline] of request.timelines.entries()) {
      if (timeline.variant !== undefined && !variants.some((v) => v.name === timeline.variant)) {
        throw new ServiceError(
          'unprocessable',
          'UNKNOWN_VARIANT',
          `No variant ${timeline.variant} in ${campaignId}.`,
          [
            {
              path: ['body', 'timelines', i, 'variant'],
              message: `must be one of: ${variants.map((v) => v.name).join(', ') || '(the campaign has no variants)'}`,
              code: 'invalid_value',
            },
          ],
        );
      }
      await this.checkCustomEvents(timeline, i);
    }
    const startAt = new Date(request.startAt ?? DEFAULT_SIMULATION_START).toISOString();
    request.timelines.forEach((timeline, i) => checkHorizon(timeline, i, startAt));
    if (!this.engine) {
      throw new ServiceError(
        'unavailable',
        'SIMULATION_DISABLED',
        'Simulations are switched off on this server (SIMULATION_POOL_SIZE=0).',
      );
    }
    // Through the plugin's schema, as a create does: a config stored otherwise (older rows, seeds) gets its defaults,
    // and one the schema refuses is refused here rather than failing inside the workflow until the wall clock ends it.
    const configOf = (config: unknown, path: (string | number)[]) => {
      const parsed = plugin.configSchema.safeParse(config ?? {});
      if (parsed.success) return parsed.data as unknown;
      throw new ServiceError(
        'unprocessable',
        'INVALID_CONFIG',
        `The stored config of ${campaignId} does not match the ${plugin.type} journey's schema.`,
        parsed.error.issues.map((i) => ({
          path: [...path, ...issuePath(i.path)],
          message: i.message,
          code: i.code,
        })),
      );
    };
    const campaign: RunningCampaign = {
      campaignId: record.campaignId,
      journeyType: record.journeyType,
      config: configOf(record.config, ['config']),
      startsJourneys: true,
      ...(variants.length
        ? {
            variants: variants.map((v, i) => ({
              name: v.name,
              weight: v.weight,
              effectiveConfig: configOf(v.effectiveConfig, ['variants', i, 'effectiveConfig']),
            })),
          }
        : {}),
    };
    const results = await this.engine.simulate(
      { campaign, plugin, budget: record.budget },
      request.timelines,
      { startAt, catalog: this.catalog },
    );
    return { campaignId: record.campaignId, journeyType: record.journeyType, startAt, results };
  }

  /** A custom event must be declared, with properties its schema accepts, exactly as on ingest. */
  private async checkCustomEvents(timeline: SimulationTimeline, timelineIndex: number): Promise<void> {
    for (const [j, entry] of timeline.events.entries()) {
      if (!('event' in entry) || entry.event.type !== 'custom') continue;
      const { event } = entry;
      try {
        await this.catalog.check({
          ...event,
          eventId: 'simulation-check',
          customerId: entry.customerId ?? timeline.profile.customerId,
        });
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err;
        const at = ['body', 'timelines', timelineIndex, 'events', j, 'event'];
        throw new ServiceError(
          err.kind,
          err.code,
          err.message,
          err.issues.map((issue) => ({
            ...issue,
            path: [...at, ...(issue.path[0] === 'body' ? issue.path.slice(1) : issue.path)],
          })),
        );
      }
    }
  }
}

/**
 * Where a timeline ends, in ms from the start: its horizon, or DEFAULT_SIMULATION_TAIL_DAYS after its last event.
 * Refuses (422 naming the field) a horizon before the last event and anything beyond SIMULATION_LIMITS.horizonDays.
 */
export function checkHorizon(timeline: SimulationTimeline, index: number, startAt: string): number {
  const limit = SIMULATION_LIMITS.horizonDays * DAY_MS;
  const refuse = (path: (string | number)[], message: string): never => {
    throw new ServiceError('unprocessable', 'SIMULATION_TOO_LONG', `Timeline ${index + 1}: ${message}.`, [
      { path: ['body', 'timelines', index, ...path], message, code: 'too_big' },
    ]);
  };
  let last = 0;
  timeline.events.forEach((entry, j) => {
    const offset = durationFrom(startAt, entry.at);
    if (offset > limit) refuse(['events', j, 'at'], `must be at most ${SIMULATION_LIMITS.horizonDays} days`);
    last = Math.max(last, offset);
  });
  if (timeline.horizon === undefined) return Math.min(limit, last + DEFAULT_SIMULATION_TAIL_DAYS * DAY_MS);
  const horizon = durationFrom(startAt, timeline.horizon);
  if (horizon > limit) refuse(['horizon'], `must be at most ${SIMULATION_LIMITS.horizonDays} days`);
  if (horizon < last) refuse(['horizon'], 'must not end before the last event');
  return horizon;
}
