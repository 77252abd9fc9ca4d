import type { Pool } from 'pg';
import { recordCustomerEvent } from '../stores/customers';
import type { EventDelivery, JourneyClient, RunningCampaign } from '../workflows/journey-client';
import { findJourneyPlugin } from '../workflows/journeys/registry';
import type { CustomerEvent } from '../workflows/shared/customer-events';

export interface EventRouting {
  duplicate: boolean;
  deliveries: { campaignId: string; journeyType: string; delivery: EventDelivery }[];
}

/**
 * Turns one storefront event into journey signals: records it on the customer's profile (once per eventId), then
 * hands it to every launched campaign whose journey type starts on or listens to it. A redelivered event is
 * delivered again (journeys ignore event ids they have seen), so a failure halfway is healed by a retry.
 */
export class EventRouter {
  constructor(
    private readonly pool: Pool,
    private readonly journeys: JourneyClient,
    private readonly launchedCampaigns: () => Promise<RunningCampaign[]>,
  ) {}

  async route(event: CustomerEvent): Promise<EventRouting> {
    const { duplicate } = await recordCustomerEvent(this.pool, event);
    const deliveries: EventRouting['deliveries'] = [];
    for (const campaign of await this.launchedCampaigns()) {
      const plugin = findJourneyPlugin(campaign.journeyType);
      if (!plugin || (!plugin.startOn.includes(event.type) && !plugin.signalOn.includes(event.type)))
        continue;
      const delivery = await this.journeys.deliver(plugin, campaign, event);
      deliveries.push({ campaignId: campaign.campaignId, journeyType: campaign.journeyType, delivery });
    }
    return { duplicate, deliveries };
  }
}
