/**
 * Console first-load benchmark (not a test). Starts the API as `npm start` wires it (embedded Postgres or
 * DATABASE_URL, the Temporal CLI dev server on a throw-away SQLite file, the console build) and loads pages in the
 * headless Chromium the browser tests use, each in a new browser context (cold: empty cache, new connection):
 *   baseline  /healthz of the same server: one small response (what any page from this server costs at least)
 *   console   /console/ until the sign-in form is usable (the key field visible and enabled)
 *   warm      /console/ again in the same context (hashed assets from the cache, index.html revalidated)
 *   deep      /console/campaigns/cmp_x (history routing: the same index.html and entry)
 * Phases interleave over `rounds` to even out drift on a shared machine; prints median and worst milliseconds,
 * requests and bytes transferred (compressed, as the network carried them), the console over the baseline, and the
 * built entry's size. Exits 0 whatever the figures.
 * Usage: npm run bench:console -- [--rounds 7]
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startApiServer } from '../api/server';
import { loadConfig } from '../infra/config';
import { CHROMIUM_TEST_ARGS, resolveChromium } from '../infra/dev/chromium';
import { CONSOLE_SOURCE, ensureConsoleBuilt } from '../infra/dev/console-build';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { freePort } from '../infra/dev/free-port';
import { startTemporalDevServer } from '../infra/dev/temporal-dev-server';
import { ensureDatabase } from '../infra/ensure-database';
import { createLogger } from '../infra/logger';
import { migrateUp } from '../infra/migrate';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { temporalLoggerFrom } from '../infra/temporal-logger';
import { loadOrCreatePersonalDataKeys } from '../scripts/personal-data-dev-keys';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds <= 0) throw new Error('--rounds must be a positive integer');

interface Load {
  ms: number;
  requests: number;
  bytes: number;
}

/** Counts every finished request of the page: how many, and the bytes of headers and (encoded) bodies received. */
function meter(page: Page): () => Promise<{ requests: number; bytes: number }> {
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (req) => {
    sizes.push(
      req.sizes().then(
        (s) => {
          const bytes = s.responseBodySize + s.responseHeadersSize;
          if (process.env.BENCH_VERBOSE) console.log(`  ${req.url()} ${bytes} B`);
          return bytes;
        },
        () => 0,
      ),
    );
  });
  return async () => ({
    requests: sizes.length,
    bytes: (await Promise.all(sizes)).reduce((a, b) => a + b, 0),
  });
}

async function timed(
  context: BrowserContext,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  /** A request the page makes that must have finished before its bytes are counted (the console's /openapi.json). */
  fetches?: string,
): Promise<Load> {
  const page = await context.newPage();
  const measured = meter(page);
  const fetched = fetches
    ? page.waitForEvent('requestfinished', { predicate: (r) => r.url().endsWith(fetches), timeout: 60_000 })
    : undefined;
  const start = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const ms = performance.now() - start;
  // Whatever the page still fetches once usable (e.g. /openapi.json) is part of what it transfers.
  await fetched;
  await page.waitForLoadState('networkidle');
  const { requests, bytes } = await measured();
  await page.close();
  return { ms, requests, bytes };
}

const OPENAPI = '/openapi.json';
const signInUsable = (page: Page) => page.locator('#api-key:enabled').waitFor({ state: 'visible' });

function summary(name: string, loads: Load[]): { name: string; median: number } {
  const ms = loads.map((l) => l.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  const last = loads[loads.length - 1]!;
  console.log(
    `${name.padEnd(9)} median ${median.toFixed(0).padStart(5)} ms  worst ${ms[ms.length - 1]!.toFixed(0).padStart(5)} ms  ` +
      `${String(last.requests).padStart(3)} requests  ${(last.bytes / 1024).toFixed(1).padStart(8)} kB transferred`,
  );
  return { name, median };
}

/** The built entry script (what every first load runs) and the whole build, raw and gzip-compressed. */
function buildSizes(): string[] {
  const dist = join(CONSOLE_SOURCE, 'dist');
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /src="\/console\/assets\/([^"]+\.js)"/.exec(index)?.[1];
  const assets = join(dist, 'assets');
  const files = readdirSync(assets);
  const total = files.reduce((sum, f) => sum + statSync(join(assets, f)).size, 0);
  const lines = [`build     ${files.length} assets, ${(total / 1024).toFixed(0)} kB`];
  if (entry) {
    const body = readFileSync(join(assets, entry));
    lines.push(
      `entry     ${entry}: ${(body.length / 1024).toFixed(1)} kB, ${(gzipSync(body).length / 1024).toFixed(1)} kB gzip`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  Runtime.install({ shutdownSignals: [], logger: temporalLoggerFrom(createLogger('temporal-sdk', 'warn')) });
  const built = await ensureConsoleBuilt();
  console.log(`console build: ${built.reason}${built.built ? ` (${(built.ms / 1000).toFixed(1)} s)` : ''}`);
  const tmp = mkdtempSync(join(tmpdir(), 'perkflow-bench-console-'));
  chmodSync(tmp, 0o755); // embedded Postgres runs as an unprivileged user when we are root
  const stops: (() => Promise<unknown>)[] = [async () => rmSync(tmp, { recursive: true, force: true })];
  let browser: Browser | undefined;
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({
        dataDir: join(tmp, 'pg'),
        port: await freePort(),
        persistent: false,
      });
      stops.unshift(pg.stop);
      databaseUrl = await ensureDatabase(pg.url, 'perkflow');
    }
    await migrateUp(databaseUrl);
    const config = loadConfig({
      ...loadOrCreatePersonalDataKeys(tmp),
      ...process.env,
      PORT: String(await freePort()),
      // Many loads from one address in a short time: keep the rate limit out of the way.
      RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
    });
    const dev = await startTemporalDevServer({
      port: await freePort(),
      uiPort: await freePort(),
      dbFile: join(tmp, 'temporal.sqlite'),
      namespace: config.TEMPORAL_NAMESPACE,
    });
    stops.unshift(dev.stop);
    const connection = await Connection.connect({ address: dev.address });
    stops.unshift(() => connection.close());
    await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
    const log = pino({ level: 'warn' }, pino.destination({ dest: '/dev/null', sync: true }));
    const api = await startApiServer({ config, databaseUrl, temporal: connection, log });
    stops.unshift(api.stop);

    const executable = await resolveChromium();
    browser = await chromium.launch({
      executablePath: executable.path,
      env: { ...process.env, ...executable.env },
      args: [...CHROMIUM_TEST_ARGS],
    });
    const loads: Record<'baseline' | 'console' | 'warm' | 'deep', Load[]> = {
      baseline: [],
      console: [],
      warm: [],
      deep: [],
    };
    // One unmeasured round first: the server's and the browser's first-use costs are not the console's.
    for (let round = 0; round <= rounds; round++) {
      const keep = round > 0;
      const baselineContext = await browser.newContext();
      const baseline = await timed(baselineContext, `${api.url}/healthz`, (p) => p.waitForLoadState('load'));
      await baselineContext.close();
      const context = await browser.newContext();
      const cold = await timed(context, `${api.url}/console/`, signInUsable, OPENAPI);
      const warm = await timed(context, `${api.url}/console/`, signInUsable, OPENAPI);
      await context.close();
      const deepContext = await browser.newContext();
      const deep = await timed(deepContext, `${api.url}/console/campaigns/cmp_bench`, signInUsable, OPENAPI);
      await deepContext.close();
      if (!keep) continue;
      loads.baseline.push(baseline);
      loads.console.push(cold);
      loads.warm.push(warm);
      loads.deep.push(deep);
    }
    console.log(
      `\nfirst load of the console, ${rounds} rounds (cold context each; warm: same context again)`,
    );
    const base = summary('baseline', loads.baseline);
    const cold = summary('console', loads.console);
    summary('warm', loads.warm);
    summary('deep', loads.deep);
    console.log(
      `console over baseline: +${(cold.median - base.median).toFixed(0)} ms (${(cold.median / base.median).toFixed(1)}×)`,
    );
    for (const line of buildSizes()) console.log(line);
  } finally {
    await browser?.close();
    for (const stop of stops) await stop().catch((err: unknown) => console.error('stop failed:', err));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
