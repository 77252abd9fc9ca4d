import { z } from 'zod';
import { PositiveMinorUnits, Days } from '../../shared/config-parts';
import { BasisPoints, RebateCredit } from '../../shared/rebate-config';

/**
 * 多层级会员体系 (seed 001) with 忠诚度等级返利 (seed 000: 普通1% 银2% 金3%): tiers from the rolling spend, upgrade at
 * once, downgrade at the periodic review; each order's tier rebate is granted after its refund window.
 */
export const MemberTierConfig = z
  .strictObject({
    /** Rolling spend (minor units) needed per tier; standard needs nothing. */
    thresholds: z
      .strictObject({
        silver: PositiveMinorUnits.default(500_000),
        gold: PositiveMinorUnits.default(2_000_000),
        diamond: PositiveMinorUnits.default(5_000_000),
      })
      .default({ silver: 500_000, gold: 2_000_000, diamond: 5_000_000 }),
    /** Rebate per tier in basis points (100 = 1 %). */
    rebateBp: z
      .strictObject({
        standard: BasisPoints.default(100),
        silver: BasisPoints.default(200),
        gold: BasisPoints.default(300),
        diamond: BasisPoints.default(300),
      })
      .default({ standard: 100, silver: 200, gold: 300, diamond: 300 }),
    /** The rolling window of spend (12 months). */
    spendWindowDays: Days.default(365),
    /** Downgrades happen only at these reviews, every N days from the journey's start. */
    reviewEveryDays: Days.default(90),
    credit: RebateCredit,
    /** Events handled per run before continue-as-new keeps the history small. */
    eventsPerRun: z.number().int().min(10).max(5000).default(200),
  })
  .refine((c) => c.thresholds.silver < c.thresholds.gold && c.thresholds.gold < c.thresholds.diamond, {
    message: 'thresholds must rise: silver < gold < diamond',
    path: ['thresholds'],
  });

export type MemberTierConfig = z.infer<typeof MemberTierConfig>;
