import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { CONSOLE_CSP, consoleApp } from '../platform/console-app';
import { errorHandler, notFound } from '../platform/errors';

/** The console's static serving: its CSP, caching, and a problem (not a bare 404) before it is built. */
describe('console static files (api/platform/console-app.ts)', () => {
  const appOver = (dist: string) => {
    const app = express();
    app.use('/console', consoleApp(dist));
    app.use(notFound);
    app.use(errorHandler('100kb'));
    return app;
  };

  it('serves index.html uncached and hashed assets cached for good, both under the console CSP', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><script type="module" src="/console/assets/a.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'export {};');
    const app = appOver(dist);

    for (const path of ['/console', '/console/', '/console/index.html']) {
      const res = await request(app).get(path);
      expect({ path, status: res.status, type: res.type }).toEqual({ path, status: 200, type: 'text/html' });
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    const asset = await request(app).get('/console/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toBe(CONSOLE_CSP);

    writeFileSync(join(dist, 'assets', 'big-def456.js'), `export const x = '${'console '.repeat(4000)}';`);
    const big = await request(app).get('/console/assets/big-def456.js').set('Accept-Encoding', 'gzip');
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(big.text).toContain('console console');

    // History routing: a screen's path (a reload, a deep link) is the console's page; anything else is not.
    for (const path of ['/console/campaigns', '/console/campaigns/cmp_1/edit', '/console/customers/c-42/']) {
      const res = await request(app).get(path);
      expect({ path, status: res.status, type: res.type }).toEqual({ path, status: 200, type: 'text/html' });
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
    }
    for (const path of ['/console/nowhere', '/console/campaigns/../../package.json', '/console/ops/.env']) {
      expect({ path, status: (await request(app).get(path)).status }).toEqual({ path, status: 404 });
    }
    const missing = await request(app).get('/console/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.type).toBe('application/problem+json');
    expect((await request(app).get('/console/../package.json')).status).toBe(404);
  });

  it('answers 503 problem+json naming the build command while there is no build', async () => {
    const res = await request(appOver(join(tmpdir(), 'no-console-build-here'))).get('/console/');
    expect(res.status).toBe(503);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toContain('npm run build:console');
    expect(res.headers['retry-after']).toBe('60');
  });

  it('allows no inline or eval script and only this origin for data', () => {
    const script = CONSOLE_CSP.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self'");
    expect(CONSOLE_CSP).toContain("connect-src 'self'");
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
  });
});
