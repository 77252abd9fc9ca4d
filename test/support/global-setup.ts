import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ensureConsoleBuilt } from '../../infra/dev/console-build';
import { startEmbeddedPostgres } from '../../infra/dev/embedded-postgres';
import { onFreePort } from '../../infra/dev/free-port';
import { startMailCapture } from '../../infra/dev/mail-capture';
import { migrateUp } from '../../infra/migrate';
import { resolveTemporalBinary } from '../../infra/temporal-binaries';
import { HARNESS_ENV, SDK_DOWNLOAD } from './shared-env';
import { quietBundlerLogger } from './quiet-bundler-logger';
import { setHarness, type HarnessHandles } from './handles';
import globalTeardown from './global-teardown';

const TEMPLATE_DB = 'perkflow_template';

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * One embedded Postgres and one SMTP capture for the whole jest run, the workflow bundle and the console built once, and the path of
 * the time-skipping Temporal test server each test file starts for itself.
 */
export default async function globalSetup(): Promise<void> {
  try {
    await startAll();
  } catch (err) {
    // Jest skips the global teardown when setup throws; stop whatever did start so no process outlives the run.
    await globalTeardown();
    throw err;
  }
}

async function startAll(): Promise<void> {
  const started = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), 'perkflow-test-'));
  // Embedded Postgres runs as an unprivileged user when we are root; it must be able to enter this directory.
  chmodSync(workDir, 0o755);
  const handles: HarnessHandles = { workDir };
  setHarness(handles);

  const settled = await Promise.allSettled([
    (async () => {
      const externalUrl = process.env.TEST_DATABASE_URL;
      if (externalUrl) return { url: externalUrl, stop: async (): Promise<void> => undefined };
      return onFreePort((port) =>
        startEmbeddedPostgres({ dataDir: join(workDir, 'pg'), port, persistent: false }),
      );
    })().then((pg) => (handles.pg = pg)),
    startMailCapture().then((mail) => (handles.mail = mail)),
    bundleWorkflowCode({
      workflowsPath: require.resolve('./workflows'),
      logger: quietBundlerLogger,
    }),
    // The console's browser tests load its build; rebuilt only when console/ changed since the last build.
    ensureConsoleBuilt().then((r) => {
      if (r.built) console.log(`\n[harness] console built in ${r.ms} ms (${r.reason})`);
    }),
  ] as const);
  // allSettled, not all: on a failure every server that did start is registered in handles before teardown runs.
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  const [pg, mail, bundle] = settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
    NonNullable<HarnessHandles['pg']>,
    NonNullable<HarnessHandles['mail']>,
    { code: string },
  ];
  // Each test file starts its own time-skipping server from this binary (test/support/temporal.ts says why).
  const testServer = resolveTemporalBinary('test-server');

  // Migrations run once into a template; every test file gets a fresh copy in milliseconds.
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrateUp(withDatabase(pg.url, TEMPLATE_DB));

  const bundlePath = join(workDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  process.env[HARNESS_ENV.pgAdminUrl] = pg.url;
  process.env[HARNESS_ENV.pgTemplate] = TEMPLATE_DB;
  process.env[HARNESS_ENV.temporalTestServer] = testServer.kind === 'path' ? testServer.path : SDK_DOWNLOAD;
  process.env[HARNESS_ENV.smtpPort] = String(mail.smtpPort);
  process.env[HARNESS_ENV.inboxUrl] = mail.inboxUrl;
  process.env[HARNESS_ENV.workflowBundle] = bundlePath;
  console.log(`\n[harness] postgres, smtp capture, workflow bundle ready in ${Date.now() - started} ms`);
}
