import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AnyRouteDefinition, ApiModule } from './define-route';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from './problem';
import { IdempotencyKeySchema, requestSchemasOf } from './request-schemas';

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: `${PROBLEM_TYPE_BASE}validation-failed` }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().meta({ description: 'The request path.' }),
    errors: z
      .array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])).meta({
            description: 'Location first (body, query, params, headers), then the path inside it.',
            example: ['body', 'roles', 0],
          }),
          message: z.string(),
          code: z.string().meta({ description: 'The zod issue code.' }),
        }),
      )
      .meta({ description: 'Validation issues; empty for other problems.' }),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, the one error format of this API.' });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: malformed JSON, or params/query/body/headers that do not match the schema.',
  401: 'No API key, or an unknown or revoked one.',
  403: 'The API key lacks every role this operation allows.',
  404: 'Not found.',
  409: 'Idempotency-Key reused with a different request, or the first request with it is still in progress.',
  413: 'Body larger than the limit.',
  415: 'Body not sent as application/json.',
  422:
    'Well-formed request refused: it breaks a rule this document cannot state (one field against another, the ' +
    'clock; see the operation description) or a business rule (state, balances, quotas).',
  429: 'Rate limit exceeded (see Retry-After).',
  500: 'Unexpected error; quote the requestId.',
  503: 'A dependency is unavailable.',
};

/** '/v1/keys/:id/revoke' → '/v1/keys/{id}/revoke' */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

function problemStatusesOf(route: AnyRouteDefinition): number[] {
  const statuses = new Set<number>([400, 429, 500, ...(route.problemStatuses ?? [])]);
  if (route.auth !== 'public') [401, 403].forEach((s) => statuses.add(s));
  if (route.request?.body) [413, 415].forEach((s) => statuses.add(s));
  if (route.method === 'post' && route.auth !== 'public') statuses.add(409);
  return [...statuses].sort((a, b) => a - b);
}

function toRouteConfig(route: AnyRouteDefinition, moduleName: string): RouteConfig {
  const schemas = requestSchemasOf(route);
  const params =
    route.request?.params ??
    z.object(Object.fromEntries(pathParamNames(route.path).map((n) => [n, z.string()])));
  const roles = route.auth === 'public' ? [] : [...new Set([...route.auth, 'admin'])];
  const responses: RouteConfig['responses'] = {
    [route.response.status]: {
      description: route.response.description ?? 'Success.',
      ...(route.response.schema && route.response.status !== 204
        ? { content: { 'application/json': { schema: route.response.schema } } }
        : {}),
    },
  };
  for (const status of problemStatusesOf(route)) {
    responses[status] = {
      description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem.',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
    };
  }
  const access = route.auth === 'public' ? 'Public.' : `Roles: ${roles.join(', ')}.`;
  return {
    method: route.method,
    path: openApiPath(route.path),
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, access].filter(Boolean).join('\n\n'),
    tags: route.tags ?? [moduleName],
    security: route.auth === 'public' ? [] : [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    'x-required-roles': roles,
    request: {
      params: params as z.ZodObject,
      ...(route.request?.query ? { query: schemas.query as z.ZodObject } : {}),
      ...(route.method === 'post'
        ? { headers: z.object({ 'Idempotency-Key': IdempotencyKeySchema.optional() }) }
        : {}),
      ...(route.request?.body
        ? { body: { required: true, content: { 'application/json': { schema: schemas.body } } } }
        : {}),
    },
    responses,
  };
}

/** The OpenAPI 3.1 document of every declared route, derived from the same declarations that serve them. */
export function buildOpenApiDocument(
  modules: readonly ApiModule[],
  info: { title: string; version: string; description?: string },
): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'Authorization: Bearer <api key>',
  });
  registry.registerComponent('securitySchemes', 'apiKeyHeader', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description: 'The same API key, for clients that cannot set Authorization.',
  });
  for (const module of modules) {
    for (const route of module.routes) registry.registerPath(toRouteConfig(route, module.name));
  }
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus metrics',
    description: 'Prometheus text exposition; public, for scrapers. Holds aggregate counters only.',
    tags: ['platform'],
    security: [],
    responses: { 200: { description: 'Metrics.', content: { 'text/plain': { schema: z.string() } } } },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info,
    tags: modules.map((m) => ({ name: m.name, ...(m.description ? { description: m.description } : {}) })),
  });
}
