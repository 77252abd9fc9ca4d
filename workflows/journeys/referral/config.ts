import { z } from 'zod';
import { FreeText, Label } from '../../../contracts/text';
import { CreditOffer, Days, MinorUnitsOptional } from '../../shared/config-parts';

const TierReward = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('credit'), offer: CreditOffer }),
  z.strictObject({ type: z.literal('gift'), gift: FreeText({ max: 200 }) }),
  z.strictObject({ type: z.literal('status'), status: Label }),
]);

const cash = (amount: number, validityDays: number) => ({
  kind: 'cash' as const,
  amount,
  validityDays,
  scope: { type: 'all' as const },
  stacking: 'stackable' as const,
});

/** 客户转介绍 (seed 002) and 口碑推荐 (seed 000): both sides rewarded after a verified, unrefunded first order. */
export const ReferralConfig = z
  .strictObject({
    /** 老客户范围: bought within this many days... */
    referrerActiveWithinDays: Days.default(365),
    /** ...or spent at least this much in total (10,000.00). */
    referrerMinTotalSpent: MinorUnitsOptional.default(1_000_000),
    /** The referee must place a first order within this many days of signing up. */
    firstOrderWithinDays: Days.default(30),
    /** Sales verify the referral within this many hours; then it is escalated. */
    verificationHours: z.number().int().min(1).max(720).default(12),
    /** After escalation, how long to wait for a decision before the referral is cancelled. */
    escalationHours: z.number().int().min(1).max(720).default(48),
    /** Reward only once the first order has gone this long without a refund. */
    refundWindowHours: z.number().int().min(1).max(2160).default(72),
    referrerReward: CreditOffer.default(cash(5000, 90)),
    refereeReward: CreditOffer.default(cash(5000, 90)),
    /** Rewards at a referrer's Nth successful referral (seed 002: 1 → 100 voucher, 3 → gift, 5 → premium, 10 → 推荐官). */
    tiers: z
      .array(z.strictObject({ referrals: z.number().int().min(1).max(10_000), reward: TierReward }))
      .max(20)
      .default([
        { referrals: 1, reward: { type: 'credit', offer: cash(10000, 90) } },
        { referrals: 3, reward: { type: 'gift', gift: '品牌定制礼盒 (custom gift box)' } },
        { referrals: 5, reward: { type: 'gift', gift: '高端服务体验 (premium service experience)' } },
        { referrals: 10, reward: { type: 'status', status: 'ambassador' } },
      ]),
  })
  .refine((c) => new Set(c.tiers.map((t) => t.referrals)).size === c.tiers.length, {
    message: 'each tier needs a distinct referral count',
    path: ['tiers'],
  });

export type ReferralConfig = z.infer<typeof ReferralConfig>;
