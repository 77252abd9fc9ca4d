import type { SegmentFilter } from '../../../contracts/segment-filter';
import type { SegmentPredicate } from './entries';

/* A segment test as the interpreter asks it, apart from the zod shapes in entries.ts (the workflow bundle has none). */

/** What a segment test asks the activity: a saved segment or an inline filter. */
export type SegmentQuestion = { segmentId: string } | { filter: SegmentFilter };

/** The key a segment test's answer is filed under (the same test in two branches is asked once). */
export function segmentKey(p: Pick<SegmentPredicate, 'segmentId' | 'filter'>): string {
  return p.segmentId !== undefined ? `id:${p.segmentId}` : `filter:${JSON.stringify(p.filter)}`;
}

export function segmentQuestion(p: SegmentPredicate): SegmentQuestion {
  return p.segmentId !== undefined ? { segmentId: p.segmentId } : { filter: p.filter as SegmentFilter };
}
