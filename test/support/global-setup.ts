import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startEmbeddedPostgres } from '../../infra/dev/embedded-postgres';
import { freePort } from '../../infra/dev/free-port';
import { startMailCapture } from '../../infra/dev/mail-capture';
import { migrateUp } from '../../infra/migrate';
import { ensureSearchAttributes } from '../../infra/search-attributes';
import { resolveTemporalBinary } from '../../infra/dev/temporal-binaries';
import { HARNESS_ENV } from './shared-env';
import { setHarness, type HarnessHandles } from './handles';
import globalTeardown from './global-teardown';

const TEMPLATE_DB = 'perkflow_template';

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** One embedded Postgres, one time-skipping Temporal test server and one SMTP capture for the whole jest run. */
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
      return startEmbeddedPostgres({
        dataDir: join(workDir, 'pg'),
        port: await freePort(),
        persistent: false,
      });
    })().then((pg) => (handles.pg = pg)),
    startMailCapture().then((mail) => (handles.mail = mail)),
    (async () => {
      const testServer = resolveTemporalBinary('test-server');
      return TestWorkflowEnvironment.createTimeSkipping({
        server:
          testServer.kind === 'path' ? { executable: { type: 'existing-path', path: testServer.path } } : {},
      });
    })().then((env) => (handles.env = env)),
    bundleWorkflowCode({
      workflowsPath: require.resolve('./workflows'),
      logger: {
        log: () => undefined,
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: (m: string) => console.error(m),
      },
    }),
  ] as const);
  // allSettled, not all: on a failure every server that did start is registered in handles before teardown runs.
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  const [pg, mail, env, bundle] = settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
    NonNullable<HarnessHandles['pg']>,
    NonNullable<HarnessHandles['mail']>,
    NonNullable<HarnessHandles['env']>,
    { code: string },
  ];

  // The test server knows no custom search attributes until they are registered, like a fresh cluster.
  await ensureSearchAttributes(env.connection, 'default');

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
  process.env[HARNESS_ENV.temporalAddress] = env.address;
  process.env[HARNESS_ENV.smtpPort] = String(mail.smtpPort);
  process.env[HARNESS_ENV.inboxUrl] = mail.inboxUrl;
  process.env[HARNESS_ENV.workflowBundle] = bundlePath;
  console.log(`\n[harness] postgres, temporal test server, smtp capture ready in ${Date.now() - started} ms`);
}
