/**
 * A frozen or stopped dependency answers 503 problem+json with Retry-After within seconds — never a hang, never a
 * 500. The API runs with its production wiring (startApiServer, connectTemporal, the pool deadlines) over its own
 * embedded Postgres and Temporal dev server, which this test freezes (SIGSTOP of every process) and stops.
 */
import { spawnSync } from 'node:child_process';
import type { Connection } from '@temporalio/client';
import type { EmbeddedPostgresHandle } from '../../infra/dev/embedded-postgres';
import type { DevServerHandle } from '../../infra/dev/temporal-dev-server';
import pino from 'pino';
import { loadConfig } from '../../infra/config';
import { freePort } from '../../infra/dev/free-port';
import { startOwnBackends, type OwnBackends } from '../../test/support/own-backends';
import { startApiServer, type ApiServerHandle } from '../server';
import { TEST_PII_ENV } from '../../test/support/personal-data';

const ADMIN_KEY = 'outage-test-admin-key-0123456789abcdefghijklmnop';
/** Far above every deadline below: a request still open after this is a hang. */
const HANG_MS = 20_000;

/** The process and all its descendants (Postgres serves each connection from its own child process). */
function processTree(pid: number): number[] {
  // ps exits 1 when the process has no children.
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((l) => Number.parseInt(l.trim(), 10))
    .filter((n) => Number.isInteger(n));
  return [pid, ...children.flatMap(processTree)];
}

function signalTree(pid: number, signal: NodeJS.Signals): void {
  for (const p of processTree(pid)) {
    try {
      process.kill(p, signal);
    } catch {
      // exited meanwhile
    }
  }
}

async function call(
  url: string,
): Promise<{ status: number; retryAfter: string | null; body: { type?: string } }> {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
    signal: AbortSignal.timeout(HANG_MS),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { type?: string },
  };
}

describe('dependency outages answer 503 with Retry-After, never a hang or a 500', () => {
  let dir: string;
  let pg: EmbeddedPostgresHandle;
  let dev: DevServerHandle;
  let temporal: Connection;
  let api: ApiServerHandle;
  let backends: OwnBackends | undefined;

  beforeAll(async () => {
    backends = await startOwnBackends({ dirPrefix: 'perkflow-outage-', connectTimeoutMs: 2_000 });
    ({ dir, pg, dev, temporal } = backends);
    const { databaseUrl } = backends;
    const config = loadConfig({
      PORT: String(await freePort()),
      PERKFLOW_ADMIN_KEY: ADMIN_KEY,
      PG_CONNECT_TIMEOUT_MS: '1000',
      PG_STATEMENT_TIMEOUT_MS: '1500',
      PERKFLOW_DATA_DIR: dir,
      ...TEST_PII_ENV,
    });
    api = await startApiServer({ config, databaseUrl, temporal, log: pino({ level: 'silent' }) });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await backends?.stop();
  }, 60_000);

  test('Postgres frozen: 503 unavailable with Retry-After while /metrics still answers, then 200 once it thaws', async () => {
    const wallet = `${api.url}/v1/customers/c-outage/wallet`;
    expect((await call(wallet)).status).toBe(200);
    signalTree(pg.pid, 'SIGSTOP');
    try {
      const frozen = await call(wallet);
      expect(frozen.status).toBe(503);
      expect(frozen.body.type).toMatch(/unavailable$/);
      expect(frozen.retryAfter).toBe('5');
      const health = await call(`${api.url}/healthz`);
      expect(health.status).toBe(503);
      // Monitoring still sees the process (the gauges read from Postgres keep their last values). Scraped as
      // Prometheus does, without a key: a key presented is looked up in Postgres like on every other path.
      const metrics = await fetch(`${api.url}/metrics`, { signal: AbortSignal.timeout(HANG_MS) });
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).toContain('http_requests_total');
    } finally {
      signalTree(pg.pid, 'SIGCONT');
    }
    expect((await call(wallet)).status).toBe(200);
  }, 60_000);

  test('Temporal frozen: a journey read answers 503 within the call deadline, then 404 once it thaws', async () => {
    const journey = `${api.url}/v1/journeys?workflowId=${encodeURIComponent('journey/none/c-outage')}`;
    expect((await call(journey)).status).toBe(404);
    signalTree(dev.process.pid!, 'SIGSTOP');
    try {
      const frozen = await call(journey);
      expect(frozen.status).toBe(503);
      expect(frozen.body.type).toMatch(/unavailable$/);
      expect(frozen.retryAfter).toBe('5');
    } finally {
      signalTree(dev.process.pid!, 'SIGCONT');
    }
    expect((await call(journey)).status).toBe(404);
  }, 60_000);

  test('Postgres stopped: 503, not 500', async () => {
    await pg.stop();
    const stopped = await call(`${api.url}/v1/customers/c-outage/wallet`);
    expect(stopped.status).toBe(503);
    expect(stopped.retryAfter).toBe('5');
  }, 60_000);
});
