import type { ActivityDeps } from './deps';
import { emailActivities } from './email';
import { journalActivities } from './journal';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...journalActivities(deps),
    ...emailActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
