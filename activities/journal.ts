import { recordJourneyEvent, type JourneyEvent } from '../stores/journey-events';
import type { ActivityDeps } from './deps';

export function journalActivities(deps: ActivityDeps) {
  return {
    recordJourneyEvent: (event: JourneyEvent) => recordJourneyEvent(deps.pool, event),
  };
}
