import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '../database';
import { ApiKeyStore } from '../../../stores/api-keys';
import { AuditLogStore } from '../../../stores/audit-log';
import { IdempotencyStore } from '../../../stores/idempotency';
import { createApp, type ApiDeps } from '../../../api/app';
import {
  displayPrefix,
  generateApiKey,
  hashApiKey,
  newApiKeyId,
} from '../../../api/platform/api-key-material';
import type { ApiModule } from '../../../api/platform/define-route';
import { ROLES, type Role } from '../../../api/platform/roles';
import { createApiKeysModule } from '../../../api/routes/keys';
import { captureLogs, type LogCapture } from './log-capture';

/** What a module factory gets in tests: the fresh database and the platform stores. */
export interface TestModuleContext {
  pool: Pool;
  apiKeys: ApiKeyStore;
  idempotency: IdempotencyStore;
  audit: AuditLogStore;
  registry: Registry;
}

export interface TestApiOptions {
  /** Default: the API keys module only. */
  routes?: (ctx: TestModuleContext) => ApiModule[];
  health?: ApiDeps['health'];
  rateLimit?: ApiDeps['rateLimit'];
  bodyLimit?: string;
  /** Serve the Temporal codec server (the product API's does). */
  temporalCodec?: ApiDeps['temporalCodec'];
  /** Reuse a database (e.g. one your own test already created); otherwise a fresh one is created and dropped. */
  db?: TestDatabase;
}

/** A running API over a fresh migrated database, with one plaintext key per role. */
export interface TestApi extends TestModuleContext {
  app: Express;
  server: Server;
  db: TestDatabase;
  /** A valid key holding exactly that role. */
  keys: Record<Role, string>;
  /** Key ids by role, e.g. to check `createdBy`. */
  keyIds: Record<Role, string>;
  /** A key that exists but is revoked. */
  revokedKey: string;
  logs: LogCapture;
  /** The modules mounted, as declared (the route registry): tests derive their route lists from it. */
  modules: readonly ApiModule[];
  /** supertest against the running server. */
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function createKey(store: ApiKeyStore, roles: Role[], name = roles.join('+')) {
  const plaintext = generateApiKey();
  const record = await store.create({
    id: newApiKeyId(),
    name,
    prefix: displayPrefix(plaintext),
    keyHash: hashApiKey(plaintext),
    roles,
    createdBy: null,
  });
  return { plaintext, record };
}

export async function createTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const db = options.db ?? (await createTestDatabase());
  const apiKeys = new ApiKeyStore(db.pool);
  const idempotency = new IdempotencyStore(db.pool);
  const audit = new AuditLogStore(db.pool);
  const registry = new Registry();
  const logs = captureLogs();
  const ctx: TestModuleContext = { pool: db.pool, apiKeys, idempotency, audit, registry };

  const keys = {} as Record<Role, string>;
  const keyIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const { plaintext, record } = await createKey(apiKeys, [role], `test ${role}`);
    keys[role] = plaintext;
    keyIds[role] = record.id;
  }
  const revoked = await createKey(apiKeys, ['admin'], 'test revoked admin');
  await apiKeys.revoke(revoked.record.id);

  const modules = (options.routes ?? ((c) => [createApiKeysModule(c.apiKeys)]))(ctx);
  const app = createApp({
    logger: logs.logger,
    apiKeys,
    idempotency,
    audit,
    health: options.health ?? {
      checks: {
        postgres: async () => {
          await db.pool.query('SELECT 1');
        },
      },
    },
    metrics: { registry },
    routes: modules,
    rateLimit: options.rateLimit ?? { limit: 100_000, windowMs: 60_000 },
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.temporalCodec ? { temporalCodec: options.temporalCodec } : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    ...ctx,
    app,
    server,
    db,
    keys,
    keyIds,
    revokedKey: revoked.plaintext,
    logs,
    modules,
    http: () => request(server),
    close: async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      if (!options.db) await db.drop();
    },
  };
}
