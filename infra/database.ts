import { Pool } from 'pg';

export interface PoolDeadlines {
  /** How long a checkout may wait for a new connection (a frozen server accepts TCP but never answers). */
  connectTimeoutMs: number;
  /** Server-side statement_timeout and client-side query deadline (a little later, for the server to answer first). */
  statementTimeoutMs: number;
}

/** Slack the client gives the server to report its own statement timeout before the client gives up on the socket. */
const CLIENT_SLACK_MS = 1_000;

/**
 * The process's Postgres pool, with a deadline on every call. A broken connection (database restart, failover) is
 * replaced on the next checkout; `onConnectionLost` hears of it (without a listener the error would crash the process).
 */
export function createPool(
  connectionString: string,
  deadlines: PoolDeadlines,
  onConnectionLost: (message: string) => void,
  max = 20,
): Pool {
  const pool = new Pool({
    connectionString,
    max,
    connectionTimeoutMillis: deadlines.connectTimeoutMs,
    statement_timeout: deadlines.statementTimeoutMs,
    // A transaction left open by a crashed caller must not hold its locks for ever.
    idle_in_transaction_session_timeout: deadlines.statementTimeoutMs * 2,
    query_timeout: deadlines.statementTimeoutMs + CLIENT_SLACK_MS,
  });
  pool.on('error', (err) => onConnectionLost(err.message));
  // The pool listens only to its idle connections. One handed out whose session dies between two queries (Postgres
  // killed or restarted under a transaction) would emit an unhandled 'error' and take the whole process down; with
  // this listener the next query on it fails instead (a database outage: 503) and release() drops it.
  const onCheckedOutError = (err: Error) => onConnectionLost(err.message);
  pool.on('acquire', (client) => client.on('error', onCheckedOutError));
  pool.on('release', (_err, client) => client.removeListener('error', onCheckedOutError));
  return pool;
}

/** The pool deadlines from configuration. */
export function poolDeadlines(config: {
  PG_CONNECT_TIMEOUT_MS: number;
  PG_STATEMENT_TIMEOUT_MS: number;
}): PoolDeadlines {
  return {
    connectTimeoutMs: config.PG_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: config.PG_STATEMENT_TIMEOUT_MS,
  };
}

/** Liveness probe of the database (the health check's query). */
export async function pingDatabase(pool: Pool): Promise<void> {
  await pool.query('SELECT 1');
}
