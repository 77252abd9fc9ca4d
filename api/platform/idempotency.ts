import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json';

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

/**
 * A stable id for the work a request starts, from the caller's API key id and its Idempotency-Key (keys are scoped
 * per API key, so both are hashed: two keys differing only by punctuation must not collide), plus any further parts
 * that must match: `<prefix>_<32 hex>`.
 */
export function idFromIdempotencyKey(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)}`;
}

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
