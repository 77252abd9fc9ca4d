import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Paths that may carry secrets anywhere we log request data or config. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'apiKey',
  'password',
  'databaseUrl',
  '*.apiKey',
  '*.password',
  '*.databaseUrl',
];

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const options = { name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  // Synchronous pretty printing (not a worker-thread transport) so the last lines before exit are not lost.
  if (process.env.LOG_FORMAT === 'pretty') {
    return pino(options, pretty({ colorize: true, ignore: 'pid,hostname', sync: true }));
  }
  return pino(options);
}

/** Strips the password from a connection string before it is printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
