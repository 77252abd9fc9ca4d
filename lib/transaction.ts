import type { Pool, PoolClient } from 'pg';

export type Db = PoolClient;

const DEADLOCK_DETECTED = '40P01';
const ATTEMPTS = 3;

/**
 * Runs `fn` inside one database transaction: every ledger write is all-or-nothing. Lock order is fixed everywhere,
 * but a row re-checked after a lock wait (budget slots) can leave a lock held out of order; Postgres then aborts one
 * side with a deadlock error, and because the whole transaction rolled back it is safe to run it again.
 */
export async function withTransaction<T>(pool: Pool, fn: (client: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, fn);
    } catch (err) {
      if (pgErrorCode(err) !== DEADLOCK_DETECTED || attempt >= ATTEMPTS) throw err;
    }
  }
}

/** One transaction on one pooled connection, no retry: committed if `fn` returns, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, fn: (client: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** pg error codes the ledger reacts to. */
export function pgErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err
    ? String((err as { code: unknown }).code)
    : undefined;
}

export function pgConstraint(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'constraint' in err
    ? String((err as { constraint: unknown }).constraint)
    : undefined;
}
