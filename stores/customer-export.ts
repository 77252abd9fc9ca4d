import type { Pool } from 'pg';
import { openEventPayload, type PersonalDataProtection } from './personal-data';

export interface ExportedEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  receivedAt: string;
  /** The event as received, personal fields opened (none left after an erasure). */
  payload: Record<string, unknown>;
}

export interface ExportedOrder {
  orderId: string;
  amount: number;
  categories: string[];
  placedAt: string;
  refundedAt: string | null;
}

export interface ExportedReferral {
  refereeId: string;
  referrerId: string;
  campaignId: string;
  status: string;
  createdAt: string;
  paidAt: string | null;
}

export interface ExportedEmail {
  template: string;
  subject: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

/** What the product's own tables hold about a customer beyond the profile, for a data-subject export. */
export async function customerRecords(
  pool: Pool,
  pii: PersonalDataProtection,
  customerId: string,
  /** The customer's address (decrypted), whose emails the log lists; null: none on file (or erased). */
  email: string | null,
): Promise<{
  events: ExportedEvent[];
  orders: ExportedOrder[];
  referrals: ExportedReferral[];
  emails: ExportedEmail[];
}> {
  const [events, orders, referrals, emails] = await Promise.all([
    pool.query<{
      event_id: string;
      type: string;
      occurred_at: Date;
      received_at: Date;
      payload: Record<string, unknown>;
      pii_key_id: string | null;
    }>(
      `SELECT event_id, type, occurred_at, received_at, payload, pii_key_id FROM customer_events
        WHERE customer_id = $1 ORDER BY occurred_at, event_id`,
      [customerId],
    ),
    pool.query<{
      order_id: string;
      amount: string;
      categories: string[];
      placed_at: Date;
      refunded_at: Date | null;
    }>(
      `SELECT order_id, amount, categories, placed_at, refunded_at FROM customer_orders
        WHERE customer_id = $1 ORDER BY placed_at, order_id`,
      [customerId],
    ),
    pool.query<{
      referee_id: string;
      referrer_id: string;
      campaign_id: string;
      status: string;
      created_at: Date;
      paid_at: Date | null;
    }>(
      `SELECT referee_id, referrer_id, campaign_id, status, created_at, paid_at FROM referrals
        WHERE referee_id = $1 OR referrer_id = $1 ORDER BY created_at, referee_id`,
      [customerId],
    ),
    email === null
      ? Promise.resolve({ rows: [] })
      : pool.query<{
          template: string;
          subject: string;
          status: string;
          created_at: Date;
          sent_at: Date | null;
        }>(
          `SELECT template, subject, status, created_at, sent_at FROM email_log
            WHERE lower(recipient) = lower($1) ORDER BY created_at, idempotency_key`,
          [email],
        ),
  ]);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    events: events.rows.map((r) => ({
      eventId: r.event_id,
      type: r.type,
      occurredAt: r.occurred_at.toISOString(),
      receivedAt: r.received_at.toISOString(),
      payload: openEventPayload(pii, r.event_id, r.payload, r.pii_key_id),
    })),
    orders: orders.rows.map((r) => ({
      orderId: r.order_id,
      amount: Number(r.amount),
      categories: r.categories,
      placedAt: r.placed_at.toISOString(),
      refundedAt: iso(r.refunded_at),
    })),
    referrals: referrals.rows.map((r) => ({
      refereeId: r.referee_id,
      referrerId: r.referrer_id,
      campaignId: r.campaign_id,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      paidAt: iso(r.paid_at),
    })),
    emails: (
      emails.rows as {
        template: string;
        subject: string;
        status: string;
        created_at: Date;
        sent_at: Date | null;
      }[]
    ).map((r) => ({
      template: r.template,
      subject: r.subject,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      sentAt: iso(r.sent_at),
    })),
  };
}
