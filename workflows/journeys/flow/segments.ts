import { reads } from '../../shared/activities';
import type { Journey } from '../../shared/journey';
import type { FlowConfig } from './config';
import type { Predicate } from './definition';
import { segmentKey, segmentQuestion, type SegmentPredicate } from './entries';

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
  return reads().customerInSegments({
    customerId: j.start.customerId,
    asOf: j.nowIso(),
    questions: [...asked].map(([key, t]) => ({ key, ...segmentQuestion(t) })),
  });
}
