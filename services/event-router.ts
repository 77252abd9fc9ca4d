import type { Pool } from 'pg';
import type { Ledger } from '../ledger';
import { isLedgerError } from '../ledger/errors';
import { recordCustomerEvent } from '../stores/customers';
import type { EventCatalog } from './event-catalog';
import type { EventDelivery, JourneyClient, RunningCampaign } from './journey-client';
import { findJourneyPlugin } from '../workflows/journeys/registry';
import type { CustomerEvent } from '../contracts/customer-events';

export interface EventRouting {
  duplicate: boolean;
  /** Credit given back to the customer because a refunded order had redeemed it. */
  creditRestored: number;
  deliveries: { campaignId: string; journeyType: string; delivery: EventDelivery }[];
}

/**
 * Turns one storefront event into journey signals: records it on the customer's profile (once per eventId), then
 * hands it to every launched campaign whose journey type starts on or listens to it. A redelivered event is
 * delivered again (journeys ignore event ids they have seen), so a failure halfway is healed by a retry.
 */
export class EventRouter {
  private cached: { at: number; campaigns: Promise<RunningCampaign[]> } | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly ledger: Ledger,
    private readonly journeys: JourneyClient,
    private readonly launchedCampaigns: () => Promise<RunningCampaign[]>,
    /** Custom events are checked against it before anything is written. */
    private readonly catalog: Pick<EventCatalog, 'check'>,
    /**
     * How long the list of launched campaigns is reused. Every event needs it, it changes rarely, and a launch or
     * pause taking effect that much later is acceptable where events are hot; 0 (the default) turns the cache off.
     */
    private readonly campaignsTtlMs = 0,
  ) {}

  private targets(): Promise<RunningCampaign[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= this.campaignsTtlMs) {
      const campaigns = this.launchedCampaigns();
      this.cached = { at: now, campaigns };
      campaigns.catch(() => (this.cached = undefined));
    }
    return this.cached.campaigns;
  }

  async route(event: CustomerEvent): Promise<EventRouting> {
    if (event.type === 'custom') await this.catalog.check(event);
    const [{ duplicate }, targets] = await Promise.all([
      recordCustomerEvent(this.pool, event),
      this.targets(),
    ]);
    let creditRestored = 0;
    if (event.type === 'order_refunded')
      creditRestored = await this.restoreCreditOf(event.orderId, event.eventId);
    const deliveries: EventRouting['deliveries'] = [];
    for (const campaign of targets) {
      const plugin = findJourneyPlugin(campaign.journeyType);
      if (!plugin || (!plugin.startOn.includes(event.type) && !plugin.signalOn.includes(event.type)))
        continue;
      const delivery = await this.journeys.deliver(plugin, campaign, event);
      if (delivery === 'not-applicable') continue;
      deliveries.push({ campaignId: campaign.campaignId, journeyType: campaign.journeyType, delivery });
    }
    return { duplicate, creditRestored, deliveries };
  }

  /** A refunded order gives back the credit redeemed on it (once: keyed by the order). */
  private async restoreCreditOf(orderId: string, eventId: string): Promise<number> {
    try {
      const reversed = await this.ledger.reverseRedemption({
        idempotencyKey: `order-refund/${orderId}`,
        orderId,
        asOf: new Date().toISOString(),
        reason: `order refunded (event ${eventId})`,
      });
      return reversed.total;
    } catch (err) {
      if (isLedgerError(err, 'NOT_FOUND', 'ALREADY_REVERSED', 'IDEMPOTENCY_CONFLICT')) return 0;
      throw err;
    }
  }
}
