/**
 * Keeps a dev server (embedded Postgres, the Temporal dev server) alive under `npm start`: when its process dies
 * without being asked to, it is started again with exponential backoff, and the log says so. Production runs these
 * servers under a real supervisor (systemd, Kubernetes, docker-compose `restart:`); this is the same promise for the
 * one-command local product.
 */

/** A started server whose process can be watched. */
export interface SupervisedProcess {
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export type SupervisionState = 'running' | 'restarting' | 'stopped';

export interface SupervisorLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SupervisorOptions {
  log: SupervisorLog;
  /** First wait before a restart; doubles per failed attempt up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A run this long resets the backoff (a server that crashes at once keeps backing off). */
  stableAfterMs?: number;
  /** Called after every successful restart (e.g. to re-apply settings the server lost). */
  onRestarted?: () => Promise<void>;
}

export interface Supervised<T extends SupervisedProcess> {
  readonly name: string;
  current(): T;
  state(): SupervisionState;
  /** How many times the process was started again after dying. */
  restarts(): number;
  /** Throws while the process is down, for a health check. */
  check(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Starts `start()` once (its failure is the caller's), then restarts it whenever it exits unasked. */
export async function supervise<T extends SupervisedProcess>(
  name: string,
  start: () => Promise<T>,
  options: SupervisorOptions,
): Promise<Supervised<T>> {
  const initialBackoffMs = options.initialBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 30_000;
  let proc = await start();
  let state: SupervisionState = 'running';
  let restarts = 0;
  let startedAt = Date.now();
  let backoffMs = initialBackoffMs;

  const watch = (p: T): void => {
    void p.exited.then(async ({ code, signal }) => {
      if (state === 'stopped') return;
      state = 'restarting';
      if (Date.now() - startedAt >= stableAfterMs) backoffMs = initialBackoffMs;
      options.log.error({ server: name, code, signal }, `${name} exited unexpectedly; restarting`);
      for (let attempt = 1; (state as SupervisionState) !== 'stopped'; attempt++) {
        await sleep(backoffMs);
        if ((state as SupervisionState) === 'stopped') return;
        try {
          proc = await start();
          startedAt = Date.now();
          restarts++;
          if ((state as SupervisionState) === 'stopped') {
            // Stopped while it came back: stop the new one too; a failure there is not a failed restart.
            await proc
              .stop()
              .catch((err: unknown) => options.log.error({ server: name, err }, `failed to stop ${name}`));
            return;
          }
          state = 'running';
          options.log.info({ server: name, attempt, restarts }, `${name} restarted`);
          await options
            .onRestarted?.()
            .catch((err: unknown) =>
              options.log.error({ server: name, err }, `${name}: after-restart step failed`),
            );
          watch(proc);
          return;
        } catch (err) {
          options.log.error(
            { server: name, attempt, err: err instanceof Error ? err.message : String(err) },
            `${name} failed to restart; next try in ${Math.min(backoffMs * 2, maxBackoffMs)} ms`,
          );
        } finally {
          backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
        }
      }
    });
  };
  watch(proc);

  return {
    name,
    current: () => proc,
    state: () => state,
    restarts: () => restarts,
    check: async () => {
      if (state !== 'running') throw new Error(`${name} is ${state}`);
    },
    stop: async () => {
      if (state === 'stopped') return;
      const wasRunning = state === 'running';
      state = 'stopped';
      if (wasRunning) await proc.stop();
    },
  };
}
