import { createMailTransport } from '../../../email/mailer';
import { createProductServices, type ProductServices } from '../../../services/product-services';
import { createProductModules } from '../../../api/product-modules';
import { createAuditModule } from '../../../api/routes/audit';
import { createApiKeysModule } from '../../../api/routes/keys';
import { PooledSimulationEngine, ScratchDatabases } from '../../../simulation';
import { harnessValue } from '../shared-env';
import { testSmtpSettings } from '../mail';
import { testPersonalData } from '../personal-data';
import { startTestStack, type TestStack, type TestStackOptions } from '../stack';
import { createTestApi, type TestApi } from './test-api';
import { AuditLogStore } from '../../../stores/audit-log';
import { EncryptingPayloadCodec } from '../../../infra/temporal-payload-codec';

/** Where the product test API says the Temporal Web UI is (no UI runs; links are asserted, not followed). */
export const TEST_TEMPORAL_UI_URL = 'http://temporal-ui.test:8233';
/** The secret of the test Web UI's codec endpoint (/temporal-codec/ui/<token>). */
export const TEST_CODEC_UI_TOKEN = 'test-codec-ui-token-0123456789abcdef';

/** The whole product API (every module, as api/server.ts mounts it) over the test stack's database and worker. */
export interface ProductTestApi extends TestApi, TestStack {
  services: ProductServices;
  /** Stops the API, then the stack (journeys still running are terminated once quiet). */
  stop(): Promise<void>;
}

export interface ProductTestApiOptions extends TestStackOptions {
  /** Simulation pool and wall-clock bound (default: 2 environments, 60 s per timeline on a loaded test machine). */
  simulation?: { poolSize?: number; wallMs?: number };
}

/**
 * The simulation engine of the test API: scratch databases cloned from the run's migrated template, the pinned test
 * server and the prebuilt workflow bundle. Lazy: nothing starts until a test simulates.
 */
function testSimulationEngine(options: ProductTestApiOptions['simulation'] = {}): PooledSimulationEngine {
  return new PooledSimulationEngine({
    poolSize: options.poolSize ?? 2,
    wallMs: options.wallMs ?? 60_000,
    testServerPath: () => harnessValue('temporalTestServer'),
    workflowBundle: () => Promise.resolve({ codePath: harnessValue('workflowBundle') }),
    databases: new ScratchDatabases(
      harnessValue('pgAdminUrl'),
      { connectTimeoutMs: 5_000, statementTimeoutMs: 30_000 },
      harnessValue('pgTemplate'),
    ),
    currency: 'CNY',
    mailFrom: 'perkflow@test.local',
    supportInbox: 'support@test.perkflow.local',
    onError: (message, err) => console.error(message, err),
  });
}

export async function createProductTestApi(options: ProductTestApiOptions = {}): Promise<ProductTestApi> {
  // Payloads encrypted as in production (api/server.ts, worker/create-worker.ts), the codec server served.
  const stack = await startTestStack({ encryptPayloads: true, ...options });
  const simulationEngine = testSimulationEngine(options.simulation);
  let services: ProductServices | undefined;
  const transport = createMailTransport(testSmtpSettings());
  const api = await createTestApi({
    db: stack.db,
    temporalCodec: {
      codec: new EncryptingPayloadCodec(testPersonalData.cipher),
      allowedOrigins: [new URL(TEST_TEMPORAL_UI_URL).origin],
      uiToken: TEST_CODEC_UI_TOKEN,
      audit: new AuditLogStore(stack.db.pool),
    },
    // What api/server.ts checks: the database, the Temporal frontend and the SMTP relay, all real here.
    health: {
      checks: {
        postgres: async () => {
          await stack.db.pool.query('SELECT 1');
        },
        temporal: async () => {
          await stack.env.connection.workflowService.getSystemInfo({});
        },
        smtp: () => transport.verify().then(() => undefined),
      },
    },
    routes: (ctx) => {
      services = createProductServices({
        pool: ctx.pool,
        ledger: stack.ledger,
        pii: testPersonalData,
        temporal: stack.temporal,
        taskQueue: stack.taskQueue,
        campaignTaskQueue: stack.campaignTaskQueue,
        simulationEngine,
        temporalUi: { url: TEST_TEMPORAL_UI_URL, namespace: stack.env.namespace ?? 'default' },
      });
      stack.bindCampaignLifecycle(services.campaigns);
      return [
        createApiKeysModule(ctx.apiKeys),
        createAuditModule(ctx.audit),
        ...createProductModules(services, ctx.registry),
      ];
    },
  });
  return {
    ...stack,
    ...api,
    services: services!,
    async stop() {
      try {
        transport.close();
        await api.close();
        await simulationEngine.close();
      } finally {
        await stack.stop();
      }
    },
  };
}
