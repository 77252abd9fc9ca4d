import { SEGMENT_TEST_TIMEOUT, type SegmentFilter } from '../contracts/segment-filter';
import { ApplicationFailure } from '@temporalio/activity';
import { pgErrorCode } from '../lib/transaction';
import {
  DEFAULT_SEGMENT_TEST_TIMEOUT_MS,
  membership,
  QUERY_CANCELED,
  segmentFilter,
} from '../stores/segment-members';
import type {
  EnrolPageRequest,
  EnrolPageResult,
  Occurrence,
} from '../workflows/campaign-enrolment/definitions';
import type { ActivityDeps } from './deps';

/** A segment test of a flow condition: its answer is filed under `key`. */
export interface SegmentQuestionIn {
  key: string;
  segmentId?: string;
  filter?: SegmentFilter;
}

export function enrolmentActivities(deps: ActivityDeps) {
  const enrolments = () => {
    // A worker built without it is a wiring bug: failing (retried) keeps the run pending until it is fixed.
    if (!deps.enrolments) throw new Error('this worker has no campaign enrolments wired in');
    return deps.enrolments;
  };
  return {
    /** One page of an enrolment run: the next ids after the durable cursor, their journeys started. */
    enrolPage: (req: EnrolPageRequest): Promise<EnrolPageResult> => enrolments().enrolPage(req),
    /** When a date or calendar entry next enrols (null: the campaign ended, or no occurrence is left). */
    nextEnrolmentOccurrence: (req: { campaignId: string; after: string }): Promise<Occurrence | null> =>
      enrolments().nextOccurrence(req),
    /** Whether the customer is in each segment (saved or inline), as of the journey's now. */
    customerInSegments: async (req: {
      customerId: string;
      asOf: string;
      questions: SegmentQuestionIn[];
    }): Promise<Record<string, boolean>> => {
      const filters = new Map<string, SegmentFilter | null>();
      for (const q of req.questions) {
        filters.set(q.key, q.filter ?? (q.segmentId ? await segmentFilter(deps.pool, q.segmentId) : null));
      }
      const timeoutMs = deps.segmentTestTimeoutMs ?? DEFAULT_SEGMENT_TEST_TIMEOUT_MS;
      try {
        return await membership(deps.pool, req.customerId, filters, req.asOf, timeoutMs);
      } catch (err) {
        // The filter, not the database, is the problem: retrying would hold a connection as long again, every time.
        // The journey fails for good (its failure path gives back what it reserved and opens a support task).
        if (pgErrorCode(err) === QUERY_CANCELED)
          throw ApplicationFailure.create({
            message: `a segment test took longer than ${timeoutMs} ms; narrow its filter`,
            type: SEGMENT_TEST_TIMEOUT,
            nonRetryable: true,
          });
        throw err;
      }
    },
  };
}
