import type { Pool } from 'pg';
import { countFailedJourneys } from '../stores/journey-events';

/**
 * Journeys that ended `failed`, counted from the journal every worker writes (not from a process-local counter: the
 * worker that ran the failure path may be another process than the API that serves /metrics).
 */
export class FailedJourneys {
  constructor(private readonly pool: Pool) {}

  /** Failed journeys so far, by journey type. */
  countByType(): Promise<Record<string, number>> {
    return countFailedJourneys(this.pool);
  }
}
