/**
 * Recognises an error that means a dependency is unavailable — Postgres or Temporal down, frozen, restarting or past
 * its deadline — as opposed to a bug. The API answers those with 503 and Retry-After (the client should try again),
 * never 500. Errors are recognised by shape, so the API imports neither pg nor the gRPC stack.
 */
export type Dependency = 'database' | 'temporal';

/** Node's socket errors: the peer is gone or unreachable. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * SQLSTATEs of an unavailable server: 57014 query_canceled (our statement_timeout), 57P01–57P03 shutdown and
 * not-yet-accepting, 53300 too_many_connections, class 08 connection exceptions.
 */
const UNAVAILABLE_SQLSTATES = /^(57014|57P0[123]|53300|08...)$/;

/** What pg and pg-pool say when a connection or query passes its deadline or drops. */
const PG_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
];

/** gRPC status codes: 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE. */
const GRPC_UNAVAILABLE = new Set([4, 14]);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  severity?: unknown;
  cause?: unknown;
}

function shapeOf(err: unknown): ErrorShape | null {
  return typeof err === 'object' && err !== null ? (err as ErrorShape) : null;
}

function outageOfOne(e: ErrorShape): Dependency | null {
  const { code, message, severity, name } = e;
  if (typeof code === 'string' && typeof severity === 'string' && UNAVAILABLE_SQLSTATES.test(code))
    return 'database';
  if (typeof message === 'string' && PG_MESSAGES.some((m) => message.startsWith(m))) return 'database';
  if (typeof code === 'number' && GRPC_UNAVAILABLE.has(code) && 'details' in e) return 'temporal';
  if (name === 'ServiceError' && typeof message === 'string' && /deadline|unavailable|connect/i.test(message))
    return 'temporal';
  if (typeof code === 'string' && SOCKET_CODES.has(code)) return 'database';
  return null;
}

/** The unavailable dependency behind an error (walking its causes), or null if it is something else. */
export function dependencyOutageOf(err: unknown): Dependency | null {
  const seen = new Set<unknown>();
  for (let e = shapeOf(err); e && !seen.has(e); e = shapeOf(e.cause)) {
    seen.add(e);
    const outage = outageOfOne(e);
    if (outage) {
      // A socket error under a Temporal ServiceError is Temporal's.
      if (outage === 'database' && [...seen].some((s) => (s as ErrorShape).name === 'ServiceError'))
        return 'temporal';
      return outage;
    }
  }
  return null;
}

/** Seconds a client should wait before retrying after an outage answer. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;
