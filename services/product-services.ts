import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { MailSettings } from '../email/mail-settings';
import type { Ledger } from '../ledger';
import { ApiKeyStore } from '../stores/api-keys';
import { AuditLogStore } from '../stores/audit-log';
import { CampaignAssignmentStore, CampaignStore } from '../stores/campaigns';
import { EventTypeStore } from '../stores/event-types';
import { IdempotencyStore } from '../stores/idempotency';
import { ManualAdjustmentStore } from '../stores/manual-adjustments';
import { PromotionCodeStore } from '../stores/promotion-codes';
import { CampaignService } from './campaigns';
import { EventCatalog } from './event-catalog';
import { EventRouter } from './event-router';
import { FailedJourneys } from './failed-journeys';
import { JourneyTemplates } from './journey-templates';
import { JourneyClient } from './journey-client';
import { KpiService } from './kpis';
import { LoyaltyService } from './loyalty';
import { ManualAdjustmentService } from './manual-adjustments';
import { PromotionCodeService } from './promotion-codes';
import { ReferralLinkService } from './referral-links';
import { SupportService } from './support';

export interface ProductDeps {
  pool: Pool;
  ledger: Ledger;
  temporal: Client;
  taskQueue: string;
  /** Outgoing mail of the API process (support alerts it raises itself, e.g. low stock). */
  mail?: MailSettings;
  /** Manual credit adjustments at or above this amount (minor units) need a second person's approval. */
  adjustmentApprovalThreshold?: number;
  /** The storefront's invitation URL a referrer's share code is appended to. */
  referralLinkBase?: string;
}

/** The application services behind the API, wired once (also used by `npm start` to seed the demo). */
export interface ProductServices {
  ledger: Ledger;
  journeys: JourneyClient;
  failedJourneys: FailedJourneys;
  campaigns: CampaignService;
  router: EventRouter;
  eventTypes: EventCatalog;
  templates: JourneyTemplates;
  support: SupportService;
  kpis: KpiService;
  loyalty: LoyaltyService;
  codes: PromotionCodeService;
  adjustments: ManualAdjustmentService;
  referralLinks: ReferralLinkService;
}

/** Where the API platform keeps its keys and replayable answers. */
export interface PlatformStores {
  apiKeys: ApiKeyStore;
  idempotency: IdempotencyStore;
  audit: AuditLogStore;
}

/** Where share links point unless configured (REFERRAL_LINK_BASE). */
export const DEFAULT_REFERRAL_LINK_BASE = 'https://shop.example/invite?ref=';

/** The one place services meet their stores: the API sees services, never SQL. */
export function createProductServices(d: ProductDeps): ProductServices {
  const journeys = new JourneyClient(d.temporal, d.taskQueue, new CampaignAssignmentStore(d.pool));
  const campaignStore = new CampaignStore(d.pool);
  const eventTypes = new EventCatalog(new EventTypeStore(d.pool));
  const campaigns = new CampaignService(campaignStore, d.ledger, journeys, eventTypes);
  const router = new EventRouter(d.pool, d.ledger, journeys, () => campaigns.eventTargets(), eventTypes);
  const support = new SupportService(d.pool, campaignStore, journeys);
  const codeStore = new PromotionCodeStore(d.pool);
  const kpis = new KpiService(d.pool, campaignStore, codeStore);
  const loyalty = new LoyaltyService({
    pool: d.pool,
    ledger: d.ledger,
    campaigns: campaignStore,
    journeys,
    ...(d.mail ? { mail: d.mail } : {}),
  });
  const codes = new PromotionCodeService(codeStore, campaignStore, d.ledger);
  return {
    ledger: d.ledger,
    journeys,
    failedJourneys: new FailedJourneys(d.pool),
    campaigns,
    router,
    eventTypes,
    templates: new JourneyTemplates(),
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
  };
}

export function createPlatformStores(pool: Pool): PlatformStores {
  return {
    apiKeys: new ApiKeyStore(pool),
    idempotency: new IdempotencyStore(pool),
    audit: new AuditLogStore(pool),
  };
}
