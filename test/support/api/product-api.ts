import { createProductServices, type ProductServices } from '../../../services/product-services';
import { createProductModules } from '../../../api/product-modules';
import { createAuditModule } from '../../../api/routes/audit';
import { createApiKeysModule } from '../../../api/routes/keys';
import { testPersonalData } from '../personal-data';
import { startTestStack, type TestStack, type TestStackOptions } from '../stack';
import { createTestApi, type TestApi } from './test-api';

/** The whole product API (every module, as api/server.ts mounts it) over the test stack's database and worker. */
export interface ProductTestApi extends TestApi, TestStack {
  services: ProductServices;
  /** Stops the API, then the stack (journeys still running are terminated once quiet). */
  stop(): Promise<void>;
}

export async function createProductTestApi(options: TestStackOptions = {}): Promise<ProductTestApi> {
  const stack = await startTestStack(options);
  let services: ProductServices | undefined;
  const api = await createTestApi({
    db: stack.db,
    routes: (ctx) => {
      services = createProductServices({
        pool: ctx.pool,
        ledger: stack.ledger,
        pii: testPersonalData,
        temporal: stack.temporal,
        taskQueue: stack.taskQueue,
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
        await api.close();
      } finally {
        await stack.stop();
      }
    },
  };
}
