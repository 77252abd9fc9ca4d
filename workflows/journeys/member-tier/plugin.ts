import { defineJourneyPlugin } from '../../shared/plugin';
import { MemberTierConfig } from './config';
import type { memberTierJourney } from './workflow';

export const memberTierPlugin = defineJourneyPlugin<typeof MemberTierConfig, typeof memberTierJourney>({
  type: 'member-tier',
  title: 'Member tiers & tier rebate (多层级会员体系: 普通/银卡/金卡/钻石, 返利 1/2/3 %)',
  description:
    'Per customer, long-lived: the rolling 12-month spend sets the tier; an order reaching a higher tier upgrades at ' +
    'once, downgrades wait for the periodic review; every change is stored and emailed. Each order earns the ' +
    'tier’s rebate as credit once its refund window has passed without a refund.',
  workflowType: 'memberTierJourney',
  configSchema: MemberTierConfig,
  startOn: ['order_placed'],
  signalOn: ['order_refunded'],
  cardinality: 'repeatable',
});
