/** `pending`: started, first step not run yet (the worker is behind); said by the client, never by a workflow. */
export type JourneyStatus = 'pending' | 'running' | 'waiting' | 'completed' | 'cancelled' | 'refused';

export interface JourneyHistoryEntry {
  at: string;
  step: string;
  note?: string;
}

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
  details: Record<string, unknown>;
}
