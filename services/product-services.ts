import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { MailSettings } from '../email/mail-settings';
import type { Ledger } from '../ledger';
import type { PersonalDataProtection } from '../stores/personal-data';
import { ApiKeyStore } from '../stores/api-keys';
import { AttributeTypeStore } from '../stores/attribute-types';
import { AuditLogStore } from '../stores/audit-log';
import { CampaignAssignmentStore, CampaignStore } from '../stores/campaigns';
import { EventTypeStore } from '../stores/event-types';
import { IdempotencyStore } from '../stores/idempotency';
import { ManualAdjustmentStore } from '../stores/manual-adjustments';
import { PromotionCodeStore } from '../stores/promotion-codes';
import { SegmentStore } from '../stores/segments';
import { AttributeCatalog } from './attribute-catalog';
import { CampaignScheduleClient } from './campaign-schedule-client';
import { CampaignService, toRunning } from './campaigns';
import { EnrolmentClient } from './enrolment-client';
import { EnrolmentService } from './enrolment';
import { AudienceMembership } from './audience-membership';
import { CampaignSimulationService, type SimulationEngine } from './campaign-simulation';
import { CustomerService } from './customers';
import { CustomerDataService } from './customer-data';
import { CustomerProfiles } from './customer-profiles';
import { EventCatalog } from './event-catalog';
import { DEFAULT_DELIVERY_CONCURRENCY, EventRouter } from './event-router';
import { FailedJourneys } from './failed-journeys';
import { JourneyDefinitionValidator } from './journey-definitions';
import { JourneyTemplates } from './journey-templates';
import { JourneyClient } from './journey-client';
import { JourneyLagMonitor } from './journey-lag';
import { JourneyOverview } from './journey-overview';
import { KpiService } from './kpis';
import { LoyaltyService } from './loyalty';
import { ManualAdjustmentService } from './manual-adjustments';
import { PromotionCodeService } from './promotion-codes';
import { ReferralLinkService } from './referral-links';
import { SegmentService } from './segments';
import { RewardFulfilmentService } from './reward-fulfilment';
import { SupportService } from './support';
import { temporalUiLinks, type TemporalUiSettings } from './temporal-ui';

export interface ProductDeps {
  pool: Pool;
  ledger: Ledger;
  /** Keys of customers' personal data (sealed at rest, matched by keyed hash). */
  pii: PersonalDataProtection;
  temporal: Client;
  taskQueue: string;
  /** Where campaign-level workflows (schedule, enrolment, calendar) run (CAMPAIGN_TASK_QUEUE); default: taskQueue. */
  campaignTaskQueue?: string;
  /** Outgoing mail of the API process (support alerts it raises itself, e.g. low stock). */
  mail?: MailSettings;
  /** Manual credit adjustments at or above this amount (minor units) need a second person's approval. */
  adjustmentApprovalThreshold?: number;
  /** The storefront's invitation URL a referrer's share code is appended to. */
  referralLinkBase?: string;
  /** How long the campaigns events go to are reused (launch/pause/end here refresh them at once). */
  campaignTargetsTtlMs?: number;
  /** Deliveries of one event to its journeys in flight at once. */
  deliveryConcurrency?: number;
  /** Journey starts of one enrolment page in flight at once. */
  enrolmentConcurrency?: number;
  /** How many days back a relaunch catches up occurrences missed while paused (FLOW_CATCH_UP_DAYS; 0: none). */
  occurrenceCatchUpDays?: number;
  /** Runs campaign simulations (simulation/); none: simulations answer 503. */
  simulationEngine?: SimulationEngine;
  /** The Temporal Web UI the console links into (journeys of a customer, of a campaign); none: no links. */
  temporalUi?: TemporalUiSettings;
}

/** Long enough to spare the read on a busy event stream, short enough that another process's launch shows quickly. */
export const DEFAULT_CAMPAIGN_TARGETS_TTL_MS = 2_000;

/** The application services behind the API, wired once (also used by `npm start` to seed the demo). */
export interface ProductServices {
  ledger: Ledger;
  journeys: JourneyClient;
  failedJourneys: FailedJourneys;
  campaigns: CampaignService;
  router: EventRouter;
  eventTypes: EventCatalog;
  templates: JourneyTemplates;
  /** Checks a flow definition as campaign create would (the console's journey editor asks it on every change). */
  journeyDefinitions: JourneyDefinitionValidator;
  /** How far journeys are behind (sampled by whoever runs it: api/server.ts starts its timer). */
  lag: JourneyLagMonitor;
  support: SupportService;
  kpis: KpiService;
  loyalty: LoyaltyService;
  codes: PromotionCodeService;
  adjustments: ManualAdjustmentService;
  referralLinks: ReferralLinkService;
  simulations: CampaignSimulationService;
  /** Customer 360: profile and every journey of a customer. */
  customers: CustomerService;
  /** Journeys per campaign and state, for ops. */
  journeyOverview: JourneyOverview;
  /** The data subject's rights: erasure and export of everything held about a customer. */
  customerData: CustomerDataService;
  /** The catalog of typed profile attributes (built in and declared). */
  attributeTypes: AttributeCatalog;
  /** Writes to customers' profile attributes. */
  customerProfiles: CustomerProfiles;
  /** Saved audiences and who they hold. */
  segments: SegmentService;
}

/** Where the API platform keeps its keys and replayable answers. */
export interface PlatformStores {
  apiKeys: ApiKeyStore;
  idempotency: IdempotencyStore;
  audit: AuditLogStore;
}

/** Where share links point unless configured (REFERRAL_LINK_BASE). */
export const DEFAULT_REFERRAL_LINK_BASE = 'https://shop.example/invite?ref=';

/**
 * The campaign service over its stores, as the API and the worker (whose campaign-schedule activity launches and ends
 * campaigns through it) both build it.
 */
export function createCampaignService(
  d: Pick<
    ProductDeps,
    | 'pool'
    | 'ledger'
    | 'temporal'
    | 'taskQueue'
    | 'campaignTaskQueue'
    | 'campaignTargetsTtlMs'
    | 'enrolmentConcurrency'
    | 'occurrenceCatchUpDays'
  >,
  journeys = new JourneyClient(d.temporal, d.taskQueue, new CampaignAssignmentStore(d.pool)),
  eventTypes = new EventCatalog(new EventTypeStore(d.pool)),
  store = new CampaignStore(d.pool),
): CampaignService {
  return new CampaignService(
    store,
    d.ledger,
    journeys,
    eventTypes,
    d.campaignTargetsTtlMs ?? DEFAULT_CAMPAIGN_TARGETS_TTL_MS,
    {
      schedules: new CampaignScheduleClient(d.temporal, d.campaignTaskQueue ?? d.taskQueue),
      audit: new AuditLogStore(d.pool),
    },
    new AttributeCatalog(new AttributeTypeStore(d.pool)),
    new EnrolmentService(
      d.pool,
      store,
      journeys,
      new EnrolmentClient(d.temporal, d.campaignTaskQueue ?? d.taskQueue),
      toRunning,
      d.enrolmentConcurrency,
      d.occurrenceCatchUpDays,
    ),
  );
}

/** The one place services meet their stores: the API sees services, never SQL. */
export function createProductServices(d: ProductDeps): ProductServices {
  const journeys = new JourneyClient(d.temporal, d.taskQueue, new CampaignAssignmentStore(d.pool));
  const campaignStore = new CampaignStore(d.pool);
  const eventTypes = new EventCatalog(new EventTypeStore(d.pool));
  const lag = new JourneyLagMonitor(d.temporal, d.taskQueue, undefined, d.campaignTaskQueue);
  const campaigns = createCampaignService(d, journeys, eventTypes, campaignStore);
  const router = new EventRouter(
    d.pool,
    d.pii,
    d.ledger,
    journeys,
    () => campaigns.eventTargets(),
    eventTypes,
    d.deliveryConcurrency ?? DEFAULT_DELIVERY_CONCURRENCY,
    lag,
    undefined,
    new AudienceMembership(d.pool),
  );
  const fulfilments = new RewardFulfilmentService({
    pool: d.pool,
    pii: d.pii,
    ledger: d.ledger,
    ...(d.mail ? { mail: d.mail } : {}),
  });
  const support = new SupportService(d.pool, campaignStore, journeys, (taskId, status) =>
    fulfilments.taskClosed(taskId, status),
  );
  const codeStore = new PromotionCodeStore(d.pool);
  const kpis = new KpiService(d.pool, campaignStore, codeStore);
  const loyalty = new LoyaltyService({
    pool: d.pool,
    ledger: d.ledger,
    campaigns: campaignStore,
    journeys,
    fulfilments,
    ...(d.mail ? { mail: d.mail } : {}),
  });
  const codes = new PromotionCodeService(codeStore, campaignStore, d.ledger);
  const temporalUi = temporalUiLinks(d.temporalUi);
  const attributeTypes = new AttributeCatalog(new AttributeTypeStore(d.pool));
  return {
    ledger: d.ledger,
    journeys,
    failedJourneys: new FailedJourneys(d.pool),
    campaigns,
    router,
    lag,
    eventTypes,
    templates: new JourneyTemplates(),
    journeyDefinitions: new JourneyDefinitionValidator(eventTypes, attributeTypes),
    support,
    kpis,
    loyalty,
    codes,
    adjustments: new ManualAdjustmentService(
      new ManualAdjustmentStore(d.pool),
      campaignStore,
      d.ledger,
      d.adjustmentApprovalThreshold,
    ),
    referralLinks: new ReferralLinkService(d.pool, d.referralLinkBase ?? DEFAULT_REFERRAL_LINK_BASE),
    simulations: new CampaignSimulationService(campaignStore, eventTypes, d.simulationEngine),
    customers: new CustomerService(d.pool, d.pii, campaignStore, journeys, temporalUi),
    journeyOverview: new JourneyOverview(d.pool, campaignStore, temporalUi),
    customerData: new CustomerDataService(d.pool, d.pii, d.ledger, journeys, loyalty),
    attributeTypes,
    customerProfiles: new CustomerProfiles(d.pool, attributeTypes),
    segments: new SegmentService(new SegmentStore(d.pool), attributeTypes),
  };
}

export function createPlatformStores(pool: Pool): PlatformStores {
  return {
    apiKeys: new ApiKeyStore(pool),
    idempotency: new IdempotencyStore(pool),
    audit: new AuditLogStore(pool),
  };
}
