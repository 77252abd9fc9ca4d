import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { FirstStepSample, type FirstStepSeen } from './first-step-sample';

const { TaskQueueKind, TaskQueueType, EventType } = temporal.api.enums.v1;

/** How far journeys are behind, as last sampled. */
export interface JourneyLagReading {
  /** When this reading was taken (epoch ms). */
  at: number;
  /** Age of the oldest task waiting on the journeys' task queue (workflow or activity); null if the server cannot tell. */
  backlogAgeMs: number | null;
  /** Tasks waiting on the task queue (workflow + activity); null if the server cannot tell. */
  backlogCount: number | null;
  /**
   * How long a recently started journey waited (or is still waiting) for its first workflow task to complete, from
   * its start: the delay a customer's journey actually sees. Null until a journey was started and looked at.
   */
  firstStepWaitMs: number | null;
  /**
   * What backpressure acts on: the largest of the first-step wait, the activity backlog's age and the workflow
   * backlog's age (unless that figure merely repeats the last sample's while first steps were read lately).
   */
  lagMs: number;
  /**
   * Age of the oldest task waiting on the campaign-level workflows' queue (schedules, launch enrolment, calendar
   * runs); null when there is none to watch or the server cannot tell. A campaign worker that is down shows here:
   * scheduled launches and enrolments wait, while journeys (and intake) are fine.
   */
  campaignBacklogAgeMs: number | null;
}

/** A task queue's backlog as the server's statistics tell it: both task types together, and apart. */
interface QueueBacklog {
  ageMs: number;
  count: number;
  workflowAgeMs: number;
  workflowCount: number;
  activityAgeMs: number;
}

/** First-step reads this recent outweigh a repeated (cached) task-queue statistic. */
const FRESH_EVIDENCE_MS = 3_000;

/** A run that started this much before the event path noted its start was already running: not a new journey. */
const STARTED_BEFORE_NOTED_MS = 60_000;

/** What the event path tells the monitor: a journey was just started (signal-with-start created it). */
export interface JourneyStartObserver {
  journeyStarted(workflowId: string): void;
}

type Duration = { seconds?: { toString(): string } | null; nanos?: number | null } | null | undefined;

const millis = (d: Duration): number =>
  d ? Number(d.seconds?.toString() ?? 0) * 1000 + Math.floor((d.nanos ?? 0) / 1e6) : 0;

/**
 * Measures whether the worker keeps up, from the API side: the backlog age of the journeys' task queue (the server's
 * DescribeTaskQueue statistics) and the first-step wait of a sample of the journeys this process started. Journeys
 * started but not yet run are invisible to every other signal: their events were accepted (202), their state query
 * waits for a worker, and without this the API kept accepting while new journeys waited 15 minutes.
 *
 * Sampling costs two DescribeTaskQueue calls (four with a campaign queue) and at most `readsPerSample` history reads
 * (first page, at once) per `sample()`; the API calls it on a timer. Which starts are read: services/first-step-sample.ts.
 */
export class JourneyLagMonitor implements JourneyStartObserver {
  private readonly starts: FirstStepSample;
  private last: JourneyLagReading | undefined;
  private lastBacklog: QueueBacklog | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    sampleSize = 16,
    /** The campaign-level workflows' queue, when it is not the journeys' own. */
    private readonly campaignTaskQueue?: string,
  ) {
    this.starts = new FirstStepSample(sampleSize);
  }

  journeyStarted(workflowId: string): void {
    this.starts.started(workflowId, Date.now());
  }

  /** The last reading, or undefined before the first sample (or when sampling is not running). */
  current(): JourneyLagReading | undefined {
    return this.last;
  }

  /** Samples every `intervalMs` until `stop()`; a failed sample keeps the previous reading. */
  start(intervalMs: number, onError: (err: unknown) => void): void {
    if (this.timer) return;
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.sample()
        .catch(onError)
        .finally(() => (busy = false));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async sample(): Promise<JourneyLagReading> {
    const watchCampaigns = this.campaignTaskQueue !== undefined && this.campaignTaskQueue !== this.taskQueue;
    const [backlog, waitMs, campaignBacklog] = await Promise.all([
      this.backlog(this.taskQueue),
      this.firstStepWait(),
      // Advisory: a failed read of it leaves its figure unknown, never the journeys' reading (backpressure).
      watchCampaigns ? this.backlog(this.campaignTaskQueue!).catch(() => null) : Promise.resolve(null),
    ]);
    const now = Date.now();
    // The server refreshes task-queue statistics every few seconds, so the same figures twice are one old reading, not
    // a backlog standing still (a real backlog's age grows). While the first steps themselves were read lately, they
    // are the fresher truth about the workflow queue: its repeated figure would keep intake shut for seconds after the
    // backlog had cleared. The activity queue's age always counts (first steps say nothing of activities).
    const repeated =
      backlog !== null &&
      this.lastBacklog !== null &&
      backlog.workflowAgeMs === this.lastBacklog.workflowAgeMs &&
      backlog.workflowCount === this.lastBacklog.workflowCount;
    this.lastBacklog = backlog;
    const workflowAgeCounts = !(repeated && this.starts.hasEvidenceSince(now, FRESH_EVIDENCE_MS));
    const reading: JourneyLagReading = {
      at: now,
      backlogAgeMs: backlog?.ageMs ?? null,
      backlogCount: backlog?.count ?? null,
      firstStepWaitMs: waitMs,
      lagMs: Math.max(
        workflowAgeCounts ? (backlog?.workflowAgeMs ?? 0) : 0,
        backlog?.activityAgeMs ?? 0,
        waitMs ?? 0,
      ),
      campaignBacklogAgeMs: campaignBacklog?.ageMs ?? null,
    };
    this.last = reading;
    return reading;
  }

  private async backlog(taskQueue: string): Promise<QueueBacklog | null> {
    const service = this.client.workflowService;
    const describe = (type: temporal.api.enums.v1.TaskQueueType) =>
      service.describeTaskQueue({
        namespace: this.client.options.namespace,
        taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: type,
        reportStats: true,
      });
    try {
      const queues = await Promise.all([
        describe(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
        describe(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
      ]);
      if (queues.some((q) => !q.stats)) return null;
      const [workflow, activity] = queues.map((q) => ({
        ageMs: millis(q.stats?.approximateBacklogAge),
        count: Number(q.stats?.approximateBacklogCount?.toString() ?? 0),
      })) as [{ ageMs: number; count: number }, { ageMs: number; count: number }];
      return {
        ageMs: Math.max(workflow.ageMs, activity.ageMs),
        count: workflow.count + activity.count,
        workflowAgeMs: workflow.ageMs,
        workflowCount: workflow.count,
        activityAgeMs: activity.ageMs,
      };
    } catch (err) {
      // 12 UNIMPLEMENTED: a server without task queue statistics (the time-skipping test server).
      if ((err as { code?: number }).code === 12) return null;
      throw err;
    }
  }

  /** Reads the oldest noted starts at once (FirstStepSample says which, and what their reads mean). */
  private async firstStepWait(): Promise<number | null> {
    const read = this.starts.toRead();
    const seen = await Promise.all(
      read.map(async (start): Promise<FirstStepSeen> => {
        // A read that fails says nothing, and the start is not read again: one history that cannot be read must not
        // fail every sample (the reading would go stale and backpressure would stop).
        const step = await firstStepOf(this.client, start.workflowId).catch(() => undefined);
        // Gone (reset, deleted), or signal-with-start found it running from before: nothing to learn from it.
        if (step === undefined || step.startedAt < start.startedAt - STARTED_BEFORE_NOTED_MS)
          return { kind: 'gone' };
        if (step.leftQueueAfterMs !== null) return { kind: 'ran', afterMs: step.leftQueueAfterMs };
        // Ended before any task ran (terminated…), or a first page of signals only: it will never say how long
        // journeys wait, and kept it would hold its place (and a growing wait) for ever.
        if (step.closed || step.pageFull) return { kind: 'gone' };
        return { kind: 'pending' };
      }),
    );
    return this.starts.settle(read, seen, Date.now());
  }
}

/** What the start of a journey's history says: when its first step ran, and the search attributes it started with. */
export interface FirstStep {
  /** When the current run started (epoch ms, the server's clock). */
  startedAt: number;
  /** Ms from the start to the first completed workflow task (its code ran up to its first wait); null: not yet. */
  ranAfterMs: number | null;
  /**
   * Ms from the start to when a worker took its first workflow task (started, completed, failed or timed out); null:
   * still queued. What backpressure measures: a first task that fails for good is a bug to see elsewhere, not lag.
   */
  leftQueueAfterMs: number | null;
  /** The run has ended (terminated, timed out… — possibly before any task ran). */
  closed: boolean;
  /** The first page did not hold the whole history (what it lacks may hold the first task). */
  pageFull: boolean;
  /** Keyword search attributes of the start (CustomerId, CampaignId, JourneyType). */
  attributes: Record<string, string>;
}

/**
 * Reads the first page of a workflow's history (its current run): undefined when the workflow is not found. A first
 * page full of signals with no completed task counts as not yet run.
 */
export async function firstStepOf(client: Client, workflowId: string): Promise<FirstStep | undefined> {
  let history;
  try {
    history = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId },
      maximumPageSize: 32,
    });
  } catch (err) {
    if ((err as { code?: number }).code === 5) return undefined; // NOT_FOUND
    throw err;
  }
  const events = history.history?.events ?? [];
  const first = events[0];
  const attributes: Record<string, string> = {};
  const fields = first?.workflowExecutionStartedEventAttributes?.searchAttributes?.indexedFields ?? {};
  for (const [name, payload] of Object.entries(fields)) {
    try {
      const value: unknown = JSON.parse(Buffer.from(payload.data ?? new Uint8Array()).toString('utf8'));
      if (typeof value === 'string') attributes[name] = value;
    } catch {
      // Not a JSON keyword: not one of ours.
    }
  }
  const completed = events.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  const pickedUp = events.find((e) => PICKED_UP.has(e.eventType ?? 0));
  const after = (e: (typeof events)[number]) => Math.max(0, millis(e.eventTime) - millis(first?.eventTime));
  return {
    startedAt: millis(first?.eventTime),
    ranAfterMs: completed ? after(completed) : null,
    leftQueueAfterMs: pickedUp ? after(pickedUp) : null,
    closed: events.some((e) => CLOSED.has(e.eventType ?? 0)),
    pageFull: Boolean(history.nextPageToken?.length),
    attributes,
  };
}

/** Events that say the first workflow task left the queue: a worker took it (whatever came of it). */
const PICKED_UP = new Set<number>([
  EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
]);

/** Events that end a run. */
const CLOSED = new Set<number>([
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
]);
