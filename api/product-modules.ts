import type { Registry } from 'prom-client';
import type { ProductServices } from '../services/product-services';
import type { ApiModule } from './platform/define-route';
import type { Backpressure } from './platform/backpressure';
import { counter, gauge, gaugeReadAtScrape } from './platform/metrics';
import { createAdjustmentsModule } from './routes/adjustments';
import { createAttributeTypesModule } from './routes/attribute-types';
import { createCampaignsModule } from './routes/campaigns';
import { createCodesModule } from './routes/codes';
import { createCustomerAttributesModule } from './routes/customer-attributes';
import { createCustomersModule } from './routes/customers';
import { createCustomerDataModule } from './routes/customer-data';
import { createEventsModule } from './routes/events';
import { createEventTypesModule } from './routes/event-types';
import { createFinanceModule } from './routes/finance';
import { createJourneysModule } from './routes/journeys';
import { createJourneyDefinitionsModule } from './routes/journey-definitions';
import { createJourneyTemplatesModule } from './routes/journey-templates';
import { createKpisModule } from './routes/kpis';
import { createLoyaltyModule } from './routes/loyalty';
import { createPointsEconomicsModule } from './routes/points-economics';
import { createRedemptionsModule } from './routes/redemptions';
import { createSimulationsModule } from './routes/simulations';
import { createReferralLinksModule } from './routes/referral-links';
import { createSegmentsModule } from './routes/segments';
import { createSupportModule } from './routes/support';
import { createWalletModule } from './routes/wallet';

/** Every product route module of the API, over the services wired by services/product-services.ts. */
export function createProductModules(
  services: ProductServices,
  registry: Registry,
  backpressure?: Backpressure,
): ApiModule[] {
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
  const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? NaN : ms / 1000);
  const lagGauge = (name: string, help: string, read: () => number) =>
    gauge(registry, {
      name,
      help,
      collect() {
        this.set(read());
      },
    });
  lagGauge(
    'perkflow_journey_lag_seconds',
    'How far journeys are behind, as backpressure reads it: first-step wait of new journeys, task-queue backlog ages (NaN: unknown).',
    () => seconds(services.lag.current()?.lagMs),
  );
  lagGauge(
    'perkflow_task_queue_backlog_age_seconds',
    'Age of the oldest task waiting on the journeys task queue (NaN: unknown).',
    () => seconds(services.lag.current()?.backlogAgeMs),
  );
  lagGauge(
    'perkflow_task_queue_backlog_tasks',
    'Tasks waiting on the journeys task queue, workflow and activity (NaN: unknown).',
    () => services.lag.current()?.backlogCount ?? NaN,
  );
  lagGauge(
    'perkflow_campaign_queue_backlog_age_seconds',
    'Age of the oldest task waiting on the campaign-level task queue: schedules, enrolments (NaN: unknown or not watched).',
    () => seconds(services.lag.current()?.campaignBacklogAgeMs),
  );
  lagGauge(
    'perkflow_journey_first_step_wait_seconds',
    'How long a recently started journey waited (or is waiting) for its first step (NaN: none sampled).',
    () => seconds(services.lag.current()?.firstStepWaitMs),
  );
  return [
    createCampaignsModule(services.campaigns),
    createEventsModule(
      services.router,
      (journeyType) => delivered.inc({ journey_type: journeyType }),
      backpressure,
    ),
    createEventTypesModule(services.eventTypes),
    createSupportModule(services.support),
    createWalletModule(services.ledger),
    createRedemptionsModule(services.ledger, services.codes),
    createFinanceModule(services.ledger),
    createPointsEconomicsModule(services.ledger, services.campaigns),
    createJourneysModule(services.journeys),
    createJourneyTemplatesModule(services.templates),
    createJourneyDefinitionsModule(services.journeyDefinitions),
    createKpisModule(services.kpis),
    createLoyaltyModule(services.loyalty),
    createCodesModule(services.codes),
    createAdjustmentsModule(services.adjustments),
    createReferralLinksModule(services.referralLinks),
    createSimulationsModule(services.simulations),
    createCustomersModule(services.customers, services.journeyOverview),
    createCustomerDataModule(services.customerData),
    createAttributeTypesModule(services.attributeTypes),
    createCustomerAttributesModule(services.customerProfiles),
    createSegmentsModule(services.segments),
  ];
}
