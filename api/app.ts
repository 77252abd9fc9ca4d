import { createHash } from 'node:crypto';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ApiKeyStore } from '../stores/api-keys';
import type { AuditLogStore } from '../stores/audit-log';
import type { IdempotencyStore } from '../stores/idempotency';
import { identify } from './platform/authenticate';
import type { ApiModule } from './platform/define-route';
import { docsPage } from './platform/docs-page';
import { kpiPage } from './routes/kpi-page';
import { errorHandler, notFound } from './platform/errors';
import { ensureDefaultMetrics, httpMetrics, metricsEndpoint } from './platform/metrics';
import { routeHandlers } from './platform/mount-route';
import { buildOpenApiDocument } from './platform/openapi';
import { problems } from './platform/problem';
import { rateLimiter, type RateLimitOptions } from './platform/rate-limit';
import { requestLogging } from './platform/request-logging';
import { createHealthModule, type HealthChecks } from './routes/health';
import { consoleApp, CONSOLE_PATH } from './platform/console-app';
import type { Backpressure } from './platform/backpressure';
import { temporalCodecRouter, type TemporalCodecOptions } from './platform/temporal-codec';

export interface ApiDeps {
  /** Requests are logged through it; credentials are removed from what is logged whatever its configuration. */
  logger: Logger;
  apiKeys: ApiKeyStore;
  idempotency: IdempotencyStore;
  /** Where successful state changes are recorded (who changed what), read by GET /v1/audit. */
  audit: AuditLogStore;
  /** GET /healthz runs each check (in parallel, 2 s timeout each); a throw or timeout fails it. */
  health: { checks: HealthChecks; timeoutMs?: number; backpressure?: Backpressure };
  /** Where http_* and default process metrics go, served at GET /metrics; modules register theirs here too. */
  metrics: { registry: Registry };
  /** Every team's routes (campaigns, events, wallet, ...). The API keys module is one of them, added by the caller. */
  routes: readonly ApiModule[];
  /** Per API key (or per IP when anonymous). Default 600 per minute. */
  rateLimit?: RateLimitOptions;
  /** Largest JSON body. Default '100kb'. */
  bodyLimit?: string;
  /** Express 'trust proxy' setting; set it when behind a load balancer so rate limits see client IPs. */
  trustProxy?: boolean | number | string;
  info?: { title: string; version: string; description?: string };
  /** Serves the Temporal codec server protocol over the product's payload encryption (Web UI and CLI). */
  temporalCodec?: TemporalCodecOptions;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 600, windowMs: 60_000 };
export const DEFAULT_BODY_LIMIT = '100kb';
export const DEFAULT_API_INFO = { title: 'perkflow API', version: '0.1.0' };

/** Refuses two routes with the same method and path, or the same operationId: one of them would never run. */
function assertUniqueRoutes(modules: readonly ApiModule[]): void {
  const seen = new Set<string>();
  for (const module of modules) {
    for (const route of module.routes) {
      for (const id of [`${route.method.toUpperCase()} ${route.path}`, `operationId ${route.operationId}`]) {
        if (seen.has(id)) throw new Error(`duplicate route: ${id} (module ${module.name})`);
        seen.add(id);
      }
    }
  }
}

/** Every module the app serves: the platform's own (health) and the caller's. */
export function apiModules(deps: Pick<ApiDeps, 'health' | 'routes'>): ApiModule[] {
  return [
    createHealthModule(deps.health.checks, deps.health.timeoutMs, deps.health.backpressure),
    ...deps.routes,
  ];
}

/** The HTTP API: platform concerns (auth, validation, idempotency, errors, metrics, docs) around the modules. */
export function createApp(deps: ApiDeps): express.Express {
  const bodyLimit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const info = deps.info ?? DEFAULT_API_INFO;
  const modules = apiModules(deps);
  assertUniqueRoutes(modules);
  ensureDefaultMetrics(deps.metrics.registry);

  const app = express();
  app.set('trust proxy', deps.trustProxy ?? false);
  app.set('etag', false);
  app.set('json spaces', 0);

  app.use(helmet());
  app.use(requestLogging(deps.logger));
  app.use(httpMetrics(deps.metrics.registry));
  app.use(identify(deps.apiKeys));
  app.use(rateLimiter(deps.rateLimit ?? DEFAULT_RATE_LIMIT));

  // Public by design: Prometheus scrapes without credentials, and the exposition holds route templates and
  // counts only, never ids, keys or bodies. Restrict it at the network level if even that is too much.
  app.get('/metrics', metricsEndpoint(deps.metrics.registry));

  // The spec is built once: routes do not change after start. Every console load reads it (the roles of each
  // operation), so it is served gzip-compressed (~330 kB as JSON) with an ETag: a reload revalidates to a 304.
  const openApi = JSON.stringify(buildOpenApiDocument(modules, info));
  const openApiTag = `"${createHash('sha256').update(openApi).digest('base64url').slice(0, 27)}"`;
  app.get('/openapi.json', compression(), (req, res) => {
    res.setHeader('ETag', openApiTag);
    res.setHeader('Cache-Control', 'no-cache');
    const known = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (known.includes(openApiTag)) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(openApi);
  });
  app.get('/docs', docsPage(info.title));
  // The KPI page is public HTML: it asks for an API key and calls the KPI API with it (never in a URL).
  app.get('/kpis/:campaignId', kpiPage());
  // The operator console: static files built from console/ (its own CSP, no inline script), public like the pages
  // above; it asks for an API key and calls this API with it.
  app.use(CONSOLE_PATH, consoleApp());
  if (deps.temporalCodec) app.use(temporalCodecRouter(deps.temporalCodec));

  // The platform's own GET pages above answer other methods with 405 as well.
  const methodsByPath = new Map<string, string[]>(
    ['/metrics', '/openapi.json', '/docs', '/kpis/:campaignId'].map((path) => [path, ['GET', 'HEAD']]),
  );
  for (const module of modules) {
    for (const route of module.routes) {
      app[route.method](
        route.path,
        ...routeHandlers(route, { idempotency: deps.idempotency, audit: deps.audit, bodyLimit }),
      );
      const methods = methodsByPath.get(route.path) ?? [];
      methods.push(route.method.toUpperCase());
      if (route.method === 'get') methods.push('HEAD');
      methodsByPath.set(route.path, methods);
    }
  }
  // A known path with another method is a 405 naming the allowed ones, not a misleading 404.
  for (const [path, methods] of methodsByPath) {
    app.all(path, () => {
      throw problems.methodNotAllowed(methods);
    });
  }

  app.use(notFound);
  app.use(errorHandler(bodyLimit));
  return app;
}
