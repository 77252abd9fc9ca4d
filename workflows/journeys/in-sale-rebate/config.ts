import { z } from 'zod';
import { PositiveMinorUnits } from '../../shared/config-parts';
import { BasisPoints, RebateCredit } from '../../shared/rebate-config';

/** 售中“阶梯式”权益激励 (seed 000): 满1万返3%，满3万返5%，满5万返8% — amounts in minor units, rates in basis points. */
export const InSaleRebateConfig = z.strictObject({
  tiers: z
    .array(z.strictObject({ minAmount: PositiveMinorUnits, rateBp: BasisPoints }))
    .min(1)
    .max(20)
    .default([
      { minAmount: 1_000_000, rateBp: 300 },
      { minAmount: 3_000_000, rateBp: 500 },
      { minAmount: 5_000_000, rateBp: 800 },
    ])
    .refine((t) => t.every((x, i) => i === 0 || x.minAmount > t[i - 1]!.minAmount), {
      message: 'tiers must be in ascending order of minAmount',
    }),
  /** The rebate lot, granted once the order's refund window passed without a refund. */
  credit: RebateCredit,
  /** Events handled per run before continue-as-new keeps the history small. */
  eventsPerRun: z.number().int().min(10).max(5000).default(200),
});

export type InSaleRebateConfig = z.infer<typeof InSaleRebateConfig>;
