import { createMailTransport } from '../../../email/mailer';
import { createProductServices, type ProductServices } from '../../../services/product-services';
import { createProductModules } from '../../../api/product-modules';
import { createAuditModule } from '../../../api/routes/audit';
import { createApiKeysModule } from '../../../api/routes/keys';
import { testSmtpSettings } from '../mail';
import { startTestStack, type TestStack, type TestStackOptions } from '../stack';
import { createTestApi, type TestApi } from './test-api';

/** Where the product test API says the Temporal Web UI is (no UI runs; links are asserted, not followed). */
export const TEST_TEMPORAL_UI_URL = 'http://temporal-ui.test:8233';

/** The whole product API (every module, as api/server.ts mounts it) over the test stack's database and worker. */
export interface ProductTestApi extends TestApi, TestStack {
  services: ProductServices;
  /** Stops the API, then the stack (journeys still running are terminated once quiet). */
  stop(): Promise<void>;
}

export async function createProductTestApi(options: TestStackOptions = {}): Promise<ProductTestApi> {
  const stack = await startTestStack(options);
  let services: ProductServices | undefined;
  const transport = createMailTransport(testSmtpSettings());
  const api = await createTestApi({
    db: stack.db,
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
        temporal: stack.temporal,
        taskQueue: stack.taskQueue,
        temporalUi: { url: TEST_TEMPORAL_UI_URL, namespace: stack.env.namespace ?? 'default' },
      });
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
      } finally {
        await stack.stop();
      }
    },
  };
}
