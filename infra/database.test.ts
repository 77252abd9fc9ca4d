import type { PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '../test/support/database';
import { createPool } from './database';

/**
 * Postgres dying under a connection the pool has handed out (found by `npm run chaos`: kill -9 of the postmaster took
 * `npm start` down with an unhandled 'error' event of a checked-out pg client).
 */
describe('createPool', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(2);
  });
  afterAll(() => db?.drop());

  it('survives the session of a checked-out connection dying between two queries, and recovers', async () => {
    const lost: string[] = [];
    const pool = createPool(db.url, { connectTimeoutMs: 2_000, statementTimeoutMs: 2_000 }, (m) =>
      lost.push(m),
    );
    const client: PoolClient = await pool.connect();
    let released = false;
    try {
      const ended = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the terminated connection never ended')), 10_000);
        client.once('end', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const backend = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // The server ends the session while the client sits checked out and idle, as a dying postmaster's backends do:
      // the FATAL it sends arrives with no query in flight, i.e. as an 'error' event of the client.
      await db.pool.query('SELECT pg_terminate_backend($1)', [backend.rows[0]!.pid]);
      await ended;

      expect(lost).toEqual(expect.arrayContaining([expect.stringMatching(/^terminating connection/)]));
      await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable/);
      client.release();
      released = true;
      const again = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(again.rows[0]!.one).toBe(1);
      expect(pool.totalCount).toBe(1);
    } finally {
      if (!released) client.release(true);
      await pool.end();
    }
  });
});
