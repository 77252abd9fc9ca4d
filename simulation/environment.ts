import { Context } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { Ledger } from '../ledger';
import type { PersonalDataProtection } from '../stores/personal-data';
import type { SupportTaskRequest } from '../stores/support';
import { captureTransport, type CapturedMessage } from './capture-mail';
import type { ScratchDatabase, ScratchDatabases } from './scratch-databases';

/** What the journeys of one simulation did that is not in the scratch database with its business time. */
export interface SimulationCapture {
  messages: CapturedMessage[];
  tasks: { idempotencyKey: string; atMs: number; customerId: string; kind: string; title: string }[];
}

export interface SimulationEnvironmentOptions {
  /** Keys the scratch database's personal data is sealed with (the engine's own: the database is thrown away). */
  pii: PersonalDataProtection;
  testServerPath: string;
  workflowBundle: NonNullable<WorkerOptions['workflowBundle']>;
  databases: ScratchDatabases;
  currency: string;
  mailFrom: string;
  supportInbox: string;
}

/**
 * One isolated place to run a simulation: a time-skipping test server of its own (the pinned genuine binary), a
 * worker running every journey plugin's real workflow code on it, with the real activities bound to a scratch
 * database and a mail transport that keeps messages instead of sending them. Used once, then disposed: time on a
 * test server only moves forward, and nothing of one simulation may leak into the next.
 */
export class SimulationEnvironment {
  readonly taskQueue = 'simulation';
  private running: Promise<void> | undefined;
  private disposed = false;

  private constructor(
    readonly server: TestWorkflowEnvironment,
    /** A plain client: describing or querying through it never unlocks the test server's clock. */
    readonly client: Client,
    readonly db: ScratchDatabase,
    readonly ledger: Ledger,
    /** The keys personal data in the scratch database is sealed with. */
    readonly pii: PersonalDataProtection,
    private readonly worker: Worker,
    readonly capture: SimulationCapture,
  ) {}

  static async start(options: SimulationEnvironmentOptions): Promise<SimulationEnvironment> {
    const server = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: options.testServerPath } },
    });
    let db: ScratchDatabase | undefined;
    try {
      await ensureSearchAttributes(server.connection, 'default');
      db = await options.databases.create();
      const ledger = new Ledger(db.pool, { currency: options.currency });
      const capture: SimulationCapture = { messages: [], tasks: [] };
      const real = createActivities({
        pool: db.pool,
        ledger,
        pii: options.pii,
        mail: {
          transport: captureTransport(capture.messages),
          from: options.mailFrom,
          supportInbox: options.supportInbox,
          defaults: { currency: options.currency },
        },
      });
      const worker = await Worker.create({
        connection: server.nativeConnection,
        namespace: 'default',
        taskQueue: 'simulation',
        workflowBundle: options.workflowBundle,
        activities: {
          ...real,
          // The activity's scheduled time is the journey's business time (task rows only know the wall clock).
          createSupportTask: (req: SupportTaskRequest) => {
            if (!capture.tasks.some((t) => t.idempotencyKey === req.idempotencyKey)) {
              capture.tasks.push({
                idempotencyKey: req.idempotencyKey,
                atMs: Context.current().info.scheduledTimestampMs,
                customerId: req.customerId,
                kind: req.kind,
                title: req.title,
              });
            }
            return real.createSupportTask(req);
          },
        },
        maxCachedWorkflows: 20,
        shutdownGraceTime: '1 second',
      });
      const environment = new SimulationEnvironment(
        server,
        new Client({ connection: server.connection, namespace: 'default' }),
        db,
        ledger,
        options.pii,
        worker,
        capture,
      );
      environment.running = worker.run();
      // A worker that stops on its own (a native failure) must not be an unhandled rejection; the run then times out.
      environment.running.catch(() => undefined);
      return environment;
    } catch (err) {
      await db?.drop().catch(() => undefined);
      await server.teardown().catch(() => undefined);
      throw err;
    }
  }

  /** The test server's clock (ms). */
  async now(): Promise<number> {
    return this.server.currentTimeMs();
  }

  /** Skips `ms` of time on the test server: timers due meanwhile fire, and their work runs, in order. */
  async skip(ms: number): Promise<void> {
    if (ms > 0) await this.server.sleep(ms);
  }

  /** Stops the worker, the test server and drops the scratch database; safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      this.worker.shutdown();
    } catch {
      // already stopping
    }
    await Promise.race([this.running, new Promise((r) => setTimeout(r, 3_000).unref())]).catch(
      () => undefined,
    );
    await this.server.teardown().catch(() => undefined);
    await this.db.drop().catch(() => undefined);
  }
}
