import { defineJourneyPlugin } from '../../shared/plugin';
import { RepurchaseVoucherConfig } from './config';
import type { repurchaseVoucherJourney } from './workflow';

export const repurchaseVoucherPlugin = defineJourneyPlugin<
  typeof RepurchaseVoucherConfig,
  typeof repurchaseVoucherJourney
>({
  type: 'repurchase-voucher',
  title: 'Repurchase vouchers 7 and 30 days after a first order (复购启动金)',
  description:
    'After a first order, issues voucher A on day 7 and voucher B on day 30 unless the customer repurchased; a ' +
    'repurchase ends the journey and a refund of the first order cancels it.',
  workflowType: 'repurchaseVoucherJourney',
  configSchema: RepurchaseVoucherConfig,
  startOn: ['order_placed'],
  signalOn: ['order_refunded'],
  cardinality: 'once-per-customer',
});
