import type { Pool } from 'pg';
import { pageInCreationOrder, type CreationOrderPage, type PageOf } from './creation-order-page';
import type { SegmentFilter } from '../contracts/segment-filter';
import { inTransaction } from '../lib/transaction';
import type { CompiledFilter } from './segment-query';

/** A saved audience: its filter as given (validated on create, compiled on every read). */
export interface SegmentRecord {
  segmentId: string;
  name: string;
  filter: SegmentFilter;
  createdBy: string | null;
  createdAt: string;
}

type Row = {
  segment_id: string;
  name: string;
  filter: SegmentFilter;
  created_by: string | null;
  created_at: Date;
};

const toRecord = (r: Row): SegmentRecord => ({
  segmentId: r.segment_id,
  name: r.name,
  filter: r.filter,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

/** Who a segment holds now: how many, and the first customer ids (in id order). */
export interface SegmentPreview {
  count: number;
  sample: string[];
}

/** SQL of saved segments and of running a compiled filter over the customers. */
export class SegmentStore {
  constructor(private readonly pool: Pool) {}

  async create(s: { segmentId: string; name: string; filter: SegmentFilter; createdBy: string | null }) {
    const res = await this.pool.query<Row>(
      'INSERT INTO segments (segment_id, name, filter, created_by) VALUES ($1, $2, $3, $4) RETURNING *',
      [s.segmentId, s.name, JSON.stringify(s.filter), s.createdBy],
    );
    return toRecord(res.rows[0]!);
  }

  async get(segmentId: string): Promise<SegmentRecord | null> {
    const res = await this.pool.query<Row>('SELECT * FROM segments WHERE segment_id = $1', [segmentId]);
    return res.rows[0] ? toRecord(res.rows[0]) : null;
  }

  /** A page of the segments oldest first; null when `after` names no segment. */
  async page(page: CreationOrderPage): Promise<PageOf<SegmentRecord> | null> {
    const found = await pageInCreationOrder<Row>(
      this.pool,
      { table: 'segments', idColumn: 'segment_id' },
      page,
    );
    return found && { items: found.items.map(toRecord), next: found.next };
  }

  /**
   * Members of a compiled filter in one statement, bounded by `timeoutMs` (Postgres cancels it: error 57014).
   * Erased customers are no one's audience: nothing may be sent to them.
   */
  async preview(compiled: CompiledFilter, sampleSize: number, timeoutMs: number): Promise<SegmentPreview> {
    return inTransaction(this.pool, async (c) => {
      await c.query(`SELECT set_config('statement_timeout', $1, true)`, [String(timeoutMs)]);
      const limit = compiled.params.length + 1;
      const res = await c.query<{ count: number; sample: string[] }>(
        `WITH members AS MATERIALIZED (
           SELECT c.customer_id FROM customers c WHERE c.erased_at IS NULL AND ${compiled.predicate})
         SELECT (SELECT count(*) FROM members)::int AS count,
                ARRAY(SELECT customer_id FROM members ORDER BY customer_id LIMIT $${limit}) AS sample`,
        [...compiled.params, sampleSize],
      );
      return { count: res.rows[0]!.count, sample: res.rows[0]!.sample };
    });
  }
}
