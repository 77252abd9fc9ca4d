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
