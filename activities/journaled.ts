import { detailFromResult, type JournalWithWrite } from '../contracts/journal-with-write';
import { recordJourneyEvent } from '../stores/journey-events';
import type { ActivityDeps } from './deps';

/**
 * A write activity that also records the journal row of its step when the journey hands one over
 * (contracts/journal-with-write.ts): the write first, then the row, each idempotent by its own key.
 */
export function journaled<I, R>(
  deps: Pick<ActivityDeps, 'pool'>,
  write: (input: I) => Promise<R>,
): (input: I, journal?: JournalWithWrite | null) => Promise<R> {
  return async (input, journal) => {
    const result = await write(input);
    if (journal) {
      const { fromResult, detail, ...row } = journal;
      await recordJourneyEvent(deps.pool, {
        ...row,
        detail: { ...detail, ...detailFromResult(result, fromResult) },
      });
    }
    return result;
  };
}
