import type { Pool } from 'pg';
import type { CapturedMail } from '../../infra/dev/mail-capture';
import { LEDGER_INVARIANTS } from '../../test/support/ledger';
import { JOURNEY_PLUGINS } from '../../workflows/journeys/registry';

/**
 * Everything that must hold after every chaos round, whatever was killed when. Each check is one SQL query whose
 * rows are violations: the ledger's own invariants (shared with the ledger's tests) and the product's promises.
 */
interface ProductInvariant {
  name: string;
  sql: string;
  params: unknown[];
  describe(row: Record<string, unknown>): string;
}

/** Journey types a customer runs at most once per campaign (trial credit, repurchase vouchers, referral). */
const ONCE_PER_CUSTOMER = JOURNEY_PLUGINS.filter((p) => p.cardinality === 'once-per-customer').map(
  (p) => p.type,
);

const PRODUCT_INVARIANTS: readonly ProductInvariant[] = [
  {
    // A once-per-customer journey grants each of its offers (trial credit; voucher A; voucher B) at most once, however
    // often its events were redelivered or its worker died in the middle of a grant.
    name: 'one-lot-per-once-per-customer-journey',
    sql: `SELECT l.campaign_id, l.customer_id, l.source->>'reason' AS reason, count(*) AS n
            FROM ledger_lots l JOIN campaigns c ON c.campaign_id = l.campaign_id
           WHERE c.journey_type = ANY ($1::text[])
           GROUP BY l.campaign_id, l.customer_id, l.source->>'reason'
          HAVING count(*) > 1`,
    params: [ONCE_PER_CUSTOMER],
    describe: (r) => `${r.n} lots '${r.reason}' for ${r.customer_id} in once-per-customer ${r.campaign_id}`,
  },
  {
    // An email's idempotency key is <workflow id>/<first run id>/<step>: a once-per-customer journey that ran twice
    // would log the same step under a second run id, i.e. send the customer the same email twice.
    name: 'no-duplicate-email',
    sql: `SELECT e.recipient, e.template, c.campaign_id, count(*) AS n, array_agg(e.idempotency_key) AS keys
            FROM email_log e JOIN campaigns c ON starts_with(e.idempotency_key, 'journey/' || c.campaign_id || '/')
           WHERE c.journey_type = ANY ($1::text[])
           GROUP BY e.recipient, e.template, c.campaign_id,
                    regexp_replace(e.idempotency_key, '^(journey/[^/]+/[^/]+)/[^/]+/', '\\1/')
          HAVING count(*) > 1`,
    params: [ONCE_PER_CUSTOMER],
    describe: (r) =>
      `${r.n} '${r.template}' emails to ${r.recipient} from ${r.campaign_id}: ${String(r.keys)}`,
  },
];

export interface InvariantResult {
  name: string;
  violations: string[];
}

/** Runs every invariant; a query that fails (the database is down) is an error for the caller, not a pass. */
export async function checkInvariants(pool: Pool): Promise<InvariantResult[]> {
  const results: InvariantResult[] = [];
  for (const check of LEDGER_INVARIANTS) {
    const rows = await pool.query<Record<string, unknown>>(check.sql);
    results.push({ name: check.name, violations: rows.rows.map((r) => check.describe(r)) });
  }
  for (const check of PRODUCT_INVARIANTS) {
    const rows = await pool.query<Record<string, unknown>>(check.sql, check.params);
    results.push({ name: check.name, violations: rows.rows.map((r) => check.describe(r)) });
  }
  return results;
}

export interface InboxCheck {
  /** Emails (idempotency keys) handed to the SMTP server more than once with different Message-IDs: a violation. */
  duplicates: string[];
  /**
   * Emails handed over again with the same Message-ID: the documented window of the outbox (a crash between the SMTP
   * hand-off and the 'sent' update); receivers drop the copy by its Message-ID.
   */
  resentSameMessageId: number;
}

/** What the chaos run's SMTP capture received, grouped by the outbox's idempotency-key header. */
export function checkInbox(messages: readonly CapturedMail[]): InboxCheck {
  const byKey = new Map<string, string[]>();
  for (const m of messages) {
    const key = m.headers['x-perkflow-idempotency-key'];
    if (!key) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), m.headers['message-id'] ?? '']);
  }
  const duplicates: string[] = [];
  let resentSameMessageId = 0;
  for (const [key, ids] of byKey) {
    if (new Set(ids).size > 1)
      duplicates.push(`${key}: ${ids.length} deliveries, Message-IDs ${ids.join(', ')}`);
    else resentSameMessageId += ids.length - 1;
  }
  return { duplicates, resentSameMessageId };
}
