import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import type { ActivityDeps } from '../activities';
import type { Ledger } from '../ledger';
import { CampaignService } from '../services/campaigns';
import { EventRouter } from '../services/event-router';
import { SupportService } from '../services/support';
import { KpiService } from '../services/kpis';
import { CampaignAssignmentStore, CampaignStore } from '../stores/campaigns';
import { JourneyClient } from '../workflows/journey-client';
import type { ApiModule } from './platform/define-route';
import { counter } from './platform/metrics';
import { createCampaignsModule } from './routes/campaigns';
import { createEventsModule } from './routes/events';
import { createFinanceModule } from './routes/finance';
import { createJourneysModule } from './routes/journeys';
import { createKpisModule } from './routes/kpis';
import { loyaltyModuleFor } from './routes/loyalty';
import { createRedemptionsModule } from './routes/redemptions';
import { createSupportModule } from './routes/support';
import { createWalletModule } from './routes/wallet';

export interface ProductDeps {
  pool: Pool;
  ledger: Ledger;
  temporal: Client;
  taskQueue: string;
  registry: Registry;
  /** Outgoing mail of the API process (support alerts it raises itself, e.g. low stock). */
  mail?: ActivityDeps['mail'];
}

export interface ProductServices {
  journeys: JourneyClient;
  campaigns: CampaignService;
  router: EventRouter;
  support: SupportService;
}

/** The application services behind the API, wired once (also used by `npm start` to seed the demo). */
export function createProductServices(d: ProductDeps): ProductServices {
  const journeys = new JourneyClient(d.temporal, d.taskQueue, new CampaignAssignmentStore(d.pool));
  const campaignStore = new CampaignStore(d.pool);
  const campaigns = new CampaignService(campaignStore, d.ledger, journeys);
  const router = new EventRouter(d.pool, d.ledger, journeys, () => campaigns.eventTargets());
  const support = new SupportService(d.pool, campaignStore, journeys);
  return { journeys, campaigns, router, support };
}

/** Every product route module of the API. */
export function createProductModules(d: ProductDeps, services = createProductServices(d)): ApiModule[] {
  const delivered = counter(d.registry, {
    name: 'perkflow_journey_events_delivered_total',
    help: 'Customer events delivered to journeys (signal-with-start), by journey type.',
    labelNames: ['journey_type'],
  });
  return [
    createCampaignsModule(services.campaigns),
    createEventsModule(services.router, (journeyType) => delivered.inc({ journey_type: journeyType })),
    createSupportModule(services.support),
    createWalletModule(d.ledger),
    createRedemptionsModule(d.ledger),
    createFinanceModule(d.ledger),
    createJourneysModule(services.journeys),
    createKpisModule(new KpiService(d.pool, new CampaignStore(d.pool))),
    loyaltyModuleFor(d, services),
  ];
}
