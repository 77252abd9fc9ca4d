import type { Pool } from 'pg';
import { pageInCreationOrder, type CreationOrderPage, type PageOf } from './creation-order-page';
import { inTransaction } from '../lib/transaction';

/** An API key as the API sees it: never the key itself, only its hash (for lookup) and display prefix. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  roles: string[];
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewApiKey {
  id: string;
  name: string;
  prefix: string;
  keyHash: Buffer;
  roles: readonly string[];
  createdBy: string | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  roles: string[];
  created_by: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, prefix, roles, created_by, created_at, revoked_at';

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    roles: row.roles,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

export type RevokeOutcome =
  | { kind: 'revoked'; record: ApiKeyRecord }
  | { kind: 'not-found' }
  /** Refused: it is the only active key holding the admin role. */
  | { kind: 'last-admin' };

/** API keys in Postgres (table api_keys). Hashing and key generation belong to the caller. */
export class ApiKeyStore {
  constructor(private readonly pool: Pool) {}

  async create(key: NewApiKey): Promise<ApiKeyRecord> {
    const { rows } = await this.pool.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, name, prefix, key_hash, roles, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [key.id, key.name, key.prefix, key.keyHash, key.roles, key.createdBy],
    );
    return toRecord(rows[0]!);
  }

  /** Inserts the key unless a key with the same hash exists; returns the stored record either way. */
  async createIfAbsent(key: NewApiKey): Promise<{ record: ApiKeyRecord; created: boolean }> {
    const inserted = await this.pool.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, name, prefix, key_hash, roles, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key_hash) DO NOTHING RETURNING ${COLUMNS}`,
      [key.id, key.name, key.prefix, key.keyHash, key.roles, key.createdBy],
    );
    if (inserted.rows[0]) return { record: toRecord(inserted.rows[0]), created: true };
    const existing = await this.findByHash(key.keyHash);
    if (!existing) throw new Error('api key vanished between insert and lookup');
    return { record: existing, created: false };
  }

  async findByHash(keyHash: Buffer): Promise<ApiKeyRecord | null> {
    const { rows } = await this.pool.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [
      keyHash,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(id: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.pool.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** A page of the keys oldest first (without secrets); null when `after` names no key. */
  async page(page: CreationOrderPage): Promise<PageOf<ApiKeyRecord> | null> {
    const found = await pageInCreationOrder<ApiKeyRow>(
      this.pool,
      { table: 'api_keys', idColumn: 'id', columns: COLUMNS },
      page,
    );
    return found && { items: found.items.map(toRecord), next: found.next };
  }

  async list(): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query<ApiKeyRow>(
      `SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`,
    );
    return rows.map(toRecord);
  }

  /**
   * Marks the key revoked (keeping the first revocation time), unless it is the last active admin key: without one,
   * no key could be managed until a restart with a new bootstrap key. The active admin keys are locked (in id
   * order) before the check, so of two concurrent revocations of the last two admin keys the second sees the first
   * committed and is refused.
   */
  async revoke(id: string): Promise<RevokeOutcome> {
    return inTransaction(this.pool, async (client) => {
      const admins = await client.query<{ id: string }>(
        `SELECT id FROM api_keys WHERE revoked_at IS NULL AND 'admin' = ANY (roles) ORDER BY id FOR UPDATE`,
      );
      if (admins.rows.length === 1 && admins.rows[0]!.id === id) return { kind: 'last-admin' };
      const { rows } = await client.query<ApiKeyRow>(
        `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
        [id],
      );
      return rows[0] ? { kind: 'revoked', record: toRecord(rows[0]) } : { kind: 'not-found' };
    });
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM api_keys');
    return Number(rows[0]!.n);
  }
}
