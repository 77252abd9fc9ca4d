import { z } from 'zod';
import { FreeText, Id } from '../../../contracts/text';
import { Days, MinorUnitsOptional, PositiveMinorUnits } from '../../shared/config-parts';

/** 客情维护专项金 (seed 000): support-issued credit within per-agent quotas, big ones approved by a manager. */
export const CompensationConfig = z
  .strictObject({
    /** Per agent per UTC day (500.00). */
    agentDailyQuota: PositiveMinorUnits.default(50_000),
    /** Per agent per calendar month (5,000.00). */
    agentMonthlyQuota: PositiveMinorUnits.default(500_000),
    /** Credits above this need a manager's approval (200.00). */
    approvalThreshold: MinorUnitsOptional.default(20_000),
    approvalTimeoutHours: z.number().int().min(1).max(720).default(24),
    /** Largest single compensation (1,000.00). */
    maxAmount: PositiveMinorUnits.default(100_000),
    validityDays: Days.default(90),
  })
  .refine((c) => c.agentMonthlyQuota >= c.agentDailyQuota, {
    message: 'the monthly quota cannot be smaller than the daily quota',
    path: ['agentMonthlyQuota'],
  });

export type CompensationConfig = z.infer<typeof CompensationConfig>;

/** One support request, carried into the journey's input. */
export const CompensationRequest = z.strictObject({
  requestId: Id,
  agentId: Id,
  amount: PositiveMinorUnits,
  reason: FreeText({ min: 3, max: 500, multiline: true }),
});
export type CompensationRequest = z.infer<typeof CompensationRequest>;
