import { defineJourneyPlugin } from '../../shared/plugin';
import { PrepaymentBonusConfig } from './config';
import type { prepaymentBonusJourney } from './workflow';
import { prepaymentBonus } from './rules';

export const prepaymentBonusPlugin = defineJourneyPlugin<
  typeof PrepaymentBonusConfig,
  typeof prepaymentBonusJourney
>({
  type: 'prepayment-bonus',
  title: 'Prepayment bonus (预付优惠: 闪电付款权益金)',
  description:
    'Per customer, long-lived: an order flagged as prepaid (a marker category, optionally a minimum amount) earns a ' +
    'percentage of its amount as credit at once; a refund of that order takes back what is left of the bonus.',
  workflowType: 'prepaymentBonusJourney',
  configSchema: PrepaymentBonusConfig,
  startOn: ['order_placed'],
  signalOn: ['order_refunded'],
  startsFor: (event, config) => prepaymentBonus(event, config) > 0,
  cardinality: 'repeatable',
});
