import { z } from 'zod';
import { FreeText } from '../../../contracts/text';
import { CreditOffer, Days } from '../../shared/config-parts';

/** 流失客户召回 (seed 001): 短信提醒 + 专属客服回访 + 高价值赠品, after N dormant days. */
export const DormancyConfig = z.strictObject({
  dormantDays: Days.default(90),
  /** Step 1: the email offer text (a sentence inside the dormancy email). */
  offerText: FreeText({ max: 500, multiline: true }).default(
    'Come back this week and enjoy free shipping on any order.',
  ),
  /** Step 2 this many days after the email: a support callback task. */
  callbackAfterDays: Days.default(7),
  /** Step 3 this many days after the callback: a high-value gift credit. */
  giftAfterDays: Days.default(7),
  gift: CreditOffer.default({
    kind: 'cash',
    amount: 10000,
    validityDays: 30,
    scope: { type: 'all' },
    stacking: 'stackable',
  }),
  /** Activity events handled per run before continue-as-new keeps the history small. */
  eventsPerRun: z.number().int().min(10).max(5000).default(200),
});

export type DormancyConfig = z.infer<typeof DormancyConfig>;
