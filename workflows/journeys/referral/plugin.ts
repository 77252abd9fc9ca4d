import { defineJourneyPlugin } from '../../shared/plugin';
import { ReferralConfig } from './config';
import type { referralJourney } from './workflow';

export const referralPlugin = defineJourneyPlugin<typeof ReferralConfig, typeof referralJourney>({
  type: 'referral',
  title: 'Referral reward for both sides after review (推荐有礼)',
  description:
    'On a sign-up with a referral code: eligibility and anti-fraud checks, sales verification of the first order ' +
    'within 12 h (escalated on timeout), both sides paid after 72 h without refund, referrer tiers 1/3/5/10.',
  workflowType: 'referralJourney',
  configSchema: ReferralConfig,
  startOn: ['signed_up'],
  signalOn: ['order_placed', 'order_refunded'],
  startsFor: (event) => event.type === 'signed_up' && event.referralCode !== undefined,
  cardinality: 'once-per-customer',
});
