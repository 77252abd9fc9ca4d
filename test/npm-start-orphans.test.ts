import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../infra/dev/free-port';
import { startMailCapture, type MailCapture } from '../infra/dev/mail-capture';
import { WATCHDOG_NAME } from '../infra/dev/parent-watchdog';
import { processTable } from '../infra/dev/processes';
import { ProductProcess, type ProductSetup } from '../scripts/chaos/product';
import { freezeTree, killPids } from '../scripts/chaos/processes';
import { eventually } from './support/eventually';

const BOOT_TIMEOUT_MS = 150_000;
/** Bound on the wait for the orphans to go: a watchdog polls every 0.5 s, Postgres' fast shutdown takes ~1 s. */
const ORPHANS_GONE_WITHIN_MS = 20_000;

/** Processes that are running (zombies waiting to be reaped by init are dead already). */
function running(pids: readonly number[]): number[] {
  const live = new Set(
    processTable()
      .filter((p) => p.state !== 'Z')
      .map((p) => p.pid),
  );
  return pids.filter((pid) => live.has(pid));
}

/** The watchdogs (infra/dev/parent-watchdog.ts) watching over these servers. */
function watchdogsOf(serverPids: readonly number[]): number[] {
  return processTable()
    .filter((p) => p.state !== 'Z' && p.args.includes(WATCHDOG_NAME))
    .filter((p) => serverPids.some((pid) => p.args.split(/\s+/).includes(String(pid))))
    .map((p) => p.pid);
}

/** npm start's worker process (worker/main.ts, a child of npm start's node process). */
function workerOf(productPid: number): number | undefined {
  const table = processTable().filter((p) => p.state !== 'Z');
  const descends = (pid: number): boolean => {
    for (let at = table.find((p) => p.pid === pid); at; at = table.find((p) => p.pid === at!.ppid)) {
      if (at.pid === productPid) return true;
      if (at.ppid <= 1) return false;
    }
    return false;
  };
  return table.find((p) => p.args.includes('worker/main.ts') && descends(p.pid))?.pid;
}

/**
 * npm start (scripts/start.ts as a real child process, as the chaos suite runs it) killed with kill -9 of its own
 * process group: Postgres and the dev server, in process groups of their own, must not outlive it, and the next
 * npm start on the same data dir must come up healthy.
 */
describe('npm start killed outright leaves no orphan Postgres or Temporal dev server', () => {
  let mail: MailCapture;
  let dataDir: string;
  let setup: ProductSetup;
  let product: ProductProcess;

  beforeAll(async () => {
    mail = await startMailCapture({});
    dataDir = mkdtempSync(join(tmpdir(), 'perkflow-orphans-'));
    // Embedded Postgres runs as an unprivileged user when we are root: it must reach its data dir.
    chmodSync(dataDir, 0o755);
    setup = {
      dataDir,
      apiPort: await freePort(),
      pgPort: await freePort(),
      temporalPort: await freePort(),
      temporalUiPort: await freePort(),
      smtpPort: mail.smtpPort,
      adminKey: `orphans-admin-${randomBytes(16).toString('hex')}`,
    };
    product = new ProductProcess(setup);
  });

  afterAll(async () => {
    await product?.stop();
    await mail?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function serversOfTheRunningProduct(): Promise<number[]> {
    await product.waitHealthy(BOOT_TIMEOUT_MS);
    const servers = [product.postmasterPid(), product.temporalDevServerPid()];
    expect(watchdogsOf(servers)).toHaveLength(2);
    return servers;
  }

  it('kill -9 of the process group: the servers stop, their watchdogs exit, the next start is healthy', async () => {
    product.start();
    const servers = await serversOfTheRunningProduct();
    const worker = workerOf(product.pid);
    expect(worker).toBeDefined();

    await product.killProcessGroup();
    // The fault bit: npm start is gone, its servers (own process groups) are not, at first.
    expect(product.running()).toBe(false);
    await eventually(() => ({ servers: running(servers), leftovers: product.leftovers() }), {
      until: (left) => left.servers.length === 0 && left.leftovers.length === 0,
      timeoutMs: ORPHANS_GONE_WITHIN_MS,
      intervalMs: 200,
      description: 'Postgres and the dev server to stop after npm start was killed',
    });
    // The worker (a process group of its own) drains and exits when npm start's IPC channel closes.
    await eventually(() => running([worker!]), {
      until: (left) => left.length === 0,
      timeoutMs: ORPHANS_GONE_WITHIN_MS,
      intervalMs: 200,
      description: 'the worker to exit after npm start was killed',
    });
    // A watchdog exits on its next look after its server is gone (it polls; under load that look can come late).
    await eventually(() => watchdogsOf(servers), {
      until: (left) => left.length === 0,
      timeoutMs: ORPHANS_GONE_WITHIN_MS,
      intervalMs: 200,
      description: "the servers' watchdogs to exit",
    });

    product.start();
    const next = await serversOfTheRunningProduct();
    expect(next).not.toEqual(servers);
    expect(await product.healthy()).toBe(true);
  }, 400_000);

  it('servers a dead npm start left running (watchdogs killed too) are stopped by the next start', async () => {
    const servers = [product.postmasterPid(), product.temporalDevServerPid()];
    // Everything of npm start's but its servers dies: its group and the watchdogs (frozen first, so none acts).
    const watchdogs = watchdogsOf(servers);
    for (const pid of watchdogs) freezeTree(pid);
    await product.killProcessGroup();
    killPids(watchdogs);
    expect(running(servers)).toEqual(servers);

    product.start();
    await product.waitHealthy(BOOT_TIMEOUT_MS);
    expect(running(servers)).toEqual([]);
    expect(readFileSync(product.logFile, 'utf8')).toContain(
      'stopping servers a previous npm start left running on this data dir',
    );
  }, 300_000);

  it('a second npm start on the data dir of a running one is refused and leaves the first running', async () => {
    const servers = [product.postmasterPid(), product.temporalDevServerPid()];
    const second = new ProductProcess({ ...setup, apiPort: await freePort() });
    second.start();
    expect(await second.whenExited()).toEqual({ code: 1, signal: null });
    expect(readFileSync(second.logFile, 'utf8')).toContain('another npm start');
    expect(running(servers)).toEqual(servers);
    expect(await product.healthy()).toBe(true);
  });

  it('the worker is a process of its own: killed, /healthz says so while the API answers, and it is restarted', async () => {
    const worker = workerOf(product.pid);
    expect(worker).toBeDefined();
    expect(worker).not.toBe(product.pid);
    killPids([worker!]);
    const down = await eventually(() => fetch(`${product.url}/healthz`), {
      until: (r) => r.status === 503,
      timeoutMs: 10_000,
      intervalMs: 100,
      description: '/healthz to report the worker down',
    });
    expect(((await down.json()) as { checks: Record<string, string> }).checks['worker']).toBe('failed');
    // The API itself carries on meanwhile.
    const docs = await fetch(`${product.url}/openapi.json`);
    expect(docs.status).toBe(200);
    await product.waitHealthy(BOOT_TIMEOUT_MS);
    const restarted = workerOf(product.pid);
    expect(restarted).toBeDefined();
    expect(restarted).not.toBe(worker);
    expect(readFileSync(product.logFile, 'utf8')).toContain('worker exited unexpectedly; restarting');
  }, 200_000);

  it('its Temporal Web UI decodes the encrypted payloads through the API’s codec server, from the UI’s origin', async () => {
    const ui = `http://127.0.0.1:${setup.temporalUiPort}`;
    const settings = (await (await fetch(`${ui}/api/v1/settings`)).json()) as { Codec: { Endpoint: string } };
    // The endpoint's path carries this run's secret: the UI cannot send a key.
    expect(settings.Codec.Endpoint).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${setup.apiPort}/temporal-codec/ui/[A-Za-z0-9_-]{32,}$`),
    );
    const call = (path: string, body: unknown, origin: string) =>
      fetch(`${settings.Codec.Endpoint}/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', Origin: origin },
        body: JSON.stringify(body),
      });
    const plain = { metadata: { encoding: btoa('json/plain') }, data: btoa('{"email":"ada@example.com"}') };
    // The UI's endpoint needs no key; the keyed one refuses a keyless call whatever Origin it claims.
    const encoded = (await (await call('encode', { payloads: [plain] }, ui)).json()) as {
      payloads: unknown[];
    };
    expect(atob((encoded.payloads[0] as { metadata: { encoding: string } }).metadata.encoding)).toBe(
      'binary/encrypted',
    );
    const decoded = await call('decode', encoded, ui);
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(ui);
    expect(((await decoded.json()) as { payloads: unknown[] }).payloads).toEqual([plain]);
    const keyed = await fetch(`http://127.0.0.1:${setup.apiPort}/temporal-codec/decode`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ui },
      body: JSON.stringify(encoded),
    });
    expect(keyed.status).toBe(401);
  });

  it('Ctrl-C stops it in order: API, the worker draining and exiting on its own, then the servers', async () => {
    if (!product.running()) product.start();
    await product.waitHealthy(BOOT_TIMEOUT_MS);
    const worker = workerOf(product.pid);
    expect(worker).toBeDefined();
    // SIGINT, and kill -9 of what is left only after 60 s (more than the worker's own 15 s stop grace).
    await product.stop(60_000);
    expect(product.running()).toBe(false);
    expect(running([worker!])).toEqual([]);
    const log = readFileSync(product.logFile, 'utf8');
    // A worker that had to be killed at the end of its stop grace is reported as a failure to stop.
    expect(log).not.toContain('failed to stop');
    // The worker drained and said so: its own line, not ordered against npm start's (two processes append to the log).
    expect(log).toContain('worker stopped');
    // npm start's own lines, in the order it stops things.
    const steps = ['stopped api', 'stopped worker', 'stopped temporal dev server', 'stopped postgres'];
    const at = steps.map((step) => log.indexOf(step));
    expect(Object.fromEntries(steps.map((step, i) => [step, at[i]! >= 0]))).toEqual(
      Object.fromEntries(steps.map((step) => [step, true])),
    );
    expect(at).toEqual([...at].sort((a, b) => a - b));
  }, 120_000);
});
