import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { type Router } from 'express';
import { PROJECT_ROOT } from '../../infra/project-root';
import { problems } from './problem';

/** Where the console is served, and where its build (console/, built by Vite on install, start and test) lands. */
export const CONSOLE_PATH = '/console';
export const CONSOLE_DIST = join(PROJECT_ROOT, 'console', 'dist');

/**
 * The console's own policy: scripts only from this origin (the build emits no inline script), data only from this
 * API. Styles allow 'unsafe-inline' because the component library (Ant Design) injects its CSS at run time as
 * <style> elements; no script can run through them.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The built console as static files. Hashed assets are cached for good; index.html never is, so a rebuild shows at
 * once. Before a build exists the path answers 503 problem+json saying how to build it, not a bare 404.
 */
export function consoleApp(dist = CONSOLE_DIST): Router {
  const router = express.Router();
  // Gzip: the scripts are ~1.3 MB as built and ~0.4 MB compressed (the JSON API keeps its own, uncompressed, path).
  router.use(compression());
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  router.get(['/', '/index.html'], (_req, res) => {
    const index = join(dist, 'index.html');
    if (!existsSync(index)) {
      throw problems.unavailable('the console build (run "npm run build:console")', 60);
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  router.use(
    '/assets',
    express.static(join(dist, 'assets'), {
      index: false,
      fallthrough: true,
      immutable: true,
      maxAge: '365d',
    }),
  );
  return router;
}
