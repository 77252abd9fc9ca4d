import { z } from 'zod';
import { Label } from '../../../contracts/text';
import { CreditScope, Days, MinorUnitsOptional, Stacking } from '../../shared/config-parts';
import { BasisPoints } from '../../shared/rebate-config';

/**
 * 预付优惠 “闪电付款权益金” (seed 000): a customer who pays in advance gets extra credit at once. The storefront has no
 * prepayment event, so a prepaid order is an `order_placed` whose categories contain `markerCategory` (null: every
 * order counts as prepaid) and whose amount reaches `minAmount`.
 */
export const PrepaymentBonusConfig = z.strictObject({
  markerCategory: Label.nullable().default('prepayment'),
  minAmount: MinorUnitsOptional.default(0),
  /** Bonus in basis points of the prepaid amount (200 = 2 %). */
  bonusBp: BasisPoints.min(1).default(200),
  /** Largest bonus per order (minor units); 0 means no cap. */
  maxBonus: MinorUnitsOptional.default(0),
  validityDays: Days.default(90),
  scope: CreditScope,
  stacking: Stacking,
  /** Events handled per run before continue-as-new keeps the history small. */
  eventsPerRun: z.number().int().min(10).max(5000).default(200),
});

export type PrepaymentBonusConfig = z.infer<typeof PrepaymentBonusConfig>;
