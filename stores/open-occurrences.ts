import type { Pool } from 'pg';

/*
 * The open occurrence journey of a customer in a campaign with a date or calendar entry (migrations/1052): what the
 * event router signals instead of the customer's usual journey id.
 */

/** Records the occurrence `run`'s journeys (workflow ids `<base>/<run>`); a newer occurrence replaces an older one. */
export async function recordOpenOccurrences(
  pool: Pool,
  campaignId: string,
  run: string,
  journeys: readonly { customerId: string; workflowId: string }[],
): Promise<void> {
  if (journeys.length === 0) return;
  await pool.query(
    `INSERT INTO flow_open_occurrences (customer_id, campaign_id, run, workflow_id)
     SELECT j.customer_id, $1, $2, j.workflow_id
       FROM unnest($3::text[], $4::text[]) AS j (customer_id, workflow_id)
     ON CONFLICT (customer_id, campaign_id) DO UPDATE
       SET run = EXCLUDED.run, workflow_id = EXCLUDED.workflow_id, started_at = now()
       WHERE flow_open_occurrences.run <= EXCLUDED.run`,
    [campaignId, run, journeys.map((j) => j.customerId), journeys.map((j) => j.workflowId)],
  );
}

/** The open occurrence journeys of one customer in these campaigns: campaign id → workflow id (one index scan). */
export async function openOccurrencesOf(
  pool: Pool,
  customerId: string,
  campaignIds: readonly string[],
): Promise<Map<string, string>> {
  const res = await pool.query<{ campaign_id: string; workflow_id: string }>(
    `SELECT campaign_id, workflow_id FROM flow_open_occurrences
      WHERE customer_id = $1 AND campaign_id = ANY($2::text[])`,
    [customerId, campaignIds],
  );
  return new Map(res.rows.map((r) => [r.campaign_id, r.workflow_id]));
}

/** Forgets an occurrence journey found ended (only that one: a newer occurrence's row stays). */
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
