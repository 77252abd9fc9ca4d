import type { Server } from 'node:http';
import { Client, type Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { PerkflowConfig } from '../infra/config';
import { createPool, pingDatabase, poolDeadlines } from '../infra/database';
import { personalDataProtectionFrom } from '../infra/personal-data-keys';
import { EncryptingPayloadCodec, encryptedDataConverter } from '../infra/temporal-payload-codec';
import {
  createPlatformStores,
  createProductServices,
  type ProductServices,
} from '../services/product-services';
import { createApp } from './app';
import { ensureBootstrapAdminKey } from './platform/api-key-material';
import type { Backpressure } from './platform/backpressure';
import type { ApiModule } from './platform/define-route';
import { createAuditModule } from './routes/audit';
import { createApiKeysModule } from './routes/keys';
import { Ledger } from '../ledger';
import { createMailTransport } from '../email/mailer';
import { createProductModules } from './product-modules';
import { answerClientErrorsAsProblems } from './platform/client-errors';
import { createSimulationEngine } from '../simulation';

export interface ApiServerHandle {
  url: string;
  banner: string[];
  services: ProductServices;
  ledger: Ledger;
  stop(): Promise<void>;
}

const PURGE_EVERY_MS = 3_600_000;

/** npm start's Temporal UI as a browser may name it: typed as 127.0.0.1 or as localhost. */
function loopbackOriginsOf(url: string): string[] {
  const { origin } = new URL(url);
  return [
    origin,
    origin.replace('//127.0.0.1', '//localhost'),
    origin.replace('//localhost', '//127.0.0.1'),
  ].filter((o, i, all) => all.indexOf(o) === i);
}

/** Wires the API to real dependencies and listens on PORT. */
export async function startApiServer(opts: {
  config: PerkflowConfig;
  databaseUrl: string;
  temporal: Connection;
  log: Logger;
  /** SMTP for mail the API sends itself (support alerts); none: those alerts are journaled, not mailed. */
  smtp?: { host: string; port: number; user?: string; password?: string };
  /** A generated bootstrap key (npm start on first run) when PERKFLOW_ADMIN_KEY is not set. */
  generatedAdminKey?: string;
  /** More checks for /healthz, e.g. npm start's supervised dev servers (a check throws while its server is down). */
  extraHealthChecks?: Record<string, () => Promise<void>>;
  /** The prebuilt workflow bundle simulations run (tests); otherwise workflows/ is bundled on the first simulation. */
  workflowBundlePath?: string;
  /** The Temporal Web UI the console links into: npm start's dev server UI; else TEMPORAL_UI_URL. */
  temporalUiUrl?: string;
  /** The secret of npm start's own Web UI codec endpoint (generated per run); else TEMPORAL_CODEC_UI_TOKEN. */
  codecUiToken?: string;
}): Promise<ApiServerHandle> {
  const { config, log } = opts;
  const pii = personalDataProtectionFrom(config);
  const pool = createPool(opts.databaseUrl, poolDeadlines(config), (message) =>
    log.warn({ err: message }, 'postgres pool: connection lost'),
  );
  const { apiKeys, idempotency, audit } = createPlatformStores(pool);
  const banner: string[] = [];

  const adminKey = config.PERKFLOW_ADMIN_KEY ?? opts.generatedAdminKey;
  if (adminKey) {
    const { record, created } = await ensureBootstrapAdminKey(apiKeys, adminKey);
    if (record.revokedAt)
      log.warn({ keyId: record.id }, 'the PERKFLOW_ADMIN_KEY key is revoked; set a new one');
    banner.push(
      `  Admin API key  ${config.PERKFLOW_ADMIN_KEY ? 'from PERKFLOW_ADMIN_KEY' : 'generated'} (${record.prefix}…, ${created ? 'stored now' : 'known'})`,
    );
  } else {
    banner.push('  Admin API key  none configured: set PERKFLOW_ADMIN_KEY (≥ 32 characters) to create keys');
  }

  const registry = new Registry();
  const ledger = new Ledger(pool, { currency: config.LEDGER_CURRENCY });
  const payloadCodec = new EncryptingPayloadCodec(pii.cipher);
  const uiToken = opts.codecUiToken ?? config.TEMPORAL_CODEC_UI_TOKEN;
  const temporal = new Client({
    connection: opts.temporal,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: encryptedDataConverter(pii.cipher, payloadCodec),
  });
  const temporalUiUrl = opts.temporalUiUrl ?? config.TEMPORAL_UI_URL;
  const transport = opts.smtp ? createMailTransport({ ...opts.smtp, secure: config.SMTP_SECURE }) : undefined;
  const simulationEngine = createSimulationEngine({
    config,
    databaseUrl: opts.databaseUrl,
    onError: (message, err) => log.warn({ err }, message),
    ...(opts.workflowBundlePath ? { workflowBundlePath: opts.workflowBundlePath } : {}),
  });
  const productDeps = {
    pool,
    ...(simulationEngine ? { simulationEngine } : {}),
    ledger,
    pii,
    temporal,
    taskQueue: config.TASK_QUEUE,
    campaignTaskQueue: config.CAMPAIGN_TASK_QUEUE,
    adjustmentApprovalThreshold: config.ADJUSTMENT_APPROVAL_THRESHOLD,
    referralLinkBase: config.REFERRAL_LINK_BASE,
    campaignTargetsTtlMs: config.CAMPAIGN_TARGETS_TTL_MS,
    deliveryConcurrency: config.EVENT_DELIVERY_CONCURRENCY,
    occurrenceCatchUpDays: config.FLOW_CATCH_UP_DAYS,
    ...(temporalUiUrl ? { temporalUi: { url: temporalUiUrl, namespace: config.TEMPORAL_NAMESPACE } } : {}),
    ...(transport
      ? {
          mail: {
            transport,
            from: config.MAIL_FROM,
            supportInbox: config.SUPPORT_INBOX,
            defaults: { currency: config.LEDGER_CURRENCY },
          },
        }
      : {}),
  };
  const services = createProductServices(productDeps);
  const backpressure: Backpressure = {
    reading: () => services.lag.current(),
    degradedAboveMs: config.JOURNEY_LAG_DEGRADED_MS,
    shedAboveMs: config.JOURNEY_LAG_SHED_MS,
    campaignQueueDegradedAboveMs: config.CAMPAIGN_QUEUE_DEGRADED_MS,
  };
  // Rows written before encryption or under a key since rotated out of first place: resealed in the background (a
  // migration cannot know the key). Safe beside other replicas doing the same; matching sees a row once it is done.
  const stopResealing = new AbortController();
  const resealing = services.customerData
    .resealPersonalData({ signal: stopResealing.signal })
    .then((done) => {
      if (done.customers + done.events + done.addresses > 0)
        log.info(done, 'personal data resealed under the current key');
    })
    .catch((err: unknown) =>
      log.error({ err }, 'personal data reseal failed; it runs again at the next start'),
    );
  services.lag.start(config.JOURNEY_LAG_SAMPLE_MS, (err) => log.warn({ err }, 'journey lag sample failed'));
  const routes: ApiModule[] = [
    createApiKeysModule(apiKeys),
    createAuditModule(audit),
    ...createProductModules(services, registry, backpressure),
  ];

  const app = createApp({
    logger: log.child({ component: 'api' }),
    apiKeys,
    idempotency,
    audit,
    health: {
      checks: {
        postgres: () => pingDatabase(pool),
        temporal: async () => {
          await opts.temporal.workflowService.getSystemInfo({});
        },
        // The relay the API's own mail goes to (the worker's is configured alike): a connection and greeting.
        ...(transport ? { smtp: () => transport.verify().then(() => undefined) } : {}),
        ...opts.extraHealthChecks,
      },
      backpressure,
    },
    metrics: { registry },
    routes,
    rateLimit: { limit: config.RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
    temporalCodec: {
      codec: payloadCodec,
      ...(uiToken ? { uiToken } : {}),
      audit,
      allowedOrigins: [
        ...config.TEMPORAL_CODEC_CORS_ORIGINS,
        ...(opts.temporalUiUrl ? loopbackOriginsOf(opts.temporalUiUrl) : []),
      ],
    },
  });

  const purge = setInterval(() => {
    idempotency.purgeExpired().catch((err: unknown) => log.warn({ err }, 'idempotency purge failed'));
  }, PURGE_EVERY_MS);
  purge.unref();

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, () => resolve(s));
    answerClientErrorsAsProblems(s);
  });
  return {
    url: `http://127.0.0.1:${config.PORT}`,
    banner,
    services,
    ledger,
    stop: async () => {
      clearInterval(purge);
      services.lag.stop();
      stopResealing.abort();
      await resealing;
      await new Promise<void>((r) => server.close(() => r()));
      await simulationEngine?.close();
      transport?.close();
      await pool.end();
    },
  };
}
