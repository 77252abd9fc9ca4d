import type { Pool } from 'pg';

export interface JourneyEvent {
  workflowId: string;
  step: string;
  kind: string;
  customerId?: string;
  campaignId?: string;
  detail?: Record<string, unknown>;
  /** Workflow time of the step (not wall-clock time: workflows may run on a time-skipping server). */
  occurredAt: string;
}

/** Idempotent by (workflowId, step): a retried activity records the step once. Returns whether it was new. */
export async function recordJourneyEvent(pool: Pool, e: JourneyEvent): Promise<{ recorded: boolean }> {
  const res = await pool.query(
    `INSERT INTO journey_events (workflow_id, step, kind, customer_id, campaign_id, detail, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (workflow_id, step) DO NOTHING`,
    [
      e.workflowId,
      e.step,
      e.kind,
      e.customerId ?? null,
      e.campaignId ?? null,
      JSON.stringify(e.detail ?? {}),
      e.occurredAt,
    ],
  );
  return { recorded: res.rowCount === 1 };
}

/**
 * Journeys that ended `failed` (a step failed for good, workflows/shared/permanent-failure.ts), by journey type: the
 * journal is shared by every worker and API process, so any process can report the count. A partial index keeps this
 * a scan of the failed journeys only.
 */
export async function countFailedJourneys(pool: Pool): Promise<Record<string, number>> {
  const res = await pool.query<{ journey_type: string | null; failed: string }>(
    `SELECT detail->>'journeyType' AS journey_type, COUNT(*) AS failed
       FROM journey_events WHERE kind = 'journey-failed' GROUP BY 1`,
  );
  return Object.fromEntries(res.rows.map((r) => [r.journey_type ?? 'unknown', Number(r.failed)]));
}

/** The journal in the order steps happened (workflow time, then write order): a simulation's scratch journal. */
export async function listJourneyEvents(pool: Pool, limit: number): Promise<JourneyEvent[]> {
  const res = await pool.query<{
    workflow_id: string;
    step: string;
    kind: string;
    customer_id: string | null;
    campaign_id: string | null;
    detail: Record<string, unknown>;
    occurred_at: Date;
  }>(
    `SELECT workflow_id, step, kind, customer_id, campaign_id, detail, occurred_at
       FROM journey_events ORDER BY occurred_at, id LIMIT $1`,
    [limit],
  );
  return res.rows.map((r) => ({
    workflowId: r.workflow_id,
    step: r.step,
    kind: r.kind,
    ...(r.customer_id ? { customerId: r.customer_id } : {}),
    ...(r.campaign_id ? { campaignId: r.campaign_id } : {}),
    detail: r.detail,
    occurredAt: r.occurred_at.toISOString(),
  }));
}

/**
 * The workflow ids of every journey the journal has seen for a customer (most recent step first): what a server that
 * cannot list workflows by search attribute (the time-skipping test server) still lets us find, compensation requests
 * included (their workflow ids carry a request id, so they cannot be derived from the campaign).
 */
export async function journaledJourneysOfCustomer(
  pool: Pool,
  customerId: string,
  limit: number,
): Promise<string[]> {
  const res = await pool.query<{ workflow_id: string }>(
    `SELECT workflow_id FROM journey_events WHERE customer_id = $1
      GROUP BY workflow_id ORDER BY max(occurred_at) DESC LIMIT $2`,
    [customerId, limit],
  );
  return res.rows.map((r) => r.workflow_id);
}

/** How many journeys each campaign has started, and how many of them ended, by how they ended (from the journal). */
export interface JournaledJourneyCounts {
  campaignId: string;
  started: number;
  completed: number;
  cancelled: number;
  refused: number;
  failed: number;
}

/**
 * Journeys per campaign by state, read from the journal every worker writes: a journey counts as started once it has
 * journaled a step, and as ended once it journaled its end (`journey-completed`, `-cancelled`, `-refused`) or its failure.
 */
export async function countJourneysByCampaign(pool: Pool): Promise<JournaledJourneyCounts[]> {
  const res = await pool.query<{
    campaign_id: string;
    started: string;
    completed: string;
    cancelled: string;
    refused: string;
    failed: string;
  }>(
    `SELECT campaign_id,
            count(DISTINCT workflow_id) AS started,
            count(DISTINCT workflow_id) FILTER (WHERE kind = 'journey-completed') AS completed,
            count(DISTINCT workflow_id) FILTER (WHERE kind = 'journey-cancelled') AS cancelled,
            count(DISTINCT workflow_id) FILTER (WHERE kind = 'journey-refused') AS refused,
            count(DISTINCT workflow_id) FILTER (WHERE kind = 'journey-failed') AS failed
       FROM journey_events WHERE campaign_id IS NOT NULL
      GROUP BY campaign_id ORDER BY campaign_id`,
  );
  return res.rows.map((r) => ({
    campaignId: r.campaign_id,
    started: Number(r.started),
    completed: Number(r.completed),
    cancelled: Number(r.cancelled),
    refused: Number(r.refused),
    failed: Number(r.failed),
  }));
}
