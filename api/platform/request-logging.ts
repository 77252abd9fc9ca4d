import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * Headers that carry credentials. They are removed by our own serializer, so requests are logged safely even when
 * the injected logger was built without REDACT_PATHS (defence in depth).
 */
const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'cookie', 'proxy-authorization']);

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function safeHeaders(headers: IncomingMessage['headers']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? '[redacted]' : value;
  }
  return out;
}

/** Probes and scrapes would drown the log; they are logged at debug. */
const QUIET_PATHS = new Set(['/healthz', '/metrics']);

export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    // Honour a caller's X-Request-Id when it is harmless, so traces join up across services.
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; raw?: IncomingMessage }) => {
        const raw = req.raw ?? req;
        return {
          id: req.id,
          method: raw.method,
          url: raw.url?.split('?')[0],
          headers: safeHeaders(raw.headers),
          remoteAddress: raw.socket?.remoteAddress,
        };
      },
      res: (res: ServerResponse & { raw?: ServerResponse }) => ({ statusCode: (res.raw ?? res).statusCode }),
      err: (err: Error) => ({ type: err.name, message: err.message, stack: err.stack }),
    },
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      if (QUIET_PATHS.has((req.url ?? '').split('?')[0] ?? '')) return 'debug';
      return 'info';
    },
  });
}
