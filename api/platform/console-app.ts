import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { type Request, type Response, type Router } from 'express';
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
 * The console's screens, each the first segment of its URL (/console/campaigns/cmp_1, /console/customers/c-42): the
 * console routes by the browser's history, so a reload or a deep link asks the server for such a path and gets
 * index.html. Keep in step with console/src/routes.ts.
 */
export const CONSOLE_SCREENS = [
  'campaigns',
  'segments',
  'tasks',
  'customers',
  'adjustments',
  'audit',
  'finance',
  'ops',
] as const;

/** A screen's path: its name, then segments that are not `.` or `..` (no path tricks reach the index). */
const SCREEN_PATH = new RegExp(`^/(${CONSOLE_SCREENS.join('|')})(/(?!\\.)[^/]+)*/?$`);

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
  const sendIndex = (_req: Request, res: Response) => {
    const index = join(dist, 'index.html');
    if (!existsSync(index)) {
      throw problems.unavailable('the console build (run "npm run build:console")', 60);
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  router.get(['/', '/index.html'], sendIndex);
  router.get(SCREEN_PATH, sendIndex);
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
