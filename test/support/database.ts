import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { harnessValue } from './shared-env';

export interface TestDatabase {
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: harnessValue('pgAdminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, fully migrated database cloned from the run's template. */
export async function createTestDatabase(poolSize = 20): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${harnessValue('pgTemplate')}`));
  const u = new URL(harnessValue('pgAdminUrl'));
  u.pathname = `/${name}`;
  const url = u.toString();
  const pool = new Pool({ connectionString: url, max: poolSize });
  // The drop below terminates (57P01) any connection something still holds; an idle client reports that as a pool
  // error, which must not fail the test file that is just cleaning up.
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') console.error('test database pool error', err);
  });
  return {
    url,
    pool,
    drop: async () => {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The tables of the public schema (partitions counted through their parent), read once per pool. */
const tablesOf = new WeakMap<Pool, Promise<string[]>>();
function tables(pool: Pool): Promise<string[]> {
  let listed = tablesOf.get(pool);
  if (!listed) {
    listed = pool
      .query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
      )
      .then((r) => r.rows.map((row) => row.name));
    tablesOf.set(pool, listed);
  }
  return listed;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Row count of every table (migrations add tables; this list follows them). */
export async function rowCounts(pool: Pool): Promise<Record<string, number>> {
  const names = await tables(pool);
  const res = await pool.query<{ name: string; rows: number }>(
    names
      .map((t, i) => `SELECT $${i + 1}::text AS name, count(*)::int AS rows FROM ${quoted(t)}`)
      .join(' UNION ALL '),
    names,
  );
  return Object.fromEntries(res.rows.map((r) => [r.name, r.rows]));
}

export interface TableContents {
  rows: number;
  /** Order-independent digest of every row's text, so an UPDATE shows as well as an INSERT or DELETE. */
  digest: string;
}

/** Row count and content digest of every table: equal before and after proves nothing was written. */
export async function contentSnapshot(pool: Pool): Promise<Record<string, TableContents>> {
  const names = await tables(pool);
  const res = await pool.query<{ name: string; rows: number; digest: string }>(
    names
      .map(
        (t, i) =>
          `SELECT $${i + 1}::text AS name, count(*)::int AS rows,
                  coalesce(sum(hashtextextended(x::text, 0)), 0)::text AS digest FROM ${quoted(t)} x`,
      )
      .join(' UNION ALL '),
    names,
  );
  return Object.fromEntries(res.rows.map((r) => [r.name, { rows: r.rows, digest: r.digest }]));
}
