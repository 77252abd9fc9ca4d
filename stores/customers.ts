import type { Pool } from 'pg';
import { inTransaction } from '../lib/transaction';
import type { CustomerEvent } from '../contracts/customer-events';

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
}

const iso = (v: Date | null): string | null => (v ? v.toISOString() : null);

/**
 * Applies one storefront event to the customer's profile, once per eventId. The profile is what fraud checks,
 * eligibility rules and emails read; journeys get the event itself as a signal.
 */
export async function recordCustomerEvent(
  pool: Pool,
  event: CustomerEvent,
  receivedAt: Date = new Date(),
): Promise<{ duplicate: boolean }> {
  const at = event.occurredAt ? new Date(event.occurredAt) : receivedAt;
  return inTransaction(pool, async (c) => {
    const inserted = await c.query(
      `INSERT INTO customer_events (event_id, customer_id, type, payload, occurred_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING`,
      [event.eventId, event.customerId, event.type, JSON.stringify(event), at],
    );
    if (inserted.rowCount === 0) return { duplicate: true };
    await c.query(
      `INSERT INTO customers (customer_id, referral_code) VALUES ($1, $1) ON CONFLICT (customer_id) DO NOTHING`,
      [event.customerId],
    );
    switch (event.type) {
      case 'signed_up':
        await c.query(
          `UPDATE customers SET email = $2, locale = $3, phone = COALESCE($4, phone), device_id = COALESCE($5, device_id),
             payment_fingerprint = COALESCE($6, payment_fingerprint), referred_by = COALESCE($7, referred_by),
             signed_up_at = COALESCE(signed_up_at, $8), last_active_at = GREATEST(last_active_at, $8), updated_at = now()
           WHERE customer_id = $1`,
          [
            event.customerId,
            event.email,
            event.locale,
            event.phone ?? null,
            event.deviceId ?? null,
            event.paymentFingerprint ?? null,
            event.referralCode ?? null,
            at,
          ],
        );
        break;
      case 'order_placed': {
        const order = await c.query(
          `INSERT INTO customer_orders (order_id, customer_id, amount, categories, placed_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id) DO NOTHING`,
          [event.orderId, event.customerId, event.amount, event.categories, at],
        );
        if (order.rowCount === 0) break;
        await c.query(
          `UPDATE customers SET
             first_order_id = CASE WHEN first_order_at IS NULL OR $3 < first_order_at THEN $2 ELSE first_order_id END,
             first_order_at = LEAST(COALESCE(first_order_at, $3), $3),
             last_order_at = GREATEST(COALESCE(last_order_at, $3), $3),
             order_count = order_count + 1, total_spent = total_spent + $4,
             payment_fingerprint = COALESCE($5, payment_fingerprint),
             last_active_at = GREATEST(COALESCE(last_active_at, $3), $3), updated_at = now()
           WHERE customer_id = $1`,
          [event.customerId, event.orderId, at, event.amount, event.paymentFingerprint ?? null],
        );
        break;
      }
      case 'order_refunded': {
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
    return { duplicate: false };
  });
}

type ProfileRow = {
  customer_id: string;
  email: string | null;
  locale: string;
  phone: string | null;
  device_id: string | null;
  payment_fingerprint: string | null;
  referral_code: string;
  signed_up_at: Date | null;
  first_order_id: string | null;
  first_order_at: Date | null;
  last_order_at: Date | null;
  order_count: number;
  total_spent: string;
  last_active_at: Date | null;
};

function toProfile(r: ProfileRow): CustomerProfile {
  return {
    customerId: r.customer_id,
    email: r.email,
    locale: r.locale === 'en' ? 'en' : 'zh-CN',
    phone: r.phone,
    deviceId: r.device_id,
    paymentFingerprint: r.payment_fingerprint,
    referralCode: r.referral_code,
    signedUpAt: iso(r.signed_up_at),
    firstOrderId: r.first_order_id,
    firstOrderAt: iso(r.first_order_at),
    lastOrderAt: iso(r.last_order_at),
    orderCount: r.order_count,
    totalSpent: Number(r.total_spent),
    lastActiveAt: iso(r.last_active_at),
  };
}

export async function getCustomerProfile(pool: Pool, customerId: string): Promise<CustomerProfile | null> {
  const res = await pool.query<ProfileRow>('SELECT * FROM customers WHERE customer_id = $1', [customerId]);
  return res.rows[0] ? toProfile(res.rows[0]) : null;
}

export async function getCustomerContact(pool: Pool, customerId: string): Promise<CustomerContact | null> {
  const profile = await getCustomerProfile(pool, customerId);
  if (!profile) return null;
  const displayName = profile.email ? profile.email.split('@')[0]! : customerId;
  return { email: profile.email, locale: profile.locale, displayName };
}

/**
 * The referrer a sign-up's referral code names: a generated share code (any case, spaces and hyphens ignored) first,
 * else the legacy code (the referrer's customer id), which links shared before share codes keep using.
 */
export async function findCustomerByReferralCode(pool: Pool, code: string): Promise<CustomerProfile | null> {
  const res = await pool.query<ProfileRow>(
    `SELECT * FROM customers
      WHERE share_code = upper(translate($1, ' -', '')) OR referral_code = $1
      ORDER BY (share_code IS NOT DISTINCT FROM upper(translate($1, ' -', ''))) DESC LIMIT 1`,
    [code],
  );
  return res.rows[0] ? toProfile(res.rows[0]) : null;
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

/** Other customers sharing any fingerprint with this one: the multi-account signal. */
export async function customersSharingFingerprints(
  pool: Pool,
  profile: CustomerProfile,
): Promise<{ customerId: string; shared: string[] }[]> {
  const res = await pool.query<{ customer_id: string; shared: string[] }>(
    `SELECT customer_id, array_remove(ARRAY[
        CASE WHEN $2::text IS NOT NULL AND lower(email) = lower($2) THEN 'email' END,
        CASE WHEN $3::text IS NOT NULL AND phone = $3 THEN 'phone' END,
        CASE WHEN $4::text IS NOT NULL AND device_id = $4 THEN 'device' END,
        CASE WHEN $5::text IS NOT NULL AND payment_fingerprint = $5 THEN 'payment' END], NULL) AS shared
     FROM customers
     WHERE customer_id <> $1
       AND ((($2::text IS NOT NULL) AND lower(email) = lower($2)) OR ($3::text IS NOT NULL AND phone = $3)
         OR ($4::text IS NOT NULL AND device_id = $4) OR ($5::text IS NOT NULL AND payment_fingerprint = $5))
     LIMIT 20`,
    [profile.customerId, profile.email, profile.phone, profile.deviceId, profile.paymentFingerprint],
  );
  return res.rows.map((r) => ({ customerId: r.customer_id, shared: r.shared }));
}
