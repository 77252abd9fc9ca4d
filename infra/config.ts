import { resolve } from 'node:path';
import { z } from 'zod';
import { EMBEDDED_SHARED_BUFFERS, POSTGRES_MEMORY_SETTING } from './postgres-settings';
import { PROJECT_ROOT } from './project-root';

const port = z.coerce.number().int().min(1).max(65535);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

/** Every setting perkflow reads from the environment, with the embedded defaults of `npm start`. */
const ConfigSchema = z.object({
  PORT: port.default(3000),
  PERKFLOW_DATA_DIR: z.string().default(resolve(PROJECT_ROOT, '.data')),
  DATABASE_URL: optionalString,
  EMBEDDED_PG_PORT: port.default(5433),
  EMBEDDED_PG_SHARED_BUFFERS: z
    .string()
    .regex(POSTGRES_MEMORY_SETTING, 'a whole number of MB or GB, like 512MB')
    .default(EMBEDDED_SHARED_BUFFERS),
  // Deadlines for every database call: a frozen or unreachable Postgres answers 503 within seconds, never a hang.
  PG_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
  PG_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  // A flow's segment test (inSegment / inline filter) per statement; a timeout fails the journey's node for good.
  // Below the 5 s of the read activity that runs the test (workflows/shared/activities.ts READ_OPTIONS): the database
  // must give up first, or the activity's timeout would be retried instead of failing the node.
  SEGMENT_TEST_TIMEOUT_MS: z.coerce.number().int().min(1).max(4_000).default(3_000),
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: optionalString,
  // Browser origins of Temporal Web UIs allowed to call the API's codec server (/temporal-codec), comma-separated (CORS
  // only; npm start adds its own UI).
  TEMPORAL_CODEC_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .pipe(
      z.array(z.string().regex(/^https?:\/\/[A-Za-z0-9.:[\]-]+$/, 'each origin reads scheme://host[:port]')),
    ),
  // The secret in the Temporal Web UI's codec endpoint path (/temporal-codec/ui/<token>), ≥ 32 characters: the UI
  // cannot send an API key. npm start makes one per run; unset elsewhere, only ops keys decode.
  TEMPORAL_CODEC_UI_TOKEN: optionalString.pipe(
    z
      .string()
      .min(32)
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
  ),
  // SQLite pragmas of the dev server npm start runs, comma-separated NAME=VALUE ("" for the CLI's own: rollback journal,
  // fsync on every write). WAL with synchronous=normal fsyncs at checkpoints only: the dev server's disk was its wall.
  TEMPORAL_SQLITE_PRAGMAS: z
    .string()
    .default('journal_mode=wal,synchronous=normal')
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    )
    .pipe(z.array(z.string().regex(/^[a-z_]+=[A-Za-z0-9_-]+$/, 'each pragma reads NAME=VALUE'))),
  // Deadline of every Temporal client call the API makes (signal-with-start, queries): a frozen frontend answers 503.
  TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  TASK_QUEUE: z.string().default('perkflow-journeys'),
  // Campaign-level workflows (schedule, enrolment at launch, date/calendar occurrences) poll a queue of their own: on the
  // journeys' queue an enrolment's next page waited behind the first steps of the 20 000 journeys it had just started.
  // Default `<TASK_QUEUE>-campaigns`, so deployments sharing a namespace with distinct TASK_QUEUEs stay apart.
  CAMPAIGN_TASK_QUEUE: z.string().min(1).optional(),
  // The worker's sticky cache of workflow runs: each cached run keeps a V8 context, so this bounds its memory however
  // many journeys sleep (a journey out of the cache replays its history on its next task). 150, not 500: bench:scale
  // measured the worker at 2 682 MiB with 500 against 1 292 MiB with 150 (2 400 open journeys; ~4 MiB a cached run).
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(150),
  // Workflow tasks and activities the worker runs at once (activities share a pool of 20 Postgres connections).
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(20),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(40),
  // Backpressure: journey lag (task-queue backlog age, first-step wait of new journeys) sampled every
  // JOURNEY_LAG_SAMPLE_MS; above DEGRADED /healthz says degraded, above SHED POST /v1/events answers 503 + Retry-After.
  // 500 ms: intake admits ~10 orders/s more than the journeys run while a reading is on its way, so every ms of the
  // interval is overshoot in the lag (bench:scale, 400 customers: lag p99 9.5 s at 1 s, 7.1 s at 500 ms).
  JOURNEY_LAG_SAMPLE_MS: z.coerce.number().int().positive().default(500),
  JOURNEY_LAG_DEGRADED_MS: z.coerce.number().int().positive().default(1_000),
  JOURNEY_LAG_SHED_MS: z.coerce.number().int().positive().default(2_000),
  // Above this age of the oldest task on the campaign-level queue /healthz says degraded (no worker takes scheduled
  // launches, ends or enrolments); intake is not refused on its account. A schedule's task normally waits milliseconds.
  CAMPAIGN_QUEUE_DEGRADED_MS: z.coerce.number().int().positive().default(30_000),
  // Deliveries of one event to its journeys in flight at once (each a Temporal round trip); 1 delivers one by one.
  EVENT_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  // Days back a relaunch enrols date/calendar occurrences missed while the campaign was paused (0: none).
  FLOW_CATCH_UP_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  // How long the API reuses the list of campaigns events go to; its own launch/pause/end refresh it at once. 0: off.
  CAMPAIGN_TARGETS_TTL_MS: z.coerce.number().int().min(0).default(2_000),
  SMTP_HOST: optionalString,
  SMTP_PORT: port.default(1025),
  SMTP_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SMTP_USER: optionalString,
  SMTP_PASSWORD: optionalString,
  MAIL_FROM: z.string().default('perkflow <no-reply@perkflow.local>'),
  INBOX_PORT: port.default(8025),
  SUPPORT_INBOX: z.email().default('support@perkflow.local'),
  LEDGER_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
  PERKFLOW_ADMIN_KEY: optionalString,
  // Customers' personal data at rest (infra/personal-data-keys.ts): the AES-256-GCM keyring `id:base64key[,…]`, the
  // first seals new values, the others still open older ones; and the HMAC key (base64, ≥ 32 bytes) of the hashes
  // anti-fraud matching compares. Required by the standalone API and worker; npm start generates local ones.
  PII_ENCRYPTION_KEYS: optionalString,
  PII_HASH_KEY: optionalString,
  PERKFLOW_DEMO_SEED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  // Per API key: a storefront key posts every customer event, so the default leaves room for ~100 events/s.
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  // Manual credit adjustments at or above this amount (minor units; 50000 = 500.00) wait for a second person.
  // The storefront's invitation URL that a referrer's share code is appended to (share links and QR codes).
  REFERRAL_LINK_BASE: z.url().default('https://shop.example/invite?ref='),
  // Campaign simulations (POST /v1/campaigns/{id}/simulate): how many run at once (each on its own time-skipping
  // test server and scratch database; more answer 429), and how long one may take in real time.
  SIMULATION_POOL_SIZE: z.coerce.number().int().min(0).max(8).default(2),
  SIMULATION_WALL_MS: z.coerce.number().int().min(1_000).max(120_000).default(15_000),
  // Where scratch databases of simulations are created (a role that may CREATE DATABASE); default: DATABASE_URL's server.
  SIMULATION_DATABASE_URL: optionalString,
  ADJUSTMENT_APPROVAL_THRESHOLD: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .default(50_000),
});

export type PerkflowConfig = Omit<z.infer<typeof ConfigSchema>, 'CAMPAIGN_TASK_QUEUE'> & {
  CAMPAIGN_TASK_QUEUE: string;
};

/** Every environment variable perkflow reads. */
export const CONFIG_KEYS = Object.keys(ConfigSchema.shape) as (keyof PerkflowConfig)[];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PerkflowConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return {
    ...parsed.data,
    CAMPAIGN_TASK_QUEUE: parsed.data.CAMPAIGN_TASK_QUEUE ?? `${parsed.data.TASK_QUEUE}-campaigns`,
  };
}
