import { randomBytes } from 'node:crypto';
import type { WorkerOptions } from '@temporalio/worker';
import { personalDataProtectionFrom } from '../infra/personal-data-keys';

type WorkflowBundle = NonNullable<WorkerOptions['workflowBundle']>;
import type { SimulationResult, SimulationTimeline } from '../contracts/simulation';
import type { SimulatedCampaign, SimulationEngine } from '../services/campaign-simulation';
import { ServiceError } from '../services/errors';
import type { EventCatalog } from '../services/event-catalog';
import { SimulationEnvironment } from './environment';
import { runTimeline, SimulationTimedOut } from './run-timeline';
import type { ScratchDatabases } from './scratch-databases';

export interface PooledSimulationEngineOptions {
  /** Simulations running at once; one more is refused with 429. */
  poolSize: number;
  /** Real time one timeline may take once its environment is ready. */
  wallMs: number;
  /** The pinned time-skipping test server; throws when there is none (simulations then answer 503). */
  testServerPath: () => string;
  /** The journeys' workflow code, bundled once (lazily: the first simulation pays for it). */
  workflowBundle: () => Promise<WorkflowBundle>;
  databases: ScratchDatabases;
  currency: string;
  mailFrom: string;
  supportInbox: string;
  /** Told of environments that failed to start or to stop (never of customer data). */
  onError: (message: string, err: unknown) => void;
}

/** How long a caller refused for lack of an environment should wait: about one short simulation. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * A fixed pool of simulation environments. At most `poolSize` simulations run at once (more answer 429 with
 * Retry-After). One environment is kept ready so the next timeline starts at once: each is used for one timeline and
 * then thrown away, because a test server's clock only moves forward and a scratch ledger must start empty. A run
 * that fails or outlives its bound takes its environment down with it (test server process and scratch database);
 * nothing else in the API process depends on it.
 */
export class PooledSimulationEngine implements SimulationEngine {
  private running = 0;
  private spare: Promise<SimulationEnvironment> | undefined;
  private bundle: Promise<WorkflowBundle> | undefined;
  private cleaned = false;
  private closed = false;
  /** Environments being taken down (in the background: the answer does not wait for it); close() waits. */
  private readonly disposing = new Set<Promise<void>>();

  /**
   * Keys of this engine's own, fresh per process: personal data in a scratch database is sealed like in the real one
   * (the same code runs), and nothing outside the simulation can or needs to read it.
   */
  private readonly pii = personalDataProtectionFrom({
    PII_ENCRYPTION_KEYS: `simulation:${randomBytes(32).toString('base64')}`,
    PII_HASH_KEY: randomBytes(32).toString('base64'),
  });

  constructor(private readonly options: PooledSimulationEngineOptions) {}

  async simulate(
    sim: SimulatedCampaign,
    timelines: readonly SimulationTimeline[],
    { startAt, catalog }: { startAt: string; catalog: Pick<EventCatalog, 'check'> },
  ): Promise<SimulationResult[]> {
    if (this.running >= this.options.poolSize) {
      throw new ServiceError(
        'busy',
        'SIMULATIONS_BUSY',
        `All ${this.options.poolSize} simulation environments are busy.`,
        [],
        BUSY_RETRY_AFTER_SECONDS,
      );
    }
    this.running++;
    try {
      const results: SimulationResult[] = [];
      for (const timeline of timelines) {
        const env = await this.take();
        try {
          results.push(await this.runBounded(env, sim, timeline, startAt, catalog));
        } catch (err) {
          if (err instanceof SimulationTimedOut) {
            throw new ServiceError(
              'unprocessable',
              'SIMULATION_TOO_LONG',
              `The simulation of timeline ${results.length + 1} did not finish within ${
                this.options.wallMs / 1000
              } s of real time; shorten its horizon or its events.`,
              [],
              undefined,
              // How long a run takes depends on the machine's load too: a retry may fit.
              true,
            );
          }
          if (err instanceof ServiceError) {
            // Issues about this timeline's entries or profile, under its index in the request.
            const timeline = ['body', 'timelines', results.length];
            throw err
              .locatedUnder(['body', 'events'], [...timeline, 'events'])
              .locatedUnder(['body', 'profile'], [...timeline, 'profile']);
          }
          // A failure of the simulation's own test server or scratch database, not of the product's: not an outage
          // of ours (the product's Postgres and Temporal are fine), and logged here with its cause.
          this.options.onError('a simulation failed', err);
          throw new ServiceError(
            'unavailable',
            'SIMULATION_FAILED',
            'The simulation environment failed while running this timeline; the log says why.',
            [],
            5,
          );
        } finally {
          this.dispose(env);
        }
      }
      return results;
    } finally {
      this.running--;
    }
  }

  /**
   * One timeline within the wall-clock bound, whatever it waits on: past the deadline the environment is destroyed
   * (its test server stopped), so calls still pending on it fail and the pool slot is free again.
   */
  private async runBounded(
    env: SimulationEnvironment,
    sim: SimulatedCampaign,
    timeline: SimulationTimeline,
    startAt: string,
    catalog: Pick<EventCatalog, 'check'>,
  ): Promise<SimulationResult> {
    const deadline = Date.now() + this.options.wallMs;
    let timer: NodeJS.Timeout | undefined;
    const run = runTimeline(env, sim, timeline, startAt, {
      catalog,
      deadline,
      wallMs: this.options.wallMs,
      currency: this.options.currency,
    });
    const outlived = new Promise<never>((_, reject) => {
      // A little after the run's own deadline checks, which stop it cleanly when it is between steps.
      timer = setTimeout(
        () => reject(new SimulationTimedOut(this.options.wallMs)),
        this.options.wallMs + 1_000,
      );
    });
    try {
      return await Promise.race([run, outlived]);
    } catch (err) {
      run.catch(() => undefined); // settles once the environment is gone
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the ready environment and waits for used ones to be taken down. */
  async close(): Promise<void> {
    this.closed = true;
    const spare = this.spare;
    this.spare = undefined;
    await spare?.then((env) => env.dispose()).catch(() => undefined);
    await Promise.all(this.disposing);
  }

  private dispose(env: SimulationEnvironment): void {
    const disposal = env
      .dispose()
      .catch((err: unknown) => this.options.onError('a simulation environment did not stop', err))
      .finally(() => this.disposing.delete(disposal));
    this.disposing.add(disposal);
  }

  /** The ready environment if there is one (another is started behind it), else a new one. */
  private async take(): Promise<SimulationEnvironment> {
    const ready = this.spare ?? this.start();
    this.spare = undefined;
    let env: SimulationEnvironment;
    try {
      // A spare that failed in the background (a passing hiccup) gets one fresh try before the caller hears of it.
      env = await ready.catch(() => this.start());
    } catch (err) {
      this.options.onError('a simulation environment failed to start', err);
      throw new ServiceError(
        'unavailable',
        'SIMULATION_UNAVAILABLE',
        'No simulation environment could be started on this server (the time-skipping test server or a scratch ' +
          'database); the log says why.',
        [],
        30,
      );
    }
    if (!this.closed && !this.spare) {
      this.spare = this.start();
      // Its failure shows when it is taken; until then it must not be an unhandled rejection.
      this.spare.catch(() => undefined);
    }
    return env;
  }

  private async start(): Promise<SimulationEnvironment> {
    if (!this.cleaned) {
      this.cleaned = true;
      await this.options.databases
        .dropAbandoned(processIsAlive)
        .catch((err: unknown) => this.options.onError('could not drop abandoned scratch databases', err));
    }
    this.bundle ??= this.options.workflowBundle().catch((err: unknown) => {
      this.bundle = undefined;
      throw err;
    });
    return SimulationEnvironment.start({
      pii: this.pii,
      testServerPath: this.options.testServerPath(),
      workflowBundle: await this.bundle,
      databases: this.options.databases,
      currency: this.options.currency,
      mailFrom: this.options.mailFrom,
      supportInbox: this.options.supportInbox,
    });
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
