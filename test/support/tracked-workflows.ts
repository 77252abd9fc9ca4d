import { Client, type Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { eventually, EventuallyTimeout } from './eventually';

const { EventType, PendingActivityState } = temporal.api.enums.v1;

/** By name: jest's module registry may hold a second copy of the SDK's error classes. */
const isNotFound = (err: unknown) => err instanceof Error && err.name === 'WorkflowNotFoundError';

/**
 * How long (real time) workflows may stay busy without their histories growing before a settle gives up loudly, and
 * how long a settle may take at most while they do keep making progress (a sweep of hundreds of lots on a loaded
 * machine works for minutes).
 */
const STALL_MS = 30_000;
const SETTLE_MAX_MS = 600_000;

/**
 * Every workflow the code under test starts, and the operations that need the list: wait until they are quiet, stop
 * those still running. Starts are recorded by a client interceptor, so it does not matter whether a service, the
 * journey client or a test started the workflow, as long as it went through `client`.
 *
 * `client` is a plain client, not the time-skipping one: describing or awaiting a workflow through it never unlocks
 * the test server's clock. Time moves only through the stack's `advance`/`results`.
 */
export class TrackedWorkflows {
  readonly client: Client;
  private readonly ids = new Set<string>();
  /** Whether each history, at the length read, ended in a workflow task in flight. */
  private readonly lastEvent = new Map<string, { length: number; inTask: boolean }>();
  /** Seen closed since their last start: settling skips them. */
  private readonly closed = new Set<string>();
  /** History length each running workflow had when last described: unchanged means it stopped growing. */
  private readonly lastLength = new Map<string, number>();

  constructor(connection: Connection, namespace = 'default', dataConverter?: DataConverter) {
    const started = (workflowId: string) => {
      this.ids.add(workflowId);
      this.closed.delete(workflowId); // an id may be reused by a new run
    };
    const record: WorkflowClientInterceptor = {
      startWithDetails: (input, next) => (started(input.options.workflowId), next(input)),
      signalWithStart: (input, next) => (started(input.options.workflowId), next(input)),
      startUpdateWithStart: (input, next) => (started(input.workflowStartOptions.workflowId), next(input)),
    };
    this.client = new Client({
      connection,
      namespace,
      interceptors: { workflow: [record] },
      ...(dataConverter ? { dataConverter } : {}),
    });
  }

  /** Ids of every workflow started (or signalled-with-start) so far. */
  get started(): ReadonlySet<string> {
    return this.ids;
  }

  /** The workflow's status name on the server (RUNNING, COMPLETED, ...), or null when it does not exist. */
  async status(workflowId: string): Promise<string | null> {
    try {
      return (await this.client.workflow.getHandle(workflowId).describe()).status.name;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /**
   * Waits until none of the workflows is working: no workflow task pending, no activity starting or running, and the
   * history no longer growing. Only then may business time skip: skipping while a workflow is mid-step would move
   * time under its running activities. An activity waiting out a retry backoff counts as quiet (time may pass over
   * the backoff). Throws when they stay busy for 30 s of real time without their histories growing, or for 10 minutes
   * in all.
   */
  async settle(workflowIds: Iterable<string> = this.ids): Promise<void> {
    const ids = [...workflowIds].filter((id) => !this.closed.has(id));
    const giveUpAt = performance.now() + SETTLE_MAX_MS;
    for (;;) {
      const progressBefore = this.progress(ids);
      try {
        await eventually(
          async () => (await Promise.all(ids.map((id) => this.busy(id)))).filter((b) => b !== null),
          {
            description: `workflows ${ids.join(', ')} to settle (no workflow task or activity in flight)`,
            until: (busy) => busy.length === 0,
            timeoutMs: STALL_MS,
          },
        );
        return;
      } catch (err) {
        // Still busy but making progress (histories grew): keep waiting, up to the overall limit.
        const progressed = this.progress(ids) !== progressBefore;
        if (!(err instanceof EventuallyTimeout) || !progressed || performance.now() > giveUpAt) throw err;
      }
    }
  }

  /** What each running tracked workflow is doing, for failure messages. */
  async report(): Promise<string> {
    const running = [...this.ids].filter((id) => !this.closed.has(id));
    const states = await Promise.all(
      running.map(
        async (id) => (await this.busy(id).catch((err: Error) => `${id}: ${err.message}`)) ?? `${id}: quiet`,
      ),
    );
    return states.length > 0 ? states.join('; ') : 'none running';
  }

  /** Sum of the history lengths last seen: grows while the workflows make progress. */
  private progress(ids: readonly string[]): number {
    return ids.reduce((sum, id) => sum + (this.lastLength.get(id) ?? 0), 0);
  }

  /**
   * Terminates those of the workflows that are still running, once they are quiet: terminating one with an activity
   * in flight would leave the test server holding that activity's time lock, and later test files would then skip
   * no time. When they do not settle they are terminated all the same (left running they would hold the clock for
   * certain) and the settle's error is thrown.
   */
  async terminate(
    workflowIds: Iterable<string>,
    { reason = 'test over', settle = true }: { reason?: string; settle?: boolean } = {},
  ): Promise<void> {
    const open = [];
    for (const id of workflowIds) if ((await this.status(id)) === 'RUNNING') open.push(id);
    const settled = await (settle ? this.settle(open) : Promise.resolve()).then(
      () => null,
      (err: unknown) => ({ err }),
    );
    for (const id of open) {
      await this.client.workflow
        .getHandle(id)
        .terminate(reason)
        .catch((err: unknown) => {
          if (!isNotFound(err)) throw err; // closed meanwhile
        });
    }
    if (settled) throw settled.err;
  }

  /** `terminate` for every tracked workflow. */
  terminateOpen(reason?: string): Promise<void> {
    return this.terminate(this.ids, reason === undefined ? {} : { reason });
  }

  /** Why a workflow is not quiet yet, or null when it is (or is closed, or does not exist). */
  private async busy(workflowId: string): Promise<string | null> {
    let description;
    try {
      description = await this.client.workflow.getHandle(workflowId).describe();
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
    if (description.status.name !== 'RUNNING') {
      this.lastLength.delete(workflowId);
      this.closed.add(workflowId);
      return null;
    }
    const { raw, historyLength } = description;
    const working = (raw.pendingActivities ?? []).filter(
      (a) => a.state === PendingActivityState.PENDING_ACTIVITY_STATE_STARTED || (a.attempt ?? 1) <= 1,
    );
    const growing = this.lastLength.get(workflowId) !== historyLength;
    this.lastLength.set(workflowId, historyLength);
    if (working.length > 0) {
      const [a] = working;
      const state = PendingActivityState[a!.state ?? 0];
      return `${workflowId}: activity ${a!.activityType?.name} in flight (${state}, attempt ${a!.attempt})`;
    }
    if (raw.pendingWorkflowTask) return `${workflowId}: workflow task pending`;
    if (growing) return `${workflowId}: history growing (${historyLength} events)`;
    // The Java test server reports no pending workflow task: a history ending in a scheduled or started workflow
    // task is one in flight (a worker may take seconds over a new workflow's first task on a loaded machine).
    if (await this.endsInWorkflowTask(workflowId, historyLength))
      return `${workflowId}: workflow task in flight`;
    return null;
  }

  /** Whether the history (of this length) ends in a workflow task not yet completed; read once per length. */
  private async endsInWorkflowTask(workflowId: string, historyLength: number): Promise<boolean> {
    const known = this.lastEvent.get(workflowId);
    if (known?.length === historyLength) return known.inTask;
    const events = (await this.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const last = events.at(-1)?.eventType;
    const inTask =
      last === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED ||
      last === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED;
    // Cached only for the length it was read at: a longer history is read again.
    this.lastEvent.set(workflowId, { length: events.length, inTask });
    return inTask;
  }
}
