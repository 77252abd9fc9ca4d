import pino, { type Logger } from 'pino';

/** A logger whose output lands in memory, to assert on what would have been logged. */
export interface LogCapture {
  logger: Logger;
  /** Everything written so far, as one string (NDJSON). */
  text(): string;
  lines(): Record<string, unknown>[];
}

/**
 * Deliberately built without REDACT_PATHS: the API must keep secrets out of logs on its own, whatever logger it is
 * given.
 */
export function captureLogs(level: pino.Level = 'debug'): LogCapture {
  const chunks: string[] = [];
  const logger = pino({ level }, { write: (chunk: string) => chunks.push(chunk) });
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
