import type { Pool, PoolClient } from 'pg';

/*
 * The open occurrence journeys of a customer in a campaign with a date or calendar entry (migrations/1052, 1053): what
 * the event router signals instead of the customer's usual journey id.
 */

/**
 * How many of a customer's newest occurrences of one campaign hear events, a safety net: a journey removes its own row
 * at its end (flow interpreter, FORGET_OCCURRENCE_PATCH) and an event that finds one ended removes it, so rows are open
 * journeys — except those a failure or a cancel ended, and those recorded just after their journey ended. Past the
 * net a journey still waiting 32 occurrences later (a month on a daily rule) no longer hears events.
 */
export const OPEN_OCCURRENCES_HEARD = 32;

/** Records the occurrence `run`'s journeys (workflow ids `<base>/<run>`) beside the customers' older open ones. */
export async function recordOpenOccurrences(
  pool: Pool,
  campaignId: string,
  run: string,
  journeys: readonly { customerId: string; workflowId: string }[],
): Promise<void> {
  if (journeys.length === 0) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await recordAndTrim(client, campaignId, run, journeys);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function recordAndTrim(
  client: PoolClient,
  campaignId: string,
  run: string,
  journeys: readonly { customerId: string; workflowId: string }[],
): Promise<void> {
  await client.query(
    `INSERT INTO flow_open_occurrences (customer_id, campaign_id, run, workflow_id)
     SELECT j.customer_id, $1, $2, j.workflow_id
       FROM unnest($3::text[], $4::text[]) AS j (customer_id, workflow_id)
     ON CONFLICT (customer_id, campaign_id, run) DO NOTHING`,
    [campaignId, run, journeys.map((j) => j.customerId), journeys.map((j) => j.workflowId)],
  );
  // Runs are local dates (YYYY-MM-DD): text order is time order.
  await client.query(
    `DELETE FROM flow_open_occurrences f
      USING (SELECT customer_id, run,
                    row_number() OVER (PARTITION BY customer_id ORDER BY run DESC) AS newest
               FROM flow_open_occurrences
              WHERE campaign_id = $1 AND customer_id = ANY($2::text[])) ranked
      WHERE f.campaign_id = $1 AND f.customer_id = ranked.customer_id AND f.run = ranked.run
        AND ranked.newest > $3`,
    [campaignId, journeys.map((j) => j.customerId), OPEN_OCCURRENCES_HEARD],
  );
}

/**
 * The open occurrence journeys of one customer in these campaigns: campaign id → workflow ids, oldest occurrence first
 * (one index scan).
 */
export async function openOccurrencesOf(
  pool: Pool,
  customerId: string,
  campaignIds: readonly string[],
): Promise<Map<string, string[]>> {
  const res = await pool.query<{ campaign_id: string; workflow_id: string }>(
    `SELECT campaign_id, workflow_id FROM flow_open_occurrences
      WHERE customer_id = $1 AND campaign_id = ANY($2::text[])
      ORDER BY campaign_id, run`,
    [customerId, campaignIds],
  );
  const open = new Map<string, string[]>();
  for (const r of res.rows) open.set(r.campaign_id, [...(open.get(r.campaign_id) ?? []), r.workflow_id]);
  return open;
}

/** Rows one statement of forgetOpenOccurrences deletes (a short statement each, however large the campaign). */
const FORGET_BATCH = 10_000;

/** An ended campaign's occurrences hear nothing more: its rows go, in batches. */
export async function forgetOpenOccurrences(pool: Pool, campaignId: string): Promise<void> {
  for (;;) {
    const res = await pool.query(
      `DELETE FROM flow_open_occurrences
        WHERE ctid IN (SELECT ctid FROM flow_open_occurrences WHERE campaign_id = $1 LIMIT $2)`,
      [campaignId, FORGET_BATCH],
    );
    if ((res.rowCount ?? 0) < FORGET_BATCH) return;
  }
}

/** Forgets an occurrence journey that ended or was found ended (only that one: the customer's others stay). */
export async function clearOpenOccurrence(
  pool: Pool,
  customerId: string,
  campaignId: string,
  workflowId: string,
): Promise<void> {
  await pool.query(
    'DELETE FROM flow_open_occurrences WHERE customer_id = $1 AND campaign_id = $2 AND workflow_id = $3',
    [customerId, campaignId, workflowId],
  );
}
