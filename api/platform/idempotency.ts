import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/** What makes two requests "the same" for an Idempotency-Key: method, path, owner, query and canonical body. */
export function requestFingerprint(parts: {
  method: string;
  path: string;
  ownerId: string;
  query: unknown;
  body: unknown;
}): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        method: parts.method.toUpperCase(),
        path: parts.path,
        owner: parts.ownerId,
        query: parts.query ?? {},
        body: parts.body ?? null,
      }),
    )
    .digest('hex');
}

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
