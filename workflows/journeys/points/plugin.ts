import { defineJourneyPlugin } from '../../shared/plugin';
import { PointsConfig } from './config';
import type { pointsDonationCertificate } from './donation';
import type { pointsDisputeReview, pointsJourney } from './workflow';

export const pointsPlugin = defineJourneyPlugin<typeof PointsConfig, typeof pointsJourney>({
  type: 'points',
  title: 'Loyalty points (积分: 多倍积分, 单日上限, 到期预警, 争议复核)',
  description:
    'Per customer, long-lived: orders earn points (1 per currency unit × category multiplier, daily cap, order id as ' +
    'unique transaction id), refunds take them back, points expire a year after earning with a warning 30 days ' +
    'ahead. Disputes are re-checked by support within 48 hours; rewards are redeemed from a catalog with stock.',
  workflowType: 'pointsJourney',
  configSchema: PointsConfig,
  startOn: ['order_placed'],
  signalOn: ['order_refunded'],
  cardinality: 'repeatable',
});

/**
 * The dispute review of a points campaign: started per dispute by openPointsDispute (not by events), under the points
 * campaign and its config. Not in the registry: events never route to it.
 */
export const pointsDisputePlugin = defineJourneyPlugin<typeof PointsConfig, typeof pointsDisputeReview>({
  ...pointsPlugin,
  title: 'Points dispute review (积分遗漏争议复核)',
  description: 'Re-checks one points dispute; support approves or rejects within the review window.',
  workflowType: 'pointsDisputeReview',
  startOn: [],
  signalOn: [],
  cardinality: 'per-request',
});

/**
 * The certificate of a points donation (积分捐赠公益): started per donation by the donation service once the ledger moved
 * the points. Not in the registry: events never route to it.
 */
export const pointsDonationPlugin = defineJourneyPlugin<
  typeof PointsConfig,
  typeof pointsDonationCertificate
>({
  ...pointsPlugin,
  title: 'Points donation certificate (积分捐赠证书)',
  description: 'Emails the certificate of one points donation to a charity.',
  workflowType: 'pointsDonationCertificate',
  startOn: [],
  signalOn: [],
  cardinality: 'per-request',
});
