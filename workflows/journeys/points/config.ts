import { z } from 'zod';
import { FreeText, Id, Label, LabelRecord } from '../../../contracts/text';
import { Days } from '../../shared/config-parts';

/**
 * 集点/积分 (seed 003): 1 point per currency unit × category multiplier (多倍积分), a daily cap against 刷单, the order
 * id as the unique transaction id, yearly expiry with a warning 30 days ahead (积分到期预警), disputes re-checked within
 * 48 hours (积分遗漏争议复核补录).
 */
export const PointsConfig = z.strictObject({
  /** Points per major currency unit (amount / minorPerMajor, floored). */
  pointsPerUnit: z.number().int().min(1).max(1000).default(1),
  minorPerMajor: z.number().int().min(1).max(10_000).default(100),
  /** Integer multiplier per category; an order takes the highest of its categories (default 1). */
  categoryMultipliers: LabelRecord(z.number().int().min(0).max(100)).default({}),
  /** Most points a customer earns per UTC day from orders (单日最高积分上限). */
  dailyCap: z.number().int().min(1).max(100_000_000).default(10_000),
  /** Each earn expires this many days later (每年清零). */
  validityDays: Days.default(365),
  /** The warning email goes this many days before points expire. */
  expiryWarningDays: Days.default(30),
  /** A dispute not decided within this many hours is rejected. */
  disputeReviewHours: z.number().int().min(1).max(720).default(48),
  /**
   * Hard cap on the points this campaign's earns may issue in total (ledger/points-budget.ts): an earn past it earns
   * the part that fits, one at an empty budget earns nothing; both are journaled. Left out: unlimited.
   */
  pointsBudget: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  /** Events handled per run before continue-as-new keeps the history small. */
  eventsPerRun: z.number().int().min(10).max(5000).default(200),
});

export type PointsConfig = z.infer<typeof PointsConfig>;

export const PointsDispute = z.strictObject({
  disputeId: Id,
  orderId: Id,
  /** From the customer's receipt, used only when the storefront never reported the order. */
  claimedAmount: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  claimedCategories: z.array(Label).max(50).optional(),
  note: FreeText({ max: 500, multiline: true, allowBlank: true }).optional(),
});

export type PointsDispute = z.infer<typeof PointsDispute>;
