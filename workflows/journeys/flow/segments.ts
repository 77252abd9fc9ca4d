import { RetryState } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { SEGMENT_TEST_TIMEOUT } from '../../../contracts/segment-test';
import { reads } from '../../shared/activities';
import type { Journey } from '../../shared/journey';
import type { FlowConfig } from './config';
import type { Predicate } from './definition';
import type { SegmentPredicate } from './entries';
import { segmentKey, segmentQuestion } from './segment-question';
import { isPatched } from '../../shared/patches';

/**
 * The segment tests of a condition answered in one read activity (each distinct test once), as of the journey's now:
 * whether the customer is in each saved segment or matches each inline filter. No read when there are none.
 */
export async function readSegments(
  j: Journey<FlowConfig>,
  tests: readonly Predicate[],
): Promise<Record<string, boolean>> {
  const asked = new Map<string, SegmentPredicate>();
  for (const t of tests) if (t.on === 'segment') asked.set(segmentKey(t), t);
  if (asked.size === 0) return {};
  try {
    return await reads().customerInSegments({
      customerId: j.start.customerId,
      asOf: j.nowIso(),
      questions: [...asked].map(([key, t]) => ({ key, ...segmentQuestion(t) })),
    });
  } catch (err) {
    // A local activity's failure reaches the workflow as its bare cause; as a step failure it takes the failure path
    // (workflows/shared/permanent-failure.ts: state failed with the reason, reservations released, a task opened).
    if (
      err instanceof ApplicationFailure &&
      err.type === SEGMENT_TEST_TIMEOUT &&
      isPatched(FLOW_SEGMENT_TEST_TIMEOUT)
    )
      throw new ActivityFailure(
        err.message,
        'customerInSegments',
        undefined,
        RetryState.NON_RETRYABLE_FAILURE,
        undefined,
        err,
      );
    throw err;
  }
}

/** A segment test's timeout fails its journey through the failure path (before it, no segment test could time out). */
export const FLOW_SEGMENT_TEST_TIMEOUT = 'flow-segment-test-timeout';
