import type { Pool } from 'pg';

/** The first response to a request, as it is replayed byte for byte. */
export interface StoredResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface IdempotentRequest {
  /** Whose key space this is (the API key id): two callers may use the same Idempotency-Key independently. */
  ownerId: string;
  key: string;
  requestHash: string;
  method: string;
  path: string;
}

export type BeginOutcome =
  /** `claim` identifies this claim: completing or releasing with it does nothing once another request took over. */
  | { kind: 'started'; claim: string }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

export interface IdempotencyOptions {
  /** How long a key is remembered after its first use. */
  ttlMs: number;
  /**
   * An 'in_progress' claim older than this is taken as abandoned (the process died mid-request) and may be claimed
   * again by a retry of the same request.
   */
  lockTimeoutMs: number;
}

export const DEFAULT_IDEMPOTENCY_OPTIONS: IdempotencyOptions = {
  ttlMs: 24 * 3_600_000,
  lockTimeoutMs: 60_000,
};

interface KeyRow {
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_content_type: string | null;
  response_body: string | null;
}

/** Idempotency-Key records in Postgres (table idempotency_keys). */
export class IdempotencyStore {
  private readonly options: IdempotencyOptions;

  constructor(
    private readonly pool: Pool,
    options: Partial<IdempotencyOptions> = {},
  ) {
    this.options = { ...DEFAULT_IDEMPOTENCY_OPTIONS, ...options };
  }

  /**
   * Claims the key for this request, or says why not. The claim is one statement, so two concurrent requests with
   * the same key cannot both start: the loser sees the winner's row.
   */
  async begin(req: IdempotentRequest): Promise<BeginOutcome> {
    // A row removed by release() between our insert attempt and our read is simply retried.
    for (let attempt = 0; attempt < 3; attempt++) {
      const claimed = await this.pool.query<{ claim: string }>(
        `INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, method, path, state, expires_at)
         VALUES ($1, $2, $3, $4, $5, 'in_progress', now() + $6 * interval '1 millisecond')
         ON CONFLICT (owner_id, idempotency_key) DO UPDATE SET
           request_hash = EXCLUDED.request_hash, method = EXCLUDED.method, path = EXCLUDED.path,
           state = 'in_progress', response_status = NULL, response_content_type = NULL, response_body = NULL,
           locked_at = now(), created_at = now(), completed_at = NULL, expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= now()
            OR (idempotency_keys.state = 'in_progress'
                AND idempotency_keys.request_hash = EXCLUDED.request_hash
                AND idempotency_keys.locked_at < now() - $7 * interval '1 millisecond')
         RETURNING locked_at::text AS claim`,
        [
          req.ownerId,
          req.key,
          req.requestHash,
          req.method,
          req.path,
          this.options.ttlMs,
          this.options.lockTimeoutMs,
        ],
      );
      if (claimed.rows[0]) return { kind: 'started', claim: claimed.rows[0].claim };

      const { rows } = await this.pool.query<KeyRow>(
        `SELECT request_hash, state, response_status, response_content_type, response_body
         FROM idempotency_keys WHERE owner_id = $1 AND idempotency_key = $2`,
        [req.ownerId, req.key],
      );
      const row = rows[0];
      if (!row) continue;
      if (row.request_hash !== req.requestHash) return { kind: 'mismatch' };
      if (row.state === 'in_progress') return { kind: 'in-progress' };
      return {
        kind: 'replay',
        response: {
          status: row.response_status!,
          contentType: row.response_content_type ?? 'application/json',
          body: row.response_body!,
        },
      };
    }
    throw new Error('idempotency key could not be claimed or read');
  }

  /** Records the first response; later requests with the same key and request replay it. */
  async complete(ownerId: string, key: string, response: StoredResponse, claim?: string): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_keys
       SET state = 'completed', response_status = $3, response_content_type = $4, response_body = $5, completed_at = now()
       WHERE owner_id = $1 AND idempotency_key = $2 AND state = 'in_progress'
         AND ($6::timestamptz IS NULL OR locked_at = $6::timestamptz)`,
      [ownerId, key, response.status, response.contentType, response.body, claim ?? null],
    );
  }

  /** Forgets an in-progress claim (the request failed unexpectedly), so the client may retry with the same key. */
  async release(ownerId: string, key: string, claim?: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM idempotency_keys WHERE owner_id = $1 AND idempotency_key = $2 AND state = 'in_progress'
         AND ($3::timestamptz IS NULL OR locked_at = $3::timestamptz)`,
      [ownerId, key, claim ?? null],
    );
  }

  /** Deletes expired records; returns how many. Expired keys are also reclaimed lazily by begin(). */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM idempotency_keys WHERE expires_at <= now()');
    return rowCount ?? 0;
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM idempotency_keys');
    return Number(rows[0]!.n);
  }
}
