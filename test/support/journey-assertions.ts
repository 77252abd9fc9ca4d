import type { Pool } from 'pg';

export interface JournalRow {
  step: string;
  kind: string;
  detail: Record<string, unknown>;
  occurredAt: Date;
}

/** The journey_events rows of one workflow, in the order they happened. */
export async function journal(pool: Pool, workflowId: string): Promise<JournalRow[]> {
  const res = await pool.query<{
    step: string;
    kind: string;
    detail: Record<string, unknown>;
    occurred_at: Date;
  }>(
    'SELECT step, kind, detail, occurred_at FROM journey_events WHERE workflow_id = $1 ORDER BY occurred_at, id',
    [workflowId],
  );
  return res.rows.map((r) => ({ step: r.step, kind: r.kind, detail: r.detail, occurredAt: r.occurred_at }));
}

export const DAY_MS = 86_400_000;

export function daysBetween(from: Date | number, to: Date | number): number {
  return (Number(to) - Number(from)) / DAY_MS;
}
