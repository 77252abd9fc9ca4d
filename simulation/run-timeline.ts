import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import type { CustomerEvent } from '../contracts/customer-events';
import type { SimulationResult, SimulationTimeline, SimulationTimelineEntry } from '../contracts/simulation';
import type { z } from 'zod';
import { CAMPAIGN_JOURNEY_CUSTOMER } from '../services/campaigns';
import { checkHorizon, type SimulatedCampaign } from '../services/campaign-simulation';
import type { EventCatalog } from '../services/event-catalog';
import { ServiceError } from '../services/errors';
import { EventRouter } from '../services/event-router';
import { JourneyClient, type RunningCampaign } from '../services/journey-client';
import { openPointsDispute } from '../services/points-disputes';
import { durationFrom } from '../services/simulation-clock';
import { CampaignAssignmentStore } from '../stores/campaigns';
import { recordCustomerEvent } from '../stores/customers';
import { CustomerIdAttribute, journeyWorkflowId } from '../workflows/shared/definitions';
import type { JourneyPlugin } from '../workflows/shared/plugin';
import type { compensationJourney } from '../workflows/journeys/compensation/workflow';
import type { SimulationEnvironment } from './environment';
import { buildReport, type Delivery } from './report';
import { waitUntilQuiet } from './quiet';

const DAY_MS = 86_400_000;
/** After the last event, time moves in steps this long, so a journey that has ended stops the run early. */
const HORIZON_STEP_MS = 7 * DAY_MS;
/** The scratch budget a profile's existing credit is granted from. */
const PROFILE_CREDIT_BUDGET = 'simulation-profile-credit';

/** The run outlived its wall-clock bound; the environment is disposed by the caller. */
export class SimulationTimedOut extends Error {
  constructor(readonly wallMs: number) {
    super(`the simulation did not finish within ${wallMs} ms of real time`);
    this.name = 'SimulationTimedOut';
  }
}

/** When each timeline entry and the end happen, in ms from the start (the service validated both). */
function timelineOffsets(
  timeline: SimulationTimeline,
  startAt: string,
): { events: number[]; horizon: number } {
  return {
    events: timeline.events.map((e) => durationFrom(startAt, e.at)),
    horizon: checkHorizon(timeline, 0, startAt),
  };
}

/**
 * Runs one timeline on a fresh environment: the campaign's budget opened on the scratch ledger, the profile's history
 * recorded, then each event delivered at its offset through the product's own event router (the same planning,
 * A/B assignment and signal-with-start as on ingest), time skipped in between, and everything the journeys did
 * collected. Business time is the test server's clock when the start lies ahead of it (the clock is moved there);
 * otherwise the run's times are shifted back onto the requested start.
 */
export async function runTimeline(
  env: SimulationEnvironment,
  sim: SimulatedCampaign,
  timeline: SimulationTimeline,
  startAt: string,
  options: { catalog: Pick<EventCatalog, 'check'>; deadline: number; wallMs: number; currency: string },
): Promise<SimulationResult> {
  const { campaignId } = sim.campaign;
  const startMs = Date.parse(startAt);
  const checkDeadline = () => {
    if (Date.now() > options.deadline) throw new SimulationTimedOut(options.wallMs);
  };
  const skipTo = async (targetMs: number) => {
    const now = await env.now();
    if (targetMs <= now) return;
    checkDeadline();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SimulationTimedOut(options.wallMs)),
        Math.max(0, options.deadline - Date.now()),
      );
    });
    try {
      await Promise.race([env.skip(targetMs - now), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };

  const initialClock = await env.now();
  const clock: SimulationResult['clock'] = startMs >= initialClock ? 'exact' : 'shifted';
  if (clock === 'exact') await skipTo(startMs);
  const serverStart = await env.now();
  // Exact: the few milliseconds the clock ran past the start while locked; shifted: the whole distance.
  const shift = startMs - serverStart;
  const serverIso = (ms: number) => new Date(ms).toISOString();

  // The campaign's whole budget, as a launch would allocate it.
  if (sim.budget > 0) {
    await env.ledger.fundProgram({
      idempotencyKey: 'simulation-program-funding',
      amount: sim.budget,
      asOf: serverIso(serverStart),
    });
    await env.ledger.openCampaignBudget({
      idempotencyKey: `campaign-budget/${campaignId}`,
      campaignId,
      amount: sim.budget,
      asOf: serverIso(serverStart),
    });
  }

  const { profile } = timeline;
  const customerOf = (entry: SimulationTimeline['events'][number]) => entry.customerId ?? profile.customerId;
  const signsUpInTimeline = timeline.events.some(
    (e) => 'event' in e && e.event.type === 'signed_up' && customerOf(e) === profile.customerId,
  );
  // History facts first, on the profile only (journeys hear of none of them): contact, sign-up, past orders.
  if (profile.signedUpDaysAgo !== undefined || !signsUpInTimeline) {
    await recordCustomerEvent(env.db.pool, env.pii, {
      type: 'signed_up',
      eventId: 'simulation-profile-signed-up',
      customerId: profile.customerId,
      occurredAt: serverIso(serverStart - (profile.signedUpDaysAgo ?? 0) * DAY_MS - 1),
      email: profile.email,
      locale: profile.locale,
      ...(profile.phone ? { phone: profile.phone } : {}),
    });
  }
  for (const [i, order] of profile.orders.entries()) {
    await recordCustomerEvent(env.db.pool, env.pii, {
      type: 'order_placed',
      eventId: `simulation-profile-order-${i + 1}`,
      customerId: profile.customerId,
      occurredAt: serverIso(serverStart - order.daysAgo * DAY_MS),
      orderId: order.orderId ?? `simulation-past-order-${i + 1}`,
      amount: order.amount,
      categories: order.categories,
    });
  }

  // Credit already in the wallet, paid from a budget of its own (not the simulated campaign's).
  const seeded = profile.credit.reduce((sum, c) => sum + c.amount, 0);
  // Both fund the one scratch program budget: past one amount together, the run could only fail (as a 503).
  if (seeded > Number.MAX_SAFE_INTEGER - sim.budget) {
    const message = `the profile's credit and the campaign's budget together pass ${Number.MAX_SAFE_INTEGER} minor units`;
    throw new ServiceError('unprocessable', 'RULE_VIOLATED', message, [
      { path: ['body', 'profile', 'credit'], message, code: 'custom' },
    ]);
  }
  if (seeded > 0) {
    await env.ledger.fundProgram({
      idempotencyKey: 'simulation-profile-credit-funding',
      amount: seeded,
      asOf: serverIso(serverStart),
    });
    await env.ledger.openCampaignBudget({
      idempotencyKey: 'simulation-profile-credit-budget',
      campaignId: PROFILE_CREDIT_BUDGET,
      amount: seeded,
      asOf: serverIso(serverStart),
    });
    for (const [i, lot] of profile.credit.entries()) {
      await env.ledger.grantCredit({
        idempotencyKey: `simulation-profile-credit-${i + 1}`,
        campaignId: PROFILE_CREDIT_BUDGET,
        customerId: profile.customerId,
        amount: lot.amount,
        kind: 'cash',
        scope: { type: 'all' },
        stacking: 'stackable',
        expiresAt: serverIso(serverStart + lot.expiresInDays * DAY_MS),
        asOf: serverIso(serverStart - 1),
        source: { reason: 'credit in the wallet before the simulation' },
      });
    }
  }

  const started = new Set<string>();
  /** Per customer, the journeys started for them, latest last: a decision goes to the latest one still running. */
  const startedFor = new Map<string, string[]>();
  const track = (workflowId: string, customerId: string | undefined) => {
    started.add(workflowId);
    if (customerId) startedFor.set(customerId, [...(startedFor.get(customerId) ?? []), workflowId]);
  };
  const customerAttribute = (attributes: unknown) =>
    (attributes as { key: { name: string }; value: unknown }[] | undefined)?.find(
      (a) => a.key.name === CustomerIdAttribute.name,
    )?.value as string | undefined;
  const record: WorkflowClientInterceptor = {
    startWithDetails: (input, next) => (
      track(input.options.workflowId, customerAttribute(input.options.typedSearchAttributes)),
      next(input)
    ),
    signalWithStart: (input, next) => (
      track(input.options.workflowId, customerAttribute(input.options.typedSearchAttributes)),
      next(input)
    ),
  };
  const client = new Client({
    connection: env.server.connection,
    namespace: 'default',
    interceptors: { workflow: [record] },
  });
  const journeys = new JourneyClient(client, env.taskQueue, new CampaignAssignmentStore(env.db.pool));
  const campaign: RunningCampaign =
    timeline.variant !== undefined
      ? {
          ...sim.campaign,
          variants: (sim.campaign.variants ?? [])
            .filter((v) => v.name === timeline.variant)
            .map((v) => ({ ...v, weight: 1 })),
        }
      : sim.campaign;
  let current = serverStart;
  const router = new EventRouter(
    env.db.pool,
    env.pii,
    env.ledger,
    journeys,
    () => Promise.resolve([campaign]),
    options.catalog,
    1,
    undefined,
    () => new Date(current),
  );

  if (sim.plugin.cardinality === 'campaign') {
    await journeys.startJourney(
      sim.plugin,
      campaign,
      CAMPAIGN_JOURNEY_CUSTOMER,
      journeyWorkflowId(campaignId, CAMPAIGN_JOURNEY_CUSTOMER),
    );
  }

  /** Carries out one timeline entry now: an event through the router, a decision or a request to the journey. */
  const perform = async (
    entry: SimulationTimelineEntry,
    i: number,
    customerId: string,
  ): Promise<{ event: string; delivery: string }> => {
    if ('event' in entry) {
      const event = {
        ...entry.event,
        eventId: entry.eventId ?? `simulation-event-${i + 1}`,
        customerId,
        occurredAt: serverIso(current),
      } as CustomerEvent;
      // A refusal names the event's fields as a request body's; here they are this entry's (the engine adds which
      // timeline it is).
      const routed = await router.route(event).catch((err: unknown) => {
        throw err instanceof ServiceError ? err.locatedUnder(['body'], ['body', 'events', i, 'event']) : err;
      });
      return {
        event: event.type === 'custom' ? `custom:${event.name}` : event.type,
        delivery: routed.duplicate ? 'duplicate' : (routed.deliveries[0]?.delivery ?? 'not-applicable'),
      };
    }
    if ('decision' in entry) {
      const candidates = [...(startedFor.get(customerId) ?? [])].reverse();
      for (const workflowId of candidates) {
        const { status } = await client.workflow.getHandle(workflowId).describe();
        if (status.name !== 'RUNNING') continue;
        await journeys.signalApproval(workflowId, { decision: entry.decision, by: entry.by });
        return { event: `decision:${entry.decision}`, delivery: 'signalled' };
      }
      return { event: `decision:${entry.decision}`, delivery: 'not-running' };
    }
    if ('pointsDispute' in entry) {
      await openPointsDispute(journeys, campaign, customerId, {
        disputeId: `simulation-dispute-${i + 1}`,
        ...entry.pointsDispute,
      });
      return { event: 'points-dispute', delivery: 'delivered' };
    }
    const requestId = `simulation-request-${i + 1}`;
    await journeys.startJourney(
      sim.plugin as JourneyPlugin<z.ZodType, typeof compensationJourney>,
      campaign,
      customerId,
      `${journeyWorkflowId(campaignId, customerId)}/${requestId}`,
      { request: { requestId, ...entry.compensation } },
    );
    return { event: 'compensation-request', delivery: 'delivered' };
  };

  const offsets = timelineOffsets(timeline, startAt);
  const order = timeline.events.map((entry, i) => ({ entry, i, offset: offsets.events[i]! }));
  order.sort((a, b) => a.offset - b.offset || a.i - b.i);
  const deliveries: Delivery[] = [];
  for (const { entry, i, offset } of order) {
    await skipTo(serverStart + offset);
    checkDeadline();
    current = await env.now();
    const customerId = customerOf(entry);
    deliveries.push({
      atMs: current,
      customerId,
      ...(await perform(entry, i, customerId)),
    });
  }

  // Then on to the horizon, stopping early once every journey has ended. The work the last event started runs
  // before the first check, so a journey that ends on it is not carried a week further.
  await waitUntilQuiet(client, [...started], Math.max(500, options.deadline - Date.now()));
  const horizonAt = serverStart + offsets.horizon;
  let horizonReached = false;
  let endedAt: number | null;
  for (;;) {
    const now = await env.now();
    // No journey started: nothing is left to wake up (a campaign-level journey would be in `started`).
    endedAt = started.size === 0 ? now : await lastClose(client, started);
    if (endedAt !== null) break;
    if (now >= horizonAt) {
      horizonReached = true;
      break;
    }
    await skipTo(Math.min(horizonAt, now + HORIZON_STEP_MS));
  }
  await waitUntilQuiet(client, [...started], Math.max(500, options.deadline - Date.now()));
  checkDeadline();

  return buildReport({
    env,
    journeys,
    campaignId,
    workflowIds: [...started],
    customerIds: [...new Set([profile.customerId, ...timeline.events.map(customerOf)])],
    name: timeline.name ?? null,
    customerId: profile.customerId,
    variant: timeline.variant ?? null,
    startAt,
    // When the last journey ended, or the horizon.
    endMs: endedAt ?? (await env.now()),
    toBusiness: (ms) => ms + shift,
    clock,
    horizonReached,
    deliveries,
    currency: options.currency,
  });
}

/** When the last of the workflows closed (test-server ms), or null while one still runs. */
async function lastClose(client: Client, workflowIds: Iterable<string>): Promise<number | null> {
  let last = 0;
  for (const id of workflowIds) {
    const { status, closeTime } = await client.workflow.getHandle(id).describe();
    if (status.name === 'RUNNING') return null;
    last = Math.max(last, closeTime?.getTime() ?? 0);
  }
  return last;
}
