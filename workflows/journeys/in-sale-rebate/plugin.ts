import { defineJourneyPlugin } from '../../shared/plugin';
import { InSaleRebateConfig } from './config';
import type { inSaleRebateJourney } from './workflow';
import { tierRate } from '../../shared/rates';

export const inSaleRebatePlugin = defineJourneyPlugin<typeof InSaleRebateConfig, typeof inSaleRebateJourney>({
  type: 'in-sale-rebate',
  title: 'In-sale tiered rebate (售中阶梯式权益激励: 满1万返3%, 满3万返5%, 满5万返8%)',
  description:
    'Per customer, long-lived: every order reaching a tier earns that tier’s percentage back as rebate credit, ' +
    'granted once the order’s refund window has passed; a refund within the window cancels it.',
  workflowType: 'inSaleRebateJourney',
  configSchema: InSaleRebateConfig,
  startOn: ['order_placed'],
  signalOn: ['order_refunded'],
  // Orders below the first tier never start (or reach) the journey.
  startsFor: (event, config) => event.type === 'order_placed' && tierRate(config.tiers, event.amount) > 0,
  cardinality: 'repeatable',
});
