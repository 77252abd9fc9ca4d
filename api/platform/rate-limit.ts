import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { principalOf } from './authenticate';
import { problems, sendProblem } from './problem';

export interface RateLimitOptions {
  /** Requests allowed per window and client. */
  limit: number;
  windowMs: number;
}

/** Health probes and metric scrapes come from infrastructure at a fixed rate and must never be throttled. */
const UNLIMITED_PATHS = new Set(['/healthz', '/metrics']);

/**
 * Fixed-window limit per API key (authenticated callers) or per IP address (everyone else), in memory: each API
 * process limits on its own, so the effective limit is `limit × processes`. Answers 429 problem+json.
 */
export function rateLimiter(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => UNLIMITED_PATHS.has(req.path),
    keyGenerator: (req: Request, res) => {
      const principal = principalOf(res);
      return principal ? `key:${principal.keyId}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (req, res, _next, opts) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 1;
      sendProblem(req, res, problems.rateLimited(seconds));
      void opts;
    },
  });
}
