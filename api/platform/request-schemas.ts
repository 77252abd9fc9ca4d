import { z } from 'zod';
import type { AnyRouteDefinition } from './define-route';

/** Routes without a body schema accept no body, or an empty JSON object (some clients always send `{}`). */
export const NO_BODY = z.strictObject({}).optional();

/** Routes without a query schema accept no query parameters. */
export const NO_QUERY = z.strictObject({});

const ANY_PARAMS = z.record(z.string(), z.string());

/**
 * Unknown top-level fields are a client bug worth reporting (a misspelt optional field would otherwise be dropped
 * silently), so plain z.object schemas are made strict; z.looseObject opts out explicitly.
 */
function rejectUnknownKeys(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject && schema._zod.def.catchall === undefined) return schema.strict();
  return schema;
}

/** The schemas a route's input is validated against, defaults filled in. */
export interface RequestSchemas {
  params: z.ZodType;
  query: z.ZodType;
  body: z.ZodType;
}

export function requestSchemasOf(route: AnyRouteDefinition): RequestSchemas {
  return {
    params: route.request?.params ?? ANY_PARAMS,
    query: rejectUnknownKeys(route.request?.query ?? NO_QUERY),
    body: route.request?.body ? rejectUnknownKeys(route.request.body) : NO_BODY,
  };
}

/** Idempotency-Key: 1–255 visible ASCII characters (a UUID is the usual choice). */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters without spaces')
  .meta({
    description:
      'Optional on every POST. Retries with the same key and the same request replay the first response ' +
      '(header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to ' +
      'the API key and remembered for 24 hours.',
    example: '5f0c7a8e-7b5e-4a53-9d0a-2f6f0e5e2c11',
  });

/**
 * A zod issue from a rule the OpenAPI document cannot state (a refinement comparing fields, a rule about the clock):
 * such a request matches the published schema, so refusing it is a 422, not a 400. Refinements that the document
 * does state (see `distinctItems`) carry `params.inSchema`.
 */
export function isRuleIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'custom' && (issue.params as { inSchema?: boolean } | undefined)?.inSchema !== true;
}

/** An array without repeated items: `uniqueItems: true` in the OpenAPI document, a 400 when broken. */
export function distinctItems<T extends z.ZodArray>(schema: T, message = 'items must not repeat') {
  return schema
    .refine((items) => new Set(items).size === items.length, { message, params: { inSchema: true } })
    .meta({ uniqueItems: true });
}
