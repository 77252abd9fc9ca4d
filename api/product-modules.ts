import type { Registry } from 'prom-client';
import type { ProductServices } from '../services/product-services';
import type { ApiModule } from './platform/define-route';
import { counter, gaugeReadAtScrape } from './platform/metrics';
import { createAdjustmentsModule } from './routes/adjustments';
import { createCampaignsModule } from './routes/campaigns';
import { createCodesModule } from './routes/codes';
import { createEventsModule } from './routes/events';
import { createEventTypesModule } from './routes/event-types';
import { createFinanceModule } from './routes/finance';
import { createJourneysModule } from './routes/journeys';
import { createJourneyTemplatesModule } from './routes/journey-templates';
import { createKpisModule } from './routes/kpis';
import { createLoyaltyModule } from './routes/loyalty';
import { createRedemptionsModule } from './routes/redemptions';
import { createReferralLinksModule } from './routes/referral-links';
import { createSupportModule } from './routes/support';
import { createWalletModule } from './routes/wallet';

/** Every product route module of the API, over the services wired by services/product-services.ts. */
export function createProductModules(services: ProductServices, registry: Registry): ApiModule[] {
  const delivered = counter(registry, {
    name: 'perkflow_journey_events_delivered_total',
    help: 'Customer events delivered to journeys (signal-with-start), by journey type.',
    labelNames: ['journey_type'],
  });
  gaugeReadAtScrape(
    registry,
    {
      name: 'perkflow_journeys_failed',
      help: 'Journeys that ended failed (a step failed for good), by journey type; read from the journey journal.',
      labelNames: ['journey_type'],
    },
    async () =>
      Object.entries(await services.failedJourneys.countByType()).map(([journeyType, value]) => ({
        labels: { journey_type: journeyType },
        value,
      })),
  );
  return [
    createCampaignsModule(services.campaigns),
    createEventsModule(services.router, (journeyType) => delivered.inc({ journey_type: journeyType })),
    createEventTypesModule(services.eventTypes),
    createSupportModule(services.support),
    createWalletModule(services.ledger),
    createRedemptionsModule(services.ledger, services.codes),
    createFinanceModule(services.ledger),
    createJourneysModule(services.journeys),
    createJourneyTemplatesModule(services.templates),
    createKpisModule(services.kpis),
    createLoyaltyModule(services.loyalty),
    createCodesModule(services.codes),
    createAdjustmentsModule(services.adjustments),
    createReferralLinksModule(services.referralLinks),
  ];
}
