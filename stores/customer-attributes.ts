import type { Pool } from 'pg';
import type { Attributes } from '../contracts/customer-attributes';
import { inTransaction } from '../lib/transaction';

/** What a profile write found: the customer is unknown, erased (nothing written), or the attributes now stored. */
export type AttributesWrite =
  | { outcome: 'not-found' }
  | { outcome: 'erased' }
  | { outcome: 'written'; attributes: Attributes; updatedAt: string };

/** A customer's profile attributes (customers.attributes); null for an unknown customer. */
export async function customerAttributes(pool: Pool, customerId: string): Promise<Attributes | null> {
  const res = await pool.query<{ attributes: Attributes }>(
    'SELECT attributes FROM customers WHERE customer_id = $1',
    [customerId],
  );
  return res.rows[0]?.attributes ?? null;
}

/**
 * Rewrites a customer's attributes under the profile's row lock: `next` gets what is stored now and returns what to
 * store (what it throws rolls the write back: a merge that breaks a limit). An erased customer's profile takes none (a
 * birthday is personal data, and erasure is final).
 */
export async function writeCustomerAttributes(
  pool: Pool,
  customerId: string,
  next: (current: Attributes) => Attributes,
): Promise<AttributesWrite> {
  return inTransaction(pool, async (c) => {
    const locked = await c.query<{ attributes: Attributes; erased_at: Date | null }>(
      'SELECT attributes, erased_at FROM customers WHERE customer_id = $1 FOR UPDATE',
      [customerId],
    );
    const row = locked.rows[0];
    if (!row) return { outcome: 'not-found' };
    if (row.erased_at) return { outcome: 'erased' };
    const attributes = next(row.attributes);
    const written = await c.query<{ updated_at: Date }>(
      'UPDATE customers SET attributes = $2, updated_at = now() WHERE customer_id = $1 RETURNING updated_at',
      [customerId, JSON.stringify(attributes)],
    );
    return {
      outcome: 'written',
      attributes,
      updatedAt: written.rows[0]!.updated_at.toISOString(),
    };
  });
}
