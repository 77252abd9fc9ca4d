/**
 * The journal row of a step whose effect is one write activity (a grant, a points earn, a tier change, an email),
 * handed to that activity so it records the step itself once its write succeeded: one activity task instead of two
 * (six history events and a round trip through the worker saved per step). The write and the row stay two idempotent
 * statements — a retry after the write replays it and records the row — so nothing is written twice or lost.
 */
export interface JournalWithWrite {
  workflowId: string;
  step: string;
  kind: string;
  customerId?: string;
  campaignId?: string;
  detail: Record<string, unknown>;
  /** Workflow time of the step. */
  occurredAt: string;
  /** Detail fields the write's result supplies: detail key → result key. */
  fromResult?: Record<string, string>;
}

/** The detail fields a write's result supplies; a key the result lacks (or holds null) is left out. */
export function detailFromResult(
  result: unknown,
  fromResult: Record<string, string> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (result === null || typeof result !== 'object') return out;
  for (const [detailKey, resultKey] of Object.entries(fromResult)) {
    const value = (result as Record<string, unknown>)[resultKey];
    if (value !== undefined && value !== null) out[detailKey] = value;
  }
  return out;
}
