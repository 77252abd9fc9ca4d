import type { Pool } from 'pg';
import type { Ledger } from '../ledger';
import { isLedgerError } from '../ledger/errors';
import { mapBounded } from '../lib/bounded-map';
import { recordCustomerEvent, RefundExceedsOrderError, SpendOutOfRangeError } from '../stores/customers';
import { ServiceError } from './errors';
import { ExclusivityStore, type ExclusivityEntry } from '../stores/exclusivity';
import { clearOpenOccurrence, openOccurrencesOf } from '../stores/open-occurrences';
import type { PersonalDataProtection } from '../stores/personal-data';
import type { AudienceMembership } from './audience-membership';
import type { EventCatalog } from './event-catalog';
import type { JourneyStartObserver } from './journey-lag';
import {
  planDelivery,
  type DeliveryPlan,
  type EventDelivery,
  type JourneyClient,
  type RunningCampaign,
} from './journey-client';
import { findJourneyPlugin } from '../workflows/journeys/registry';
import { journeyWorkflowId } from '../workflows/shared/definitions';
import type { CustomerEvent } from '../contracts/customer-events';

export interface EventRouting {
  duplicate: boolean;
  /** Credit given back to the customer because a refunded order had redeemed it. */
  creditRestored: number;
  /** `occurrence`: the local date of a date/calendar entry's journey (a customer may have several open). */
  deliveries: { campaignId: string; journeyType: string; delivery: EventDelivery; occurrence?: string }[];
}

/** Deliveries of one event in flight at once: each is a Temporal round trip; the dev server serves several at once. */
export const DEFAULT_DELIVERY_CONCURRENCY = 8;

/**
 * Turns one storefront event into journey signals: records it on the customer's profile (once per eventId), then
 * hands it to every campaign whose journey type starts on or listens to it. A redelivered event is delivered again
 * (journeys ignore event ids they have seen), so a failure halfway is healed by a retry.
 *
 * Every campaign's delivery is planned once per event before any is sent (which journeys start, which only hear it,
 * which the event does not concern: those cost no Temporal call), then the planned ones go out concurrently, at most
 * `concurrency` at a time: one after another, an order that starts four journeys and signals two waited for six round
 * trips in a row.
 */
export class EventRouter {
  private readonly exclusivity: ExclusivityStore;

  constructor(
    private readonly pool: Pool,
    private readonly pii: PersonalDataProtection,
    private readonly ledger: Ledger,
    private readonly journeys: JourneyClient,
    /** The campaigns events go to (CampaignService.eventTargets keeps them cached briefly). */
    private readonly targets: () => Promise<RunningCampaign[]>,
    /** Custom events are checked against it before anything is written. */
    private readonly catalog: Pick<EventCatalog, 'check'>,
    private readonly concurrency = DEFAULT_DELIVERY_CONCURRENCY,
    /** Told of every journey an event started, so the lag monitor can watch how long its first step waits. */
    private readonly starts?: JourneyStartObserver,
    /** Business time of the ledger writes the router makes itself (a simulation's is its test server's clock). */
    private readonly clock: () => Date = () => new Date(),
    /** Who is in the campaigns' audiences; without it an audience lets everyone in. */
    private readonly audiences?: Pick<AudienceMembership, 'of'>,
  ) {
    this.exclusivity = new ExclusivityStore(pool);
  }

  async route(event: CustomerEvent): Promise<EventRouting> {
    if (event.type === 'custom') await this.catalog.check(event);
    const [{ duplicate, differs }, targets] = await Promise.all([
      recordCustomerEvent(this.pool, this.pii, event).catch((err: unknown) => {
        if (err instanceof SpendOutOfRangeError)
          throw new ServiceError('unprocessable', 'SPEND_OUT_OF_RANGE', err.message, [
            { path: ['body', 'amount'], message: err.message, code: 'too_big' },
          ]);
        if (err instanceof RefundExceedsOrderError)
          throw new ServiceError('unprocessable', 'REFUND_EXCEEDS_ORDER', err.message, [
            { path: ['body', 'amount'], message: err.message, code: 'too_big' },
          ]);
        throw err;
      }),
      this.targets(),
    ]);
    // The same eventId with other content is a client bug that would otherwise lose the second event silently.
    if (differs)
      throw new ServiceError(
        'conflict',
        'EVENT_ID_REUSED',
        `eventId ${event.eventId} was recorded with other content; a new event needs a new eventId`,
      );
    // Before the journeys hear of the refund: what they do about it may read the restored balance.
    const creditRestored =
      event.type === 'order_refunded'
        ? await this.restoreCreditOf(event.orderId, event.eventId, event.amount)
        : 0;
    const planned = targets.flatMap((campaign) => {
      const plugin = findJourneyPlugin(campaign.journeyType);
      if (!plugin) return [];
      const plan = planDelivery(plugin, campaign, event);
      return plan.action === 'skip' ? [] : [plan];
    });
    const plans = await this.withinAudiences(await this.toOpenOccurrences(planned, event), event);
    // Before any journey starts, so a grant of either always sees who it competes with for this event.
    await this.exclusivity.recordEntries(rivalEntries(plans, event));
    const outcomes = await mapBounded(plans, this.concurrency, async (plan) => {
      const outcome = await this.journeys.perform(plan, event);
      // An occurrence journey that has ended since: forgotten, so the next event costs no signal.
      if (outcome === 'not-running' && plan.action === 'signal' && plan.workflowId)
        await clearOpenOccurrence(this.pool, event.customerId, plan.campaign.campaignId, plan.workflowId);
      if (outcome === 'delivered' && plan.action === 'start')
        this.starts?.journeyStarted(journeyWorkflowId(plan.campaign.campaignId, event.customerId));
      return outcome;
    });
    const deliveries: EventRouting['deliveries'] = plans.map((plan, i) => {
      const occurrence = occurrenceOf(plan, event.customerId);
      return {
        campaignId: plan.campaign.campaignId,
        journeyType: plan.campaign.journeyType,
        delivery: outcomes[i]!,
        ...(occurrence ? { occurrence } : {}),
      };
    });
    return { duplicate, creditRestored, deliveries };
  }

  /**
   * Campaigns whose journeys run per occurrence (a flow's date or calendar entry) hear an event in the customer's open
   * occurrence journey: one indexed read per event, and only when a campaign that listens to it is one of them
   * (signalsFor already skipped those whose definition waits for no event and has no exit rule).
   */
  private async toOpenOccurrences(plans: DeliveryPlan[], event: CustomerEvent): Promise<DeliveryPlan[]> {
    const perOccurrence = (p: DeliveryPlan) =>
      p.action === 'signal' && p.plugin.occurrenceJourneys?.(p.campaign.config) === true;
    const asked = plans.filter(perOccurrence).map((p) => p.campaign.campaignId);
    if (asked.length === 0) return plans;
    const open = await openOccurrencesOf(this.pool, event.customerId, asked);
    return plans.flatMap((p) => {
      if (!perOccurrence(p)) return [p];
      const occurrences = (open.get(p.campaign.campaignId) ?? []).map((workflowId) => ({ ...p, workflowId }));
      // A journey its launch enrolment started (the usual id) hears it too, occurrences open or not.
      return p.campaign.enrolsAtLaunch ? [p, ...occurrences] : occurrences;
    });
  }

  /**
   * Audiences, once per event: the customer's membership in every audience of a campaign this event would start a
   * journey of is read in one go (nothing when none has one); outside a campaign's audience the event starts nothing
   * there, and is delivered as it would be to a paused campaign (its running journeys still hear it).
   */
  private async withinAudiences(plans: DeliveryPlan[], event: CustomerEvent): Promise<DeliveryPlan[]> {
    const asked = plans.flatMap((p) =>
      p.action === 'start' && p.campaign.audience ? [p.campaign.audience] : [],
    );
    if (asked.length === 0 || !this.audiences) return plans;
    const inside = await this.audiences.of(event.customerId, asked, this.clock().toISOString());
    return plans.flatMap((p) => {
      if (p.action !== 'start' || !p.campaign.audience || inside.has(p.campaign.audience)) return [p];
      const outside = planDelivery(p.plugin, { ...p.campaign, startsJourneys: false }, event);
      return outside.action === 'skip' ? [] : [outside];
    });
  }

  /**
   * A refunded order gives back the credit redeemed on it: a refund of part of the order (`amount`, in the order's
   * own terms) gives back that share, one without an amount the rest (ledger/reverse.ts has the rules). Keyed by the
   * refund event, so a redelivered event counts once and every other refund of the order counts on its own.
   */
  private async restoreCreditOf(
    orderId: string,
    eventId: string,
    amount: number | undefined,
  ): Promise<number> {
    try {
      const reversed = await this.ledger.reverseRedemption({
        idempotencyKey: `order-refund/${orderId}/${eventId}`,
        orderId,
        ...(amount !== undefined && amount > 0 ? { refundedAmount: amount } : {}),
        asOf: this.clock().toISOString(),
        reason: `order refunded (event ${eventId})`,
      });
      // What the customer has back in the wallet: a clawed-back lot's share goes on to the budget.
      return reversed.givenBackToWallet ?? reversed.givenBack;
    } catch (err) {
      if (isLedgerError(err, 'NOT_FOUND', 'ALREADY_REVERSED', 'IDEMPOTENCY_CONFLICT')) return 0;
      throw err;
    }
  }
}

/** The occurrence date of a plan aimed at an occurrence journey (`journey/<campaign>/<customer>/<date>`). */
function occurrenceOf(plan: DeliveryPlan, customerId: string): string | undefined {
  if (plan.action !== 'signal' || !plan.workflowId) return undefined;
  const base = journeyWorkflowId(plan.campaign.campaignId, customerId);
  return plan.workflowId.startsWith(`${base}/`) ? plan.workflowId.slice(base.length + 1) : undefined;
}

/**
 * The journeys an event starts in two or more campaigns of one exclusivity group: their priorities decide which of
 * them may pay the customer (stores/exclusivity.ts). A group with one campaign starting needs no entry.
 */
function rivalEntries(plans: readonly DeliveryPlan[], event: CustomerEvent): ExclusivityEntry[] {
  const byGroup = new Map<string, ExclusivityEntry[]>();
  for (const plan of plans) {
    const exclusivity = plan.campaign.exclusivity;
    if (plan.action !== 'start' || !exclusivity) continue;
    const entries = byGroup.get(exclusivity.group) ?? [];
    entries.push({
      group: exclusivity.group,
      customerId: event.customerId,
      eventId: event.eventId,
      campaignId: plan.campaign.campaignId,
      priority: exclusivity.priority,
    });
    byGroup.set(exclusivity.group, entries);
  }
  return [...byGroup.values()].filter((entries) => entries.length > 1).flat();
}
