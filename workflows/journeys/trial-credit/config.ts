import { z } from 'zod';
import { CreditScope, Days, PositiveMinorUnits, Stacking } from '../../shared/config-parts';

/** 售前“体验官”招募计划 (seed 000): trial credit for a new lead, reminder before it lapses. */
export const TrialCreditConfig = z
  .strictObject({
    /** 50.00 in minor units. */
    amount: PositiveMinorUnits.default(5000),
    validityDays: Days.default(30),
    /** Reminder this many days before expiry, if the credit is still unused. 0 disables it. */
    remindDaysBeforeExpiry: z.number().int().min(0).max(365).default(7),
    scope: CreditScope,
    stacking: Stacking,
    /**
     * Refuse a sign-up whose email, phone, device or payment fingerprint another customer already has (one trial per
     * person, seed 001's anti-fraud rule): the journey ends refused with MULTI_ACCOUNT and grants nothing.
     */
    antiFraud: z.boolean().default(true),
  })
  .refine((c) => c.remindDaysBeforeExpiry < c.validityDays, {
    message: 'the reminder must come before the credit expires (remindDaysBeforeExpiry < validityDays)',
    path: ['remindDaysBeforeExpiry'],
  });

export type TrialCreditConfig = z.infer<typeof TrialCreditConfig>;
