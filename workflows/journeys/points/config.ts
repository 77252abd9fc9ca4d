import { z } from 'zod';
import { FreeText, Id, Label, LabelRecord } from '../../../contracts/text';
import { Days } from '../../shared/config-parts';

/**
 * 集点/积分 (seed 003): 1 point per currency unit × category multiplier (多倍积分), a daily cap against 刷单, the order
 * id as the unique transaction id, yearly expiry with a warning 30 days ahead (积分到期预警), disputes re-checked within
 * 48 hours (积分遗漏争议复核补录).
 */
const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const LocalDate = z.iso
  .date()
  .meta({ description: 'A calendar date (YYYY-MM-DD) in the campaign time zone.' });

/**
 * A time window with a multiplier (周末双倍, 双11三倍): on the listed weekdays and/or between two dates (inclusive), both
 * read in the campaign's time zone (its schedule's `timezone`, UTC when it has none). A window with both matches a day
 * that is one of the weekdays AND within the dates.
 */
export const MultiplierWindow = z
  .strictObject({
    name: Label,
    multiplier: z.number().int().min(1).max(10),
    weekdays: z.array(Weekday).min(1).max(7).optional(),
    from: LocalDate.optional(),
    to: LocalDate.optional(),
  })
  .refine((w) => w.weekdays !== undefined || w.from !== undefined || w.to !== undefined, {
    message: 'a window needs weekdays, a date range (from/to) or both',
    path: ['weekdays'],
  })
  .refine((w) => w.from === undefined || w.to === undefined || w.from <= w.to, {
    message: 'from must not be after to',
    path: ['to'],
  });

export type MultiplierWindow = z.infer<typeof MultiplierWindow>;

/**
 * Earn multipliers beyond the category one. An order's multiplier is category × the highest matching window × its
 * customer's tier, capped at maxMultiplier (decisions.md "Points multipliers").
 */
export const PointsMultipliers = z.strictObject({
  windows: z.array(MultiplierWindow).max(50).default([]),
  /** Per member tier at the time of the order (stores/loyalty-tiers.ts); a tier not listed (and no tier) is 1. */
  tiers: z
    .strictObject({
      standard: z.number().int().min(1).max(10).optional(),
      silver: z.number().int().min(1).max(10).optional(),
      gold: z.number().int().min(1).max(10).optional(),
      diamond: z.number().int().min(1).max(10).optional(),
    })
    .default({}),
  /** The combined multiplier never exceeds this (a ×3 festival for a ×3 diamond on a ×3 category is not ×27). */
  maxMultiplier: z.number().int().min(1).max(100).default(10),
});

export type PointsMultipliers = z.infer<typeof PointsMultipliers>;

/**
 * Yearly expiry: 'whole' expires all that is left of an earn validityDays after it (每年清零); 'partial' expires
 * `percent` % of what is left of it every validityDays (seed 001: 每年清零未使用积分的30%), rounded down, so an earn
 * shrinks year by year and never expires the last points that round to 0.
 */
export const PointsExpiry = z
  .strictObject({
    mode: z.enum(['whole', 'partial']).default('whole'),
    percent: z.number().int().min(1).max(99).optional(),
  })
  .refine((e) => (e.mode === 'partial') === (e.percent !== undefined), {
    message: "percent is required with mode 'partial' and only allowed with it",
    path: ['percent'],
  });

export type PointsExpiry = z.infer<typeof PointsExpiry>;

export const PointsConfig = z.strictObject({
  /** Points per major currency unit (amount / minorPerMajor, floored). */
  pointsPerUnit: z.number().int().min(1).max(1000).default(1),
  minorPerMajor: z.number().int().min(1).max(10_000).default(100),
  /** Integer multiplier per category; an order takes the highest of its categories (default 1). */
  categoryMultipliers: LabelRecord(z.number().int().min(0).max(100)).default({}),
  /** Time-window and tier multipliers (absent in configs from before they existed: none apply). */
  multipliers: PointsMultipliers.optional(),
  /** Most points a customer earns per UTC day from orders (单日最高积分上限). */
  dailyCap: z.number().int().min(1).max(100_000_000).default(10_000),
  /** Each earn expires this many days later (每年清零). */
  validityDays: Days.default(365),
  /** Whole or partial yearly expiry (absent: whole). */
  expiry: PointsExpiry.optional(),
  /** Charities (公益项目) customers may donate points to: POST /v1/customers/{id}/points/donations. */
  charities: z
    .array(
      z.strictObject({
        charityId: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes (at most 63)'),
        name: FreeText({ max: 200 }),
      }),
    )
    .max(50)
    .refine((cs) => new Set(cs.map((c) => c.charityId)).size === cs.length, {
      message: 'charity ids must be unique',
    })
    .optional(),
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

/** A points donation (积分捐赠公益) whose certificate the donation workflow emails: the ledger already moved it. */
export const PointsDonation = z.strictObject({
  donationId: Id,
  charityId: Id,
  /** The charity's name as the certificate shows it. */
  charityName: FreeText({ max: 200 }),
  points: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  donatedAt: z.iso.datetime({ offset: true }),
  ledgerTransactionId: z.string().min(1).max(200),
});

export type PointsDonation = z.infer<typeof PointsDonation>;
