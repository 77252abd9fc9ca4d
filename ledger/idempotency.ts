import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { canonicalJson } from '../lib/canonical-json';
import { withTransaction, type Db } from '../lib/transaction';
import { LedgerError } from './errors';

export function requestHash(operation: string, request: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonicalJson(request)).digest('hex');
}

export type Claim<R> = { kind: 'claimed' } | { kind: 'replay'; result: R };

/**
 * Claims `key` inside the caller's transaction. If another transaction holds the same key uncommitted, the INSERT
 * waits for it: after its commit we replay its result, after its rollback we own the key.
 * A refused request (a LedgerError) rolls back and leaves no key behind, so a retry is evaluated afresh.
 */
export async function claimKey<R>(
  client: Db,
  key: string,
  operation: string,
  hash: string,
  knownResult?: R,
): Promise<Claim<R>> {
  const inserted = await client.query(
    `INSERT INTO ledger_idempotency (key, operation, request_hash, result) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [key, operation, hash, knownResult === undefined ? null : JSON.stringify(knownResult)],
  );
  if (inserted.rowCount === 1) return { kind: 'claimed' };
  const existing = await client.query<{ operation: string; request_hash: string; result: R | null }>(
    'SELECT operation, request_hash, result FROM ledger_idempotency WHERE key = $1',
    [key],
  );
  const row = existing.rows[0];
  if (!row || row.request_hash !== hash) {
    throw new LedgerError('IDEMPOTENCY_CONFLICT', `idempotency key ${key} was used for a different request`, {
      idempotencyKey: key,
      operation: row?.operation ?? operation,
    });
  }
  // The result is stored in the same transaction as the claim, so a committed claim always has one.
  if (row.result === null) throw new Error(`idempotency key ${key} has no stored result`);
  return { kind: 'replay', result: row.result };
}

/**
 * The result stored under `key` when it was claimed for the same request (same hash), else undefined: how a request
 * whose key changed finds what it wrote under the one it had.
 */
export async function replayUnderKey<R>(client: Db, key: string, hash: string): Promise<R | undefined> {
  const row = await client.query<{ request_hash: string; result: R | null }>(
    'SELECT request_hash, result FROM ledger_idempotency WHERE key = $1',
    [key],
  );
  const found = row.rows[0];
  return found && found.request_hash === hash && found.result !== null ? found.result : undefined;
}

export async function storeResult(client: Db, key: string, result: unknown): Promise<void> {
  await client.query('UPDATE ledger_idempotency SET result = $2 WHERE key = $1', [
    key,
    JSON.stringify(result),
  ]);
}

export interface IdempotentRequest {
  key: string;
  operation: string;
  /** The validated, normalised request: what "same request" means. */
  request: unknown;
}

/**
 * One idempotent write = one transaction: claim the key, write, store the result. A replay with the same request
 * returns the stored result without writing; the same key with another request is IDEMPOTENCY_CONFLICT.
 */
export function idempotentWrite<R>(
  pool: Pool,
  req: IdempotentRequest,
  write: (client: Db) => Promise<R>,
): Promise<R> {
  const hash = requestHash(req.operation, req.request);
  return withTransaction(pool, async (client) => {
    const claim = await claimKey<R>(client, req.key, req.operation, hash);
    if (claim.kind === 'replay') return claim.result;
    const result = await write(client);
    await storeResult(client, req.key, result);
    return result;
  });
}
