import type { Pool, PoolClient } from 'pg';
import { canonicalJson } from '../lib/canonical-json';
import { inTransaction, pgConstraint } from '../lib/transaction';
import type { CustomerEvent } from '../contracts/customer-events';
import {
  PERSONAL_COLUMNS,
  PERSONAL_FIELDS,
  hashOf,
  openCustomerField,
  sealCustomerField,
  sealEventPayload,
  splitPersonalData,
  type PersonalData,
  type PersonalDataProtection,
  type PersonalField,
} from './personal-data';

export interface CustomerContact {
  email: string | null;
  locale: 'zh-CN' | 'en';
  displayName: string;
}

export interface CustomerProfile {
  customerId: string;
  email: string | null;
  locale: 'zh-CN' | 'en';
  phone: string | null;
  deviceId: string | null;
  paymentFingerprint: string | null;
  referralCode: string;
  signedUpAt: string | null;
  firstOrderId: string | null;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  orderCount: number;
  totalSpent: number;
  lastActiveAt: string | null;
  /** When the customer's personal data was erased (DELETE /v1/customers/{id}); null while it is kept. */
  erasedAt: string | null;
}

const iso = (v: Date | null): string | null => (v ? v.toISOString() : null);

export interface RecordedCustomerEvent {
  /** The eventId was recorded before: nothing was applied again. */
  duplicate: boolean;
  /** A duplicate whose content (personal fields aside) is not what was recorded under that eventId. */
  differs: boolean;
}

/** An order_refunded event whose amount is more than the order's (known) amount; nothing of it was written. */
export class RefundExceedsOrderError extends Error {
  override readonly name = 'RefundExceedsOrderError';
  constructor(readonly orderAmount: number) {
    super(`the refund is more than the order's amount (${orderAmount} minor units)`);
  }
}

/**
 * The order would take the customer's total spend past 2^53 - 1, the most a money field of the API carries exactly;
 * nothing of the event was written.
 */
export class SpendOutOfRangeError extends Error {
  override readonly name = 'SpendOutOfRangeError';
  constructor() {
    super("the order would take the customer's total spend past 9007199254740991 minor units");
  }
}

/**
 * Applies one storefront event to the customer's profile, once per eventId. The profile is what fraud checks,
 * eligibility rules and emails read; journeys get the event itself as a signal. Personal fields are stored sealed, in
 * the profile and in the stored event; an erased customer's are not stored again (the event's other facts are).
 */
export async function recordCustomerEvent(
  pool: Pool,
  pii: PersonalDataProtection,
  event: CustomerEvent,
  receivedAt: Date = new Date(),
): Promise<RecordedCustomerEvent> {
  const at = event.occurredAt ? new Date(event.occurredAt) : receivedAt;
  const fields = event as unknown as Record<string, unknown>;
  const { rest, personal } = splitPersonalData(fields);
  const carriesPersonalData = Object.keys(personal).length > 0;
  // Keyed, and without the personal fields: it must say nothing about a customer, even after an erasure. Without
  // occurredAt too: a sender that stamps each delivery anew (or a simulation replaying an event later) redelivers.
  const { occurredAt: _stamped, ...content } = rest;
  const contentHash = pii.hash.of('customer-event', canonicalJson(content));
  return inTransaction(pool, async (c) => {
    await c.query(
      `INSERT INTO customers (customer_id, referral_code, pii_key_id) VALUES ($1, $1, $2)
       ON CONFLICT (customer_id) DO NOTHING`,
      [event.customerId, pii.cipher.currentKeyId],
    );
    // Under the profile's lock, so an erasure running meanwhile either sees this event or is seen by it.
    const profile = carriesPersonalData ? await lockedPersonalData(c, pii, event.customerId) : null;
    const keepPersonalData = profile !== null && !profile.erased;
    const payload = sealEventPayload(pii, event.eventId, keepPersonalData ? fields : rest);
    const inserted = await c.query(
      `INSERT INTO customer_events (event_id, customer_id, type, payload, occurred_at, pii_key_id, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
      [
        event.eventId,
        event.customerId,
        event.type,
        JSON.stringify(payload),
        at,
        pii.cipher.currentKeyId,
        contentHash,
      ],
    );
    if (inserted.rowCount === 0) {
      const stored = await c.query<{ content_hash: string | null }>(
        'SELECT content_hash FROM customer_events WHERE event_id = $1',
        [event.eventId],
      );
      const recordedAs = stored.rows[0]?.content_hash ?? null;
      // Events stored before the hash existed cannot tell: a duplicate, as they always were.
      return { duplicate: true, differs: recordedAs !== null && recordedAs !== contentHash };
    }
    switch (event.type) {
      case 'signed_up':
        if (keepPersonalData) {
          // The sign-up's address replaces the one on file; the other fields only fill in or replace when given.
          await writePersonalData(c, pii, event.customerId, { ...profile.data, ...personal });
        }
        await c.query(
          `UPDATE customers SET locale = $2, referred_by = COALESCE($3, referred_by),
             signed_up_at = COALESCE(signed_up_at, $4), last_active_at = GREATEST(last_active_at, $4), updated_at = now()
           WHERE customer_id = $1`,
          [event.customerId, event.locale, event.referralCode ?? null, at],
        );
        break;
      case 'order_placed': {
        const order = await c.query(
          `INSERT INTO customer_orders (order_id, customer_id, amount, categories, placed_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id) DO NOTHING`,
          [event.orderId, event.customerId, event.amount, event.categories, at],
        );
        if (order.rowCount === 0) break;
        if (keepPersonalData)
          await writePersonalData(c, pii, event.customerId, { ...profile.data, ...personal });
        await c
          .query(
            `UPDATE customers SET
             first_order_id = CASE WHEN first_order_at IS NULL OR $3 < first_order_at THEN $2 ELSE first_order_id END,
             first_order_at = LEAST(COALESCE(first_order_at, $3), $3),
             last_order_at = GREATEST(COALESCE(last_order_at, $3), $3),
             order_count = order_count + 1, total_spent = total_spent + $4,
             last_active_at = GREATEST(COALESCE(last_active_at, $3), $3), updated_at = now()
           WHERE customer_id = $1`,
            [event.customerId, event.orderId, at, event.amount],
          )
          .catch((err: unknown) => {
            if (pgConstraint(err) === 'customers_total_spent_json_safe') throw new SpendOutOfRangeError();
            throw err;
          });
        break;
      }
      case 'order_refunded': {
        if (event.amount !== undefined) {
          // A refund of more than the order is a storefront bug; an order we never heard of cannot be checked.
          const placed = await c.query<{ amount: string }>(
            'SELECT amount FROM customer_orders WHERE order_id = $1 AND customer_id = $2',
            [event.orderId, event.customerId],
          );
          const orderAmount = placed.rows[0] ? Number(placed.rows[0].amount) : undefined;
          if (orderAmount !== undefined && event.amount > orderAmount)
            throw new RefundExceedsOrderError(orderAmount);
        }
        const refunded = await c.query<{ amount: string }>(
          `UPDATE customer_orders SET refunded_at = $3 WHERE order_id = $1 AND customer_id = $2 AND refunded_at IS NULL
           RETURNING amount`,
          [event.orderId, event.customerId, at],
        );
        const row = refunded.rows[0];
        if (row) {
          const amount = Math.min(Number(row.amount), event.amount ?? Number(row.amount));
          await c.query(
            `UPDATE customers SET total_spent = GREATEST(total_spent - $2, 0), updated_at = now() WHERE customer_id = $1`,
            [event.customerId, amount],
          );
        }
        break;
      }
      case 'active':
      case 'review_submitted':
        await c.query(
          `UPDATE customers SET last_active_at = GREATEST(COALESCE(last_active_at, $2), $2), updated_at = now()
           WHERE customer_id = $1`,
          [event.customerId, at],
        );
        break;
    }
    return { duplicate: false, differs: false };
  });
}

/** A customer's personal data as stored now, opened, with the row locked for update (the row must exist). */
async function lockedPersonalData(
  c: PoolClient,
  pii: PersonalDataProtection,
  customerId: string,
): Promise<{ data: PersonalData; erased: boolean }> {
  const res = await c.query<PersonalRow>(
    `SELECT customer_id, email, phone, device_id, payment_fingerprint, pii_key_id, erased_at
       FROM customers WHERE customer_id = $1 FOR UPDATE`,
    [customerId],
  );
  const row = res.rows[0]!;
  return { data: openPersonalRow(pii, row), erased: row.erased_at !== null };
}

type PersonalRow = {
  customer_id: string;
  email: string | null;
  phone: string | null;
  device_id: string | null;
  payment_fingerprint: string | null;
  pii_key_id: string | null;
  erased_at: Date | null;
};

/** The personal fields of a customers row in plaintext (sealed under any key of the ring, or not yet sealed). */
export function openPersonalRow(pii: PersonalDataProtection, row: PersonalRow): PersonalData {
  const data: PersonalData = {};
  for (const field of PERSONAL_FIELDS) {
    const stored = row[PERSONAL_COLUMNS[field].sealed as keyof PersonalRow] as string | null;
    const value = openCustomerField(pii, row.customer_id, field, stored, row.pii_key_id);
    if (value !== null) data[field] = value;
  }
  return data;
}

/**
 * Writes every personal field of a customer sealed under the current key, with its keyed hash: a row is always sealed
 * under one key (pii_key_id), so a rotation finds what it still has to reseal.
 */
export async function writePersonalData(
  c: Pick<PoolClient, 'query'>,
  pii: PersonalDataProtection,
  customerId: string,
  data: PersonalData,
): Promise<void> {
  const values: (string | null)[] = [customerId, pii.cipher.currentKeyId];
  const sets: string[] = ['pii_key_id = $2', 'updated_at = now()'];
  for (const field of PERSONAL_FIELDS) {
    const value = data[field];
    const cols = PERSONAL_COLUMNS[field];
    values.push(value === undefined ? null : sealCustomerField(pii, customerId, field, value));
    sets.push(`${cols.sealed} = $${values.length}`);
    values.push(value === undefined ? null : hashOf(pii, field, value));
    sets.push(`${cols.hash} = $${values.length}`);
  }
  await c.query(`UPDATE customers SET ${sets.join(', ')} WHERE customer_id = $1`, values);
}

type ProfileRow = PersonalRow & {
  locale: string;
  referral_code: string;
  signed_up_at: Date | null;
  first_order_id: string | null;
  first_order_at: Date | null;
  last_order_at: Date | null;
  order_count: number;
  total_spent: string;
  last_active_at: Date | null;
};

function toProfile(pii: PersonalDataProtection, r: ProfileRow): CustomerProfile {
  const personal = openPersonalRow(pii, r);
  return {
    customerId: r.customer_id,
    email: personal.email ?? null,
    locale: r.locale === 'en' ? 'en' : 'zh-CN',
    phone: personal.phone ?? null,
    deviceId: personal.deviceId ?? null,
    paymentFingerprint: personal.paymentFingerprint ?? null,
    referralCode: r.referral_code,
    signedUpAt: iso(r.signed_up_at),
    firstOrderId: r.first_order_id,
    firstOrderAt: iso(r.first_order_at),
    lastOrderAt: iso(r.last_order_at),
    orderCount: r.order_count,
    totalSpent: Number(r.total_spent),
    lastActiveAt: iso(r.last_active_at),
    erasedAt: iso(r.erased_at),
  };
}

export async function getCustomerProfile(
  pool: Pool,
  pii: PersonalDataProtection,
  customerId: string,
): Promise<CustomerProfile | null> {
  const res = await pool.query<ProfileRow>('SELECT * FROM customers WHERE customer_id = $1', [customerId]);
  return res.rows[0] ? toProfile(pii, res.rows[0]) : null;
}

/** Where and how to email a customer; an erased customer has no address (so nothing is ever sent again). */
export async function getCustomerContact(
  pool: Pool,
  pii: PersonalDataProtection,
  customerId: string,
): Promise<CustomerContact | null> {
  const profile = await getCustomerProfile(pool, pii, customerId);
  if (!profile) return null;
  const displayName = profile.email ? profile.email.split('@')[0]! : customerId;
  return { email: profile.email, locale: profile.locale, displayName };
}

/**
 * Customers whose email or phone is this one (support's search): matched on the keyed hash in the indexed column,
 * exactly as anti-fraud matching does (email case-insensitive, phone ignoring spaces and dashes), never decrypting
 * and never comparing plaintext. Both given: a customer must match both. Oldest first, at most `limit`.
 */
export async function findCustomersByContact(
  pool: Pool,
  pii: PersonalDataProtection,
  contact: { email?: string; phone?: string },
  limit: number,
): Promise<{ customerId: string; signedUpAt: string | null }[]> {
  const res = await pool.query<{ customer_id: string; signed_up_at: Date | null }>(
    `SELECT customer_id, signed_up_at FROM customers
      WHERE ($1::text IS NULL OR email_hash = $1) AND ($2::text IS NULL OR phone_hash = $2)
        AND ($1::text IS NOT NULL OR $2::text IS NOT NULL)
      ORDER BY created_at, customer_id
      LIMIT $3`,
    [
      contact.email === undefined ? null : hashOf(pii, 'email', contact.email),
      contact.phone === undefined ? null : hashOf(pii, 'phone', contact.phone),
      limit,
    ],
  );
  return res.rows.map((r) => ({
    customerId: r.customer_id,
    signedUpAt: r.signed_up_at?.toISOString() ?? null,
  }));
}

/**
 * The referrer a sign-up's referral code names: a generated share code (any case, spaces and hyphens ignored) first,
 * else the legacy code (the referrer's customer id), which links shared before share codes keep using.
 */
export async function findCustomerByReferralCode(
  pool: Pool,
  pii: PersonalDataProtection,
  code: string,
): Promise<CustomerProfile | null> {
  const res = await pool.query<ProfileRow>(
    `SELECT * FROM customers
      WHERE share_code = upper(translate($1, ' -', '')) OR referral_code = $1
      ORDER BY (share_code IS NOT DISTINCT FROM upper(translate($1, ' -', ''))) DESC LIMIT 1`,
    [code],
  );
  return res.rows[0] ? toProfile(pii, res.rows[0]) : null;
}

/**
 * The customer's share code, set to `candidate` on first use. Null when there is no such customer; 'taken' when the
 * candidate belongs to someone else already (draw another).
 */
export async function ensureShareCode(
  pool: Pool,
  customerId: string,
  candidate: string,
): Promise<string | null | 'taken'> {
  try {
    const set = await pool.query<{ share_code: string }>(
      `UPDATE customers SET share_code = $2 WHERE customer_id = $1 AND share_code IS NULL RETURNING share_code`,
      [customerId, candidate],
    );
    if (set.rows[0]) return set.rows[0].share_code;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return 'taken';
    throw err;
  }
  const existing = await pool.query<{ share_code: string }>(
    'SELECT share_code FROM customers WHERE customer_id = $1',
    [customerId],
  );
  return existing.rows[0]?.share_code ?? null;
}

/**
 * Other customers sharing any fingerprint with this one: the multi-account signal. Compares keyed hashes (indexed),
 * never decrypts; an erased customer has none left.
 */
export async function customersSharingFingerprints(
  pool: Pool,
  pii: PersonalDataProtection,
  profile: CustomerProfile,
  /** Only customers this database knew before this one (by arrival, ties broken by id). */
  onlyEarlier = false,
): Promise<{ customerId: string; shared: string[] }[]> {
  const hash = (field: PersonalField, value: string | null) =>
    value === null ? null : hashOf(pii, field, value);
  const res = await pool.query<{ customer_id: string; shared: string[] }>(
    `SELECT customer_id, array_remove(ARRAY[
        CASE WHEN email_hash = $2 THEN 'email' END,
        CASE WHEN phone_hash = $3 THEN 'phone' END,
        CASE WHEN device_hash = $4 THEN 'device' END,
        CASE WHEN payment_hash = $5 THEN 'payment' END], NULL) AS shared
     FROM customers
     WHERE customer_id <> $1
       AND (email_hash = $2 OR phone_hash = $3 OR device_hash = $4 OR payment_hash = $5)
       AND (NOT $6::boolean
            OR (created_at, customer_id) < (SELECT created_at, customer_id FROM customers WHERE customer_id = $1))
     ORDER BY created_at, customer_id
     LIMIT 20`,
    [
      profile.customerId,
      hash('email', profile.email),
      hash('phone', profile.phone),
      hash('deviceId', profile.deviceId),
      hash('paymentFingerprint', profile.paymentFingerprint),
      onlyEarlier,
    ],
  );
  return res.rows.map((r) => ({ customerId: r.customer_id, shared: r.shared }));
}
