/**
 * `npm start`: the whole product on embedded defaults — Postgres, the Temporal dev server with its Web UI, an SMTP
 * capture inbox, the worker and the API — in one process tree that Ctrl-C stops cleanly. Each piece can be pointed
 * at an external service instead (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_HOST).
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Runtime } from '@temporalio/worker';
import { loadConfig } from '../infra/config';
import { connectTemporal } from '../infra/temporal-connection';
import { ensureConsoleBuilt } from '../infra/dev/console-build';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { claimDataDir } from '../infra/dev/stale-servers';
import { ensureDatabase } from '../infra/ensure-database';
import { createLogger, redactUrl } from '../infra/logger';
import { startMailCapture } from '../infra/dev/mail-capture';
import { migrateUp } from '../infra/migrate';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { supervise } from '../infra/dev/supervisor';
import { startTemporalDevServer } from '../infra/dev/temporal-dev-server';
import { TEMPORAL_CODEC_PATH } from '../api/platform/temporal-codec';
import { temporalLoggerFrom } from '../infra/temporal-logger';
import { startWorkerProcess } from '../infra/dev/worker-process';
import { startApiServer } from '../api/server';
import { loadOrCreateAdminKey } from './admin-key';
import { loadOrCreatePersonalDataKeys } from './personal-data-dev-keys';
import { personalDataProtectionFrom } from '../infra/personal-data-keys';
import { curlExamples, seedDemo } from './demo-seed';

type Stopper = { name: string; stop: () => Promise<void> };

async function main(): Promise<void> {
  process.env.LOG_FORMAT ??= 'pretty';
  const loaded = loadConfig();
  // Personal-data keys: configured, or generated on first start and kept in the data dir like the admin key.
  const config =
    loaded.PII_ENCRYPTION_KEYS || loaded.PII_HASH_KEY
      ? loaded
      : { ...loaded, ...loadOrCreatePersonalDataKeys(resolve(loaded.PERKFLOW_DATA_DIR)) };
  personalDataProtectionFrom(config); // a half-configured pair fails here, before any server starts
  const log = createLogger('perkflow');
  const codecUiToken = config.TEMPORAL_CODEC_UI_TOKEN ?? randomBytes(24).toString('base64url');
  const stoppers: Stopper[] = [];
  const startedAt = Date.now();
  // Dev servers npm start runs itself are supervised: restarted with backoff when they die, shown in /healthz.
  const supervised: Record<string, () => Promise<void>> = {};

  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    for (const s of stoppers.reverse()) {
      try {
        await s.stop();
        log.info(`stopped ${s.name}`);
      } catch (err) {
        log.error({ err }, `failed to stop ${s.name}`);
      }
    }
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // We order the shutdown ourselves (API, worker, Temporal, mail, Postgres), so the SDK must not react on its own.
  Runtime.install({ shutdownSignals: [], logger: temporalLoggerFrom(createLogger('temporal-sdk', 'warn')) });

  // The console's build (console/dist), made now if console/ changed since npm install built it; it runs while the
  // servers start and is awaited before the API serves it.
  const consoleBuild = ensureConsoleBuilt();
  consoleBuild.catch(() => undefined);
  try {
    // The data dir: refused while another npm start runs on it; servers a dead one left running are stopped first.
    const dataDir = resolve(config.PERKFLOW_DATA_DIR);
    const pgDataDir = join(dataDir, 'pg');
    const temporalDbFile = join(dataDir, 'temporal.sqlite');
    if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
      const claim = await claimDataDir(dataDir, { pgDataDir, temporalDbFile }, log);
      stoppers.push({ name: 'data dir claim', stop: async () => claim.release() });
    }

    // Postgres
    let databaseUrl: string;
    if (config.DATABASE_URL) {
      databaseUrl = config.DATABASE_URL;
    } else {
      const pgLog = createLogger('postgres');
      const pg = await supervise(
        'embedded postgres',
        () =>
          startEmbeddedPostgres({
            dataDir: pgDataDir,
            port: config.EMBEDDED_PG_PORT,
            persistent: true,
            sharedBuffers: config.EMBEDDED_PG_SHARED_BUFFERS,
            onLog: (line) => {
              if (/FATAL|PANIC|ERROR/.test(line)) pgLog.warn(line);
            },
          }),
        { log },
      );
      stoppers.push({ name: 'postgres', stop: pg.stop });
      supervised['embedded-postgres'] = pg.check;
      databaseUrl = await ensureDatabase(pg.current().url, 'perkflow');
    }
    const applied = await migrateUp(databaseUrl);
    log.info({ database: redactUrl(databaseUrl), applied }, 'postgres ready');

    // Temporal
    let temporalAddress: string;
    let temporalUi: string | undefined = config.TEMPORAL_UI_URL;
    if (config.TEMPORAL_ADDRESS) {
      temporalAddress = config.TEMPORAL_ADDRESS;
    } else {
      const temporalLog = createLogger('temporal');
      const dev = await supervise(
        'temporal dev server',
        () =>
          startTemporalDevServer({
            port: config.TEMPORAL_PORT,
            uiPort: config.TEMPORAL_UI_PORT,
            dbFile: temporalDbFile,
            namespace: config.TEMPORAL_NAMESPACE,
            sqlitePragmas: config.TEMPORAL_SQLITE_PRAGMAS,
            // The UI reads the encrypted payloads through the API's codec server, on an endpoint whose path carries
            // this run's secret (the UI cannot send an API key; whoever reaches the UI may read, nobody else).
            uiCodecEndpoint: `http://127.0.0.1:${config.PORT}${TEMPORAL_CODEC_PATH}/ui/${codecUiToken}`,
            onLine: (line) => temporalLog.warn(line),
          }),
        { log },
      );
      stoppers.push({ name: 'temporal dev server', stop: dev.stop });
      supervised['temporal-dev-server'] = dev.check;
      temporalAddress = dev.current().address;
      temporalUi = dev.current().uiUrl;
    }
    const client = await connectTemporal(temporalAddress, config.TEMPORAL_CALL_TIMEOUT_MS);
    await ensureSearchAttributes(client, config.TEMPORAL_NAMESPACE);
    stoppers.push({ name: 'temporal client', stop: () => client.close() });
    log.info({ address: temporalAddress }, 'temporal ready');

    // Mail
    let smtp: { host: string; port: number };
    let inboxUrl: string | undefined;
    if (config.SMTP_HOST) {
      smtp = { host: config.SMTP_HOST, port: config.SMTP_PORT };
    } else {
      const capture = await startMailCapture({ smtpPort: config.SMTP_PORT, httpPort: config.INBOX_PORT });
      stoppers.push({ name: 'mail capture', stop: capture.stop });
      smtp = { host: '127.0.0.1', port: capture.smtpPort };
      inboxUrl = capture.inboxUrl;
    }

    // Worker: a process of its own (supervised like the servers), so a busy or crashed worker never slows or stops the
    // API. It bundles the workflows while the API starts; npm start is ready when both are.
    const workerStarting = supervise(
      'worker',
      () =>
        startWorkerProcess({
          env: {
            DATABASE_URL: databaseUrl,
            TEMPORAL_ADDRESS: temporalAddress,
            SMTP_HOST: smtp.host,
            SMTP_PORT: String(smtp.port),
            PII_ENCRYPTION_KEYS: config.PII_ENCRYPTION_KEYS!,
            PII_HASH_KEY: config.PII_HASH_KEY!,
          },
        }),
      { log },
    );
    workerStarting.catch(() => undefined);
    stoppers.push({ name: 'worker', stop: async () => (await workerStarting).stop() });
    // In /healthz: down while it starts, restarts or is gone.
    supervised['worker'] = async () => (await workerStarting).check();

    // API, with a bootstrap admin key: PERKFLOW_ADMIN_KEY, or one generated on first start and kept in the data dir.
    const admin = config.PERKFLOW_ADMIN_KEY
      ? { key: config.PERKFLOW_ADMIN_KEY, expression: '$PERKFLOW_ADMIN_KEY', fresh: false, file: '' }
      : loadOrCreateAdminKey(dataDir);
    const consoleBuilt = await consoleBuild;
    if (consoleBuilt.built) log.info({ ms: consoleBuilt.ms, reason: consoleBuilt.reason }, 'console built');
    const api = await startApiServer({
      config,
      databaseUrl,
      temporal: client,
      log,
      smtp,
      ...(config.PERKFLOW_ADMIN_KEY ? {} : { generatedAdminKey: admin.key }),
      extraHealthChecks: supervised,
      ...(temporalUi ? { temporalUiUrl: temporalUi } : {}),
      codecUiToken,
    });
    stoppers.push({ name: 'api', stop: api.stop });
    await workerStarting;
    if (config.PERKFLOW_DEMO_SEED) {
      const seeded = await seedDemo(api.services, api.ledger);
      if (seeded.length) log.info({ campaigns: seeded }, 'seeded demo campaigns');
    }

    const lines = [
      '',
      `perkflow is running (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
      `  API            ${api.url}   (health: ${api.url}/healthz, docs: ${api.url}/docs)`,
      `  Console        ${api.url}/console   (sign in with an API key, e.g. the admin key below)`,
      `  Temporal UI    ${temporalUi ?? '(external Temporal; set TEMPORAL_UI_URL to show it here)'}`,
      `  Temporal gRPC  ${temporalAddress}`,
      `  Inbox          ${inboxUrl ? `${inboxUrl}  (JSON: ${inboxUrl}/api/messages)` : `external SMTP ${smtp.host}:${smtp.port}`}`,
      `  Postgres       ${redactUrl(databaseUrl)}`,
      ...api.banner,
      ...(admin.fresh ? [`  Admin API key  ${admin.key}   (shown once; kept in ${admin.file})`] : []),
      '',
      ...curlExamples(api.url, admin.expression),
      '',
      'Press Ctrl-C to stop.',
      '',
    ];
    console.log(lines.join('\n'));
  } catch (err) {
    log.error({ err }, 'start-up failed');
    await shutdown('startup-failure', 1);
  }
}

void main();
