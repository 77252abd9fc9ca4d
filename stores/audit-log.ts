import type { Pool } from 'pg';

export interface AuditEntry {
  actorKeyId: string;
  actorName: string;
  operationId: string;
  method: string;
  /** The request path, e.g. /v1/campaigns/cmp_1/launch. */
  resource: string;
  status: number;
  requestId: string;
}

export interface AuditRecord extends AuditEntry {
  entryId: number;
  occurredAt: string;
}

export interface AuditFilter {
  actorKeyId?: string;
  /**
   * Entries on this path or below it (/v1/campaigns/cmp_1 finds its launch, pause, end ..., never cmp_10's): a prefix
   * that ends at a path segment.
   */
  resource?: string;
  operationId?: string;
  /** Entries older than this entry id (paging backwards, newest first). */
  before?: number;
  limit: number;
}

type Row = {
  entry_id: string;
  occurred_at: Date;
  actor_key_id: string;
  actor_name: string;
  operation_id: string;
  method: string;
  resource: string;
  status: number;
  request_id: string;
};

/** The audit_log table: appended by the API platform, read by GET /v1/audit. */
export class AuditLogStore {
  constructor(private readonly pool: Pool) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.pool.query(
      `INSERT INTO audit_log (actor_key_id, actor_name, operation_id, method, resource, status, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.actorKeyId,
        entry.actorName,
        entry.operationId,
        entry.method,
        entry.resource,
        entry.status,
        entry.requestId,
      ],
    );
  }

  /** Newest first. */
  async list(filter: AuditFilter): Promise<AuditRecord[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM audit_log
        WHERE ($1::text IS NULL OR actor_key_id = $1)
          AND ($2::text IS NULL OR resource = $2 OR starts_with(resource, rtrim($2, '/') || '/'))
          AND ($3::text IS NULL OR operation_id = $3)
          AND ($4::bigint IS NULL OR entry_id < $4)
        ORDER BY entry_id DESC LIMIT $5`,
      [
        filter.actorKeyId ?? null,
        filter.resource ?? null,
        filter.operationId ?? null,
        filter.before ?? null,
        filter.limit,
      ],
    );
    return rows.map((r) => ({
      entryId: Number(r.entry_id),
      occurredAt: r.occurred_at.toISOString(),
      actorKeyId: r.actor_key_id,
      actorName: r.actor_name,
      operationId: r.operation_id,
      method: r.method,
      resource: r.resource,
      status: r.status,
      requestId: r.request_id,
    }));
  }
}
