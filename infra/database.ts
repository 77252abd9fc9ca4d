import { Pool } from 'pg';

/**
 * The process's Postgres pool. A broken idle connection (database restart, failover) is replaced on the next checkout;
 * without a listener the pool's error event would crash the process.
 */
export function createPool(connectionString: string, onIdleError: (message: string) => void, max = 20): Pool {
  const pool = new Pool({ connectionString, max });
  pool.on('error', (err) => onIdleError(err.message));
  return pool;
}

/** Liveness probe of the database (the health check's query). */
export async function pingDatabase(pool: Pool): Promise<void> {
  await pool.query('SELECT 1');
}
