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

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
