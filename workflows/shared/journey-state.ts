/** `pending`: started, first step not run yet (the worker is behind); said by the client, never by a workflow. */
export type JourneyStatus =
  'pending' | 'running' | 'waiting' | 'completed' | 'cancelled' | 'refused' | 'failed';

/**
 * Why a journey ended `failed`: a step that failed for good (a non-retryable failure, or retries that ran out of
 * their 7-day window). Names and codes only, never a message: messages may carry customer data or connection text.
 */
export interface JourneyFailure {
  /** The activity that failed, e.g. `grantCredit` (absent when the workflow ended without the failure path). */
  activity?: string;
  /** The last step the journey had completed before it. */
  afterStep: string;
  /**
   * `non-retryable:<failure type>` or `retries-exhausted:<failure type or timeout>`; `workflow-<status>` for a run that
   * ended without the failure path (terminated, timed out, or failed before the path existed).
   */
  reason: string;
  /** What the journey had reserved and gave back (e.g. `agent-quota`). */
  released: string[];
  /** The `journey-failed` support task opened for it. */
  supportTaskId?: number;
  /** Parts of the failure handling that could not be done themselves (ops finish them from the support task). */
  unfinished?: string[];
}

export interface JourneyHistoryEntry {
  at: string;
  step: string;
  note?: string;
}

/** What the failure path needs to know about the step that failed (permanent-failure.ts). */
export type StepFailure = Required<Pick<JourneyFailure, 'activity' | 'reason'>>;

/** What the journeyState query returns: enough for ops and the API to tell where a customer is. */
export interface JourneyState {
  journeyType: string;
  campaignId: string;
  customerId: string;
  status: JourneyStatus;
  step: string;
  /** When the journey next wakes up on its own, if it is waiting on a timer. */
  nextWakeAt?: string;
  /** Most recent steps, bounded so long-lived journeys keep a small state. */
  history: JourneyHistoryEntry[];
  outcome?: string;
  /** Set when status is `failed`. */
  failure?: JourneyFailure;
  details: Record<string, unknown>;
}
