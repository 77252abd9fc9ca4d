import type { Pool } from 'pg';
import { inTransaction } from '../lib/transaction';
import { openPersonalRow } from './customers';
import { PERSONAL_FIELDS, SEALED_PAYLOAD_KEY, type PersonalDataProtection } from './personal-data';

export interface Erasure {
  /** When the customer's personal data was wiped (the first erasure; a repeated one changes nothing). */
  erasedAt: string;
  /** False when an earlier request had erased it already. */
  erasedNow: boolean;
}

/**
 * Wipes a customer's personal data (right to erasure): contact fields and their hashes on the profile, its
 * attributes (a birthday is personal; what a marketer typed about them may be too), the personal
 * fields inside their stored events, and their address in the email log. What is left is keyed by the customer id, a
 * pseudonym: orders, ledger lots and postings, points, tiers, referrals, KPIs. Null for an unknown customer.
 */
export async function eraseCustomerPersonalData(
  pool: Pool,
  pii: PersonalDataProtection,
  customerId: string,
  at: Date = new Date(),
): Promise<Erasure | null> {
  return inTransaction(pool, async (c) => {
    // The profile's lock: an event carrying personal data waits, then sees erased_at and stores none.
    const locked = await c.query<Parameters<typeof openPersonalRow>[1]>(
      `SELECT customer_id, email, phone, device_id, payment_fingerprint, pii_key_id, erased_at
         FROM customers WHERE customer_id = $1 FOR UPDATE`,
      [customerId],
    );
    const row = locked.rows[0];
    if (!row) return null;
    if (row.erased_at) return { erasedAt: row.erased_at.toISOString(), erasedNow: false };
    const { email } = openPersonalRow(pii, row);
    await c.query(
      `UPDATE customers SET email = NULL, phone = NULL, device_id = NULL, payment_fingerprint = NULL,
         email_hash = NULL, phone_hash = NULL, device_hash = NULL, payment_hash = NULL,
         attributes = '{}'::jsonb, erased_at = $2, updated_at = now()
       WHERE customer_id = $1`,
      [customerId, at],
    );
    // Sealed fields, and the plaintext ones of events stored before encryption that no reseal has reached yet.
    await c.query(`UPDATE customer_events SET payload = payload - $2::text[] WHERE customer_id = $1`, [
      customerId,
      [SEALED_PAYLOAD_KEY, ...PERSONAL_FIELDS],
    ]);
    // Delivery addresses of redeemed rewards (sealed): the fulfilment keeps its status, no longer where it went.
    await c.query(
      'UPDATE loyalty_reward_fulfilments SET address_sealed = NULL, pii_key_id = NULL WHERE customer_id = $1',
      [customerId],
    );
    if (email) {
      // The log keeps that an email went out (template, subject, when) but no longer to whom.
      await c.query(`UPDATE email_log SET recipient = 'erased' WHERE lower(recipient) = lower($1)`, [email]);
    }
    return { erasedAt: at.toISOString(), erasedNow: true };
  });
}

/** Workflow ids our records name for a customer's journeys (the journal), for stopping them on erasure. */
export async function journalledWorkflowIds(pool: Pool, customerId: string): Promise<string[]> {
  const res = await pool.query<{ workflow_id: string }>(
    `SELECT DISTINCT workflow_id FROM journey_events WHERE customer_id = $1
     UNION SELECT 'journey/' || campaign_id || '/' || customer_id FROM campaign_assignments WHERE customer_id = $1`,
    [customerId],
  );
  return res.rows.map((r) => r.workflow_id);
}
