import { z } from 'zod';
import { Id } from '../../../contracts/text';
import { Days } from '../../shared/config-parts';

/** 过期提醒 (seed 000 权益金管理中心): a reminder N days before every lot expires, and the daily expiry sweep. */
export const ExpiryReminderConfig = z.strictObject({
  remindDaysBefore: Days.default(7),
  /** How often the sweep runs. */
  sweepEveryHours: z.number().int().min(1).max(168).default(24),
  /** Also move expired lots to breakage on each sweep. */
  expireDueLots: z.boolean().default(true),
  /** Only lots of these campaigns (all lots when empty). */
  campaignIds: z.array(Id).max(100).default([]),
  /** Sweeps per run before continue-as-new. */
  sweepsPerRun: z.number().int().min(1).max(1000).default(30),
});

export type ExpiryReminderConfig = z.infer<typeof ExpiryReminderConfig>;
