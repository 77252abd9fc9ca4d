import { z } from 'zod';
import { CreditOffer, Days } from '../../shared/config-parts';

/** 售后“复购启动金” (seed 000): vouchers 7 and 30 days after a first order, unless the customer came back. */
export const RepurchaseVoucherConfig = z
  .strictObject({
    firstVoucherAfterDays: Days.default(7),
    secondVoucherAfterDays: Days.default(30),
    /** Voucher A: 满200减20 for 14 days. */
    firstVoucher: CreditOffer.default({
      kind: 'threshold',
      amount: 2000,
      minOrderAmount: 20000,
      validityDays: 14,
      scope: { type: 'all' },
      stacking: 'stackable',
    }),
    /** Voucher B: 满300减50 for 30 days. */
    secondVoucher: CreditOffer.default({
      kind: 'threshold',
      amount: 5000,
      minOrderAmount: 30000,
      validityDays: 30,
      scope: { type: 'all' },
      stacking: 'stackable',
    }),
  })
  .refine((c) => c.secondVoucherAfterDays > c.firstVoucherAfterDays, {
    message: 'secondVoucherAfterDays must be later than firstVoucherAfterDays',
    path: ['secondVoucherAfterDays'],
  });

export type RepurchaseVoucherConfig = z.infer<typeof RepurchaseVoucherConfig>;
