import { orderRefunded, recordTierChange, rollingSpend, type TierChange } from '../stores/loyalty-tiers';
import type { ActivityDeps } from './deps';
import { journaled } from './journaled';

/** Member tiers and order rebates (journeys member-tier and in-sale-rebate). */
export function loyaltyTierActivities(deps: ActivityDeps) {
  return {
    rollingSpend: (req: { customerId: string; asOf: string; windowDays: number }) =>
      rollingSpend(deps.pool, req),
    orderRefunded: (orderId: string) => orderRefunded(deps.pool, orderId),
    recordTierChange: journaled(deps, (change: TierChange) => recordTierChange(deps.pool, change)),
  };
}
