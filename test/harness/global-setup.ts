import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { freePort } from '../../infra/free-port';
import { startMailCapture } from '../../infra/mail-capture';
import { migrateUp } from '../../infra/migrate';
import { resolveTemporalBinary } from '../../infra/temporal-binaries';
import { HARNESS_ENV } from './shared-env';
import { setHarness, type HarnessHandles } from './handles';

const TEMPLATE_DB = 'perkflow_template';

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** One embedded Postgres, one time-skipping Temporal test server and one SMTP capture for the whole jest run. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), 'perkflow-test-'));
  // Embedded Postgres runs as an unprivileged user when we are root; it must be able to enter this directory.
  chmodSync(workDir, 0o755);
  const handles: HarnessHandles = { workDir };
  setHarness(handles);

  const [pg, mail, env, bundle] = await Promise.all([
    (async () => {
      const externalUrl = process.env.TEST_DATABASE_URL;
      if (externalUrl) return { url: externalUrl, stop: async () => undefined };
      return startEmbeddedPostgres({ dataDir: join(workDir, 'pg'), port: await freePort(), persistent: false });
    })(),
    startMailCapture(),
    (async () => {
      const testServer = resolveTemporalBinary('test-server');
      return TestWorkflowEnvironment.createTimeSkipping({
        server: testServer.kind === 'path' ? { executable: { type: 'existing-path', path: testServer.path } } : {},
      });
    })(),
    bundleWorkflowCode({
      workflowsPath: require.resolve('../workflows'),
      logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) },
    }),
  ]);
  handles.pg = pg;
  handles.mail = mail;
  handles.env = env;

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
