import { z } from 'zod';
import { CreditScope, Days, Stacking } from './config-parts';

/** Basis points (1 % = 100 bp): rates stay integers, never floats. */
export const BasisPoints = z.number().int().min(0).max(10_000);

/** How a rebate lot is granted once an order's refund window has passed without a refund. */
export const RebateCredit = z
  .strictObject({
    refundWindowDays: Days.default(7),
    validityDays: Days.default(180),
    scope: CreditScope,
    stacking: Stacking,
  })
  .default({ refundWindowDays: 7, validityDays: 180, scope: { type: 'all' }, stacking: 'stackable' });
export type RebateCredit = z.infer<typeof RebateCredit>;
