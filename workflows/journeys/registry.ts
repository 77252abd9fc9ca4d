import type { JourneyPlugin } from '../shared/plugin';
import { compensationPlugin } from './compensation/plugin';
import { dormancyPlugin } from './dormancy/plugin';
import { expiryReminderPlugin } from './expiry-reminder/plugin';
import { flowPlugin } from './flow/plugin';
import { inSaleRebatePlugin } from './in-sale-rebate/plugin';
import { memberTierPlugin } from './member-tier/plugin';
import { pointsPlugin } from './points/plugin';
import { prepaymentBonusPlugin } from './prepayment-bonus/plugin';
import { referralPlugin } from './referral/plugin';
import { repurchaseVoucherPlugin } from './repurchase-voucher/plugin';
import { trialCreditPlugin } from './trial-credit/plugin';

/** Every journey type perkflow can run. Adding one: its folder, a line here and its export in workflows/index.ts. */
export const JOURNEY_PLUGINS: readonly JourneyPlugin[] = [
  trialCreditPlugin,
  repurchaseVoucherPlugin,
  dormancyPlugin,
  referralPlugin,
  compensationPlugin,
  expiryReminderPlugin,
  memberTierPlugin,
  inSaleRebatePlugin,
  prepaymentBonusPlugin,
  pointsPlugin,
  flowPlugin,
];

export function findJourneyPlugin(type: string): JourneyPlugin | undefined {
  return JOURNEY_PLUGINS.find((p) => p.type === type);
}
