import { customerActivities } from './customers';
import type { ActivityDeps } from './deps';
import { emailActivities } from './email';
import { journalActivities } from './journal';
import { ledgerActivities } from './ledger';
import { loyaltyPointsActivities } from './loyalty-points';
import { loyaltyTierActivities } from './loyalty-tiers';
import { supportActivities } from './support';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...journalActivities(deps),
    ...emailActivities(deps),
    ...ledgerActivities(deps),
    ...customerActivities(deps),
    ...supportActivities(deps),
    ...loyaltyTierActivities(deps),
    ...loyaltyPointsActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
