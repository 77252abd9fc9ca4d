import type { Pool } from 'pg';
import { BUILT_IN_ATTRIBUTES, type AttributeType } from '../contracts/customer-attributes';
import type { SegmentFilter } from '../contracts/segment-filter';
import { inTransaction } from '../lib/transaction';
import { AttributeTypeStore } from './attribute-types';
import { compileSegmentFilter, type CompiledFilter } from './segment-query';
import { SegmentStore } from './segments';

/*
 * Who is in a segment, customer by customer (audiences, segment conditions) and page by page (enrolment): the same
 * compiled predicate as a segment's preview, so an audience and its preview always agree. Erased customers are in no
 * segment.
 */

/** Every attribute's type: the built-in ones and those declared. */
export async function attributeTypes(pool: Pool): Promise<Map<string, AttributeType>> {
  const declared = await new AttributeTypeStore(pool).list();
  return new Map<string, AttributeType>([
    ...Object.entries(BUILT_IN_ATTRIBUTES).map(([name, a]) => [name, a.type] as const),
    ...declared.map((a) => [a.name, a.type] as const),
  ]);
}

/** A saved segment's filter, or null when there is no such segment. */
export async function segmentFilter(pool: Pool, segmentId: string): Promise<SegmentFilter | null> {
  return (await new SegmentStore(pool).get(segmentId))?.filter ?? null;
}

/**
 * How long one customer's membership query may run: a runaway filter is cut. Under the 5 s a journey's read activity
 * may take (workflows/shared/activities.ts), so Postgres answers first and the timeout is seen for what it is.
 */
export const DEFAULT_SEGMENT_TEST_TIMEOUT_MS = 3_000;

/** SQLSTATE query_canceled: what Postgres answers when a statement outlives its statement_timeout. */
export const QUERY_CANCELED = '57014';

/** Whether one customer matches a compiled filter now. */
export async function isMember(
  db: Pick<Pool, 'query'>,
  compiled: CompiledFilter,
  customerId: string,
): Promise<boolean> {
  const id = compiled.params.length + 1;
  const res = await db.query(
    `SELECT 1 FROM customers c WHERE c.customer_id = $${id} AND c.erased_at IS NULL AND ${compiled.predicate}`,
    [...compiled.params, customerId],
  );
  return res.rowCount! > 0;
}

/**
 * Membership of one customer in each filter (by the caller's key), as of an instant: one transaction whose statements
 * are each bounded by `timeoutMs` (SET LOCAL statement_timeout), so a pathological filter neither holds the caller nor
 * a connection longer than that; it fails with Postgres's query_canceled (QUERY_CANCELED).
 */
export async function membership(
  pool: Pool,
  customerId: string,
  filters: ReadonlyMap<string, SegmentFilter | null>,
  asOf: string,
  timeoutMs: number = DEFAULT_SEGMENT_TEST_TIMEOUT_MS,
): Promise<Record<string, boolean>> {
  const types = await attributeTypes(pool);
  const out: Record<string, boolean> = {};
  const asked = [...filters];
  // A segment that does not exist holds nobody.
  for (const [key, filter] of asked) if (filter === null) out[key] = false;
  if (asked.every(([, filter]) => filter === null)) return out;
  await inTransaction(pool, async (c) => {
    // One budget for all the filters of the call (each statement gets what is left of it), so a node asking several
    // questions stays inside the read activity's own timeout and fails as a segment timeout, not as a retried one.
    const deadline = performance.now() + timeoutMs;
    for (const [key, filter] of asked) {
      if (filter === null) continue;
      const left = Math.max(1, Math.floor(deadline - performance.now()));
      await c.query(`SELECT set_config('statement_timeout', $1, true)`, [String(left)]);
      out[key] = await isMember(c, compileSegmentFilter(filter, types, asOf), customerId);
    }
  });
  return out;
}

/** A date attribute's anniversary test: its 'MM-DD' is one of `days`. */
export interface DateMatch {
  attribute: string;
  days: string[];
}

/** The predicate and parameters selecting who an enrolment run takes: the audience, and a date's anniversary. */
function selection(audience: CompiledFilter | null, date: DateMatch | null): CompiledFilter {
  const params = [...(audience?.params ?? [])];
  const parts = ['c.erased_at IS NULL'];
  if (audience) parts.push(audience.predicate);
  if (date) {
    params.push(date.days);
    const days = `$${params.length}::text[]`;
    if (date.attribute === 'birthday') {
      // Literally, so the partial expression index customers_birthday_day_idx applies.
      parts.push(`c.attributes ? 'birthday' AND substr(c.attributes ->> 'birthday', 6, 5) = ANY(${days})`);
    } else {
      params.push(date.attribute);
      const key = `$${params.length}::text`;
      parts.push(`c.attributes ? ${key} AND substr(c.attributes ->> ${key}, 6, 5) = ANY(${days})`);
    }
  }
  return { predicate: parts.map((p) => `(${p})`).join(' AND '), params };
}

/** How many customers an enrolment run selects. */
export async function countSelected(
  pool: Pool,
  audience: CompiledFilter | null,
  date: DateMatch | null,
): Promise<number> {
  const s = selection(audience, date);
  const res = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customers c WHERE ${s.predicate}`,
    s.params,
  );
  return res.rows[0]!.n;
}

/**
 * The next page of customer ids an enrolment run selects, in id order after `after` (keyset pagination: each page is
 * one index range scan, however deep into the audience).
 */
export async function pageSelected(
  pool: Pool,
  audience: CompiledFilter | null,
  date: DateMatch | null,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const s = selection(audience, date);
  const n = s.params.length;
  const res = await pool.query<{ customer_id: string }>(
    `SELECT c.customer_id FROM customers c
      WHERE ${s.predicate} AND ($${n + 1}::text IS NULL OR c.customer_id > $${n + 1}::text)
      ORDER BY c.customer_id LIMIT $${n + 2}`,
    [...s.params, after, limit],
  );
  return res.rows.map((r) => r.customer_id);
}
