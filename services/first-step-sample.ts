/** What one history read says of a sampled start: gone, not run yet, or run after this many ms. */
export type FirstStepSeen = { kind: 'gone' } | { kind: 'pending' } | { kind: 'ran'; afterMs: number };

/** A start noted longer ago than this says what the wait was, no longer what it is. */
const RECENT_START_MS = 5_000;

interface NotedStart {
  workflowId: string;
  startedAt: number;
}

/**
 * Which recently started journeys the lag monitor reads, and what their reads say about how long a journey started now
 * waits for its first step. Pure: the monitor does the reads (services/journey-lag.ts).
 *
 * It keeps the OLDEST starts not yet seen to run, up to `capacity`, and ignores newer ones while full: keeping the
 * newest instead (a ring) hid a backlog that had built up before them — under a burst the sampled starts were always
 * a fraction of a second old, so their wait read small while thousands of earlier ones waited. Each sample reads up
 * to `readsPerSample` of the oldest at once and forgets every one seen to have run, so a backlog that has cleared stops
 * refusing intake at the next sample (reading one start per sample, a cleared backlog kept intake shut ~10 s longer
 * while the worker sat idle).
 */
export class FirstStepSample {
  private readonly noted: NotedStart[] = [];
  /** When a read last said anything (a start waiting or run); 0 before the first. */
  private evidenceAt = 0;

  constructor(
    private readonly capacity = 16,
    readonly readsPerSample = 8,
  ) {}

  /** A journey was just started (or signalled with start: the read tells a run from before apart). */
  started(workflowId: string, at: number): void {
    // One place per journey: a customer's burst of events must not fill the sample with one workflow.
    if (this.noted.length < this.capacity && !this.noted.some((s) => s.workflowId === workflowId))
      this.noted.push({ workflowId, startedAt: at });
  }

  /** The starts the next sample reads, oldest first. */
  toRead(): readonly NotedStart[] {
    return this.noted.slice(0, this.readsPerSample);
  }

  /**
   * Takes the reads of `toRead()` (same order) and returns the wait to report: the wait so far of the oldest start that
   * has not run; if every read one ran, how long the newest of them waited; null when nothing was read (no evidence).
   */
  settle(read: readonly NotedStart[], seen: readonly FirstStepSeen[], now: number): number | null {
    let oldestPending: NotedStart | undefined;
    let newestRan: { start: NotedStart; afterMs: number } | undefined;
    const done = new Set<NotedStart>();
    for (const [i, start] of read.entries()) {
      const s = seen[i];
      if (!s || s.kind === 'gone') done.add(start);
      else if (s.kind === 'ran') {
        done.add(start);
        newestRan = { start, afterMs: s.afterMs };
      } else oldestPending ??= start;
    }
    for (let i = this.noted.length - 1; i >= 0; i--) if (done.has(this.noted[i]!)) this.noted.splice(i, 1);
    if (oldestPending || newestRan) this.evidenceAt = now;
    if (oldestPending) return Math.max(0, now - oldestPending.startedAt);
    if (!newestRan) return null;
    // How long a start of a while ago waited is history, not now: after an outage it would be the outage's length,
    // and refuse intake (Retry-After ~a minute) when the backlog has already cleared.
    return now - newestRan.start.startedAt <= RECENT_START_MS ? newestRan.afterMs : null;
  }

  /** Whether a read said something about the first steps within `withinMs` of `now`. */
  hasEvidenceSince(now: number, withinMs: number): boolean {
    return this.evidenceAt > 0 && now - this.evidenceAt <= withinMs;
  }

  get size(): number {
    return this.noted.length;
  }
}
