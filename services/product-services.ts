import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { MailSettings } from '../email/mail-settings';
import type { Ledger } from '../ledger';
import { ApiKeyStore } from '../stores/api-keys';
import { CampaignAssignmentStore, CampaignStore } from '../stores/campaigns';
import { IdempotencyStore } from '../stores/idempotency';
import { CampaignService } from './campaigns';
import { DEFAULT_DELIVERY_CONCURRENCY, EventRouter } from './event-router';
import { JourneyClient } from './journey-client';
import { JourneyLagMonitor } from './journey-lag';
import { KpiService } from './kpis';
import { LoyaltyService } from './loyalty';
import { SupportService } from './support';

export interface ProductDeps {
  pool: Pool;
  ledger: Ledger;
  temporal: Client;
  taskQueue: string;
  /** Outgoing mail of the API process (support alerts it raises itself, e.g. low stock). */
  mail?: MailSettings;
  /** How long the campaigns events go to are reused (launch/pause/end here refresh them at once). */
  campaignTargetsTtlMs?: number;
  /** Deliveries of one event to its journeys in flight at once. */
  deliveryConcurrency?: number;
}

/** Long enough to spare the read on a busy event stream, short enough that another process's launch shows quickly. */
export const DEFAULT_CAMPAIGN_TARGETS_TTL_MS = 2_000;

/** The application services behind the API, wired once (also used by `npm start` to seed the demo). */
export interface ProductServices {
  ledger: Ledger;
  journeys: JourneyClient;
  campaigns: CampaignService;
  router: EventRouter;
  /** How far journeys are behind (sampled by whoever runs it: api/server.ts starts its timer). */
  lag: JourneyLagMonitor;
  support: SupportService;
  kpis: KpiService;
  loyalty: LoyaltyService;
}

/** Where the API platform keeps its keys and replayable answers. */
export interface PlatformStores {
  apiKeys: ApiKeyStore;
  idempotency: IdempotencyStore;
}

/** The one place services meet their stores: the API sees services, never SQL. */
export function createProductServices(d: ProductDeps): ProductServices {
  const journeys = new JourneyClient(d.temporal, d.taskQueue, new CampaignAssignmentStore(d.pool));
  const campaignStore = new CampaignStore(d.pool);
  const lag = new JourneyLagMonitor(d.temporal, d.taskQueue);
  const campaigns = new CampaignService(
    campaignStore,
    d.ledger,
    journeys,
    d.campaignTargetsTtlMs ?? DEFAULT_CAMPAIGN_TARGETS_TTL_MS,
  );
  const router = new EventRouter(
    d.pool,
    d.ledger,
    journeys,
    () => campaigns.eventTargets(),
    d.deliveryConcurrency ?? DEFAULT_DELIVERY_CONCURRENCY,
    lag,
  );
  const support = new SupportService(d.pool, campaignStore, journeys);
  const kpis = new KpiService(d.pool, campaignStore);
  const loyalty = new LoyaltyService({
    pool: d.pool,
    ledger: d.ledger,
    campaigns: campaignStore,
    journeys,
    ...(d.mail ? { mail: d.mail } : {}),
  });
  return { ledger: d.ledger, journeys, campaigns, router, lag, support, kpis, loyalty };
}

export function createPlatformStores(pool: Pool): PlatformStores {
  return { apiKeys: new ApiKeyStore(pool), idempotency: new IdempotencyStore(pool) };
}
