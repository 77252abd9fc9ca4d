import type { Pool } from 'pg';
import { inTransaction } from '../lib/transaction';
import { openPersonalRow, writePersonalData } from './customers';
import { openEventPayload, sealEventPayload, type PersonalDataProtection } from './personal-data';
import { resealAddress } from './reward-fulfilments';

export interface ResealOutcome {
  customers: number;
  events: number;
  /** Reward fulfilments' delivery addresses. */
  addresses: number;
}

/**
 * Rewrites every customer row and stored event whose personal data is not sealed under the current key: rows from
 * before encryption (plaintext, pii_key_id NULL) and rows sealed under an older key after a rotation. Hashes are
 * recomputed on the way, so `everything` (every row, whatever its key) also moves all hashes to a new hash key.
 * Batches of `batchSize` rows, each in its own transaction, rows locked with SKIP LOCKED: safe to run while the
 * product runs and from several processes at once, and resumable (a row done is no longer selected).
 */
export async function resealPersonalData(
  pool: Pool,
  pii: PersonalDataProtection,
  options: {
    batchSize?: number;
    everything?: boolean;
    /** Stops between batches (a shutdown); what is done stays done, the rest waits for the next run. */
    signal?: AbortSignal;
  } = {},
): Promise<ResealOutcome> {
  const batchSize = options.batchSize ?? 500;
  const current = pii.cipher.currentKeyId;
  const outcome: ResealOutcome = { customers: 0, events: 0, addresses: 0 };
  // With `everything`, a keyset cursor walks the table once; otherwise rows leave the selection as they are done.
  let after = '';
  for (;;) {
    const done = await inTransaction(pool, async (c) => {
      const rows = await c.query<Parameters<typeof openPersonalRow>[1]>(
        `SELECT customer_id, email, phone, device_id, payment_fingerprint, pii_key_id, erased_at FROM customers
          WHERE ($3 OR pii_key_id IS DISTINCT FROM $1) AND customer_id > $4
          ORDER BY customer_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [current, batchSize, options.everything === true, after],
      );
      for (const row of rows.rows) {
        await writePersonalData(c, pii, row.customer_id, openPersonalRow(pii, row));
      }
      if (options.everything) after = rows.rows.at(-1)?.customer_id ?? after;
      return rows.rows.length;
    });
    outcome.customers += done;
    if (done < batchSize || options.signal?.aborted) break;
  }
  after = '';
  while (!options.signal?.aborted) {
    const done = await inTransaction(pool, async (c) => {
      const rows = await c.query<{
        event_id: string;
        payload: Record<string, unknown>;
        pii_key_id: string | null;
      }>(
        `SELECT event_id, payload, pii_key_id FROM customer_events
          WHERE ($3 OR pii_key_id IS DISTINCT FROM $1) AND event_id > $4
          ORDER BY event_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [current, batchSize, options.everything === true, after],
      );
      for (const row of rows.rows) {
        const opened = openEventPayload(pii, row.event_id, row.payload, row.pii_key_id);
        await c.query('UPDATE customer_events SET payload = $2, pii_key_id = $3 WHERE event_id = $1', [
          row.event_id,
          JSON.stringify(sealEventPayload(pii, row.event_id, opened)),
          current,
        ]);
      }
      if (options.everything) after = rows.rows.at(-1)?.event_id ?? after;
      return rows.rows.length;
    });
    outcome.events += done;
    if (done < batchSize) break;
  }
  // Delivery addresses of reward fulfilments (sealed only; hashes have none). `everything` changes nothing here: a
  // hash-key change does not touch them.
  while (!options.signal?.aborted) {
    const done = await inTransaction(pool, async (c) => {
      const rows = await c.query<{ redemption_key: string; address_sealed: string }>(
        `SELECT redemption_key, address_sealed FROM loyalty_reward_fulfilments
          WHERE address_sealed IS NOT NULL AND pii_key_id IS DISTINCT FROM $1
          ORDER BY redemption_key LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [current, batchSize],
      );
      for (const row of rows.rows) {
        await c.query(
          'UPDATE loyalty_reward_fulfilments SET address_sealed = $2, pii_key_id = $3 WHERE redemption_key = $1',
          [row.redemption_key, resealAddress(pii, row.redemption_key, row.address_sealed), current],
        );
      }
      return rows.rows.length;
    });
    outcome.addresses += done;
    if (done < batchSize) break;
  }
  return outcome;
}
