import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Ledger } from '../ledger';
import { isLedgerError } from '../ledger/errors';
import type { CampaignStore } from '../stores/campaigns';
import type { PointsConfig } from '../workflows/journeys/points/config';
import { pointsDonationPlugin } from '../workflows/journeys/points/plugin';
import { ServiceError } from './errors';
import type { JourneyClient } from './journey-client';
import { soleLaunchedCampaign } from './launched-campaign';

export interface DonationRequest {
  customerId: string;
  charityId: string;
  points: number;
  /** Derived from the request's Idempotency-Key: the same donation is made (and certified) once. */
  donationId: string;
  campaignId?: string;
}

export interface Donation {
  donationId: string;
  customerId: string;
  charityId: string;
  charityName: string;
  points: number;
  balance: number;
  ledgerTransactionId: string;
  certificateWorkflowId: string;
}

/** The workflow id of one donation's certificate. */
export const donationWorkflowId = (customerId: string, donationId: string) =>
  `points-donation/${customerId}/${donationId}`;

/**
 * 积分捐赠公益 (seed 001): a customer gives points to one of the charities the launched points campaign lists. The
 * ledger moves them to the charity's points account at once (idempotent by the donation id; 422 INSUFFICIENT_POINTS
 * with nothing moved when they are short); then the certificate workflow emails the certificate through the outbox,
 * retried by Temporal until the mail relay takes it.
 */
export class PointsDonationService {
  constructor(private readonly deps: { ledger: Ledger; campaigns: CampaignStore; journeys: JourneyClient }) {}

  async donate(req: DonationRequest, now: Date = new Date()): Promise<Donation> {
    const campaign = await soleLaunchedCampaign(this.deps.campaigns, 'points', 'points', req.campaignId);
    const config = campaign.config as PointsConfig;
    const charity = config.charities?.find((c) => c.charityId === req.charityId);
    if (!charity) {
      throw new ServiceError(
        'unprocessable',
        'UNKNOWN_CHARITY',
        `Campaign ${campaign.campaignId} lists no charity ${req.charityId}.`,
      );
    }
    const donatedAt = now.toISOString();
    let moved;
    try {
      moved = await this.deps.ledger.donatePoints({
        idempotencyKey: `points-donation:${req.donationId}`,
        customerId: req.customerId,
        charityId: charity.charityId,
        points: req.points,
        asOf: donatedAt,
      });
    } catch (err) {
      if (!isLedgerError(err, 'INSUFFICIENT_BALANCE')) throw err;
      throw new ServiceError(
        'unprocessable',
        'INSUFFICIENT_POINTS',
        `Donating ${req.points} points needs as many; ${String(err.details?.available ?? 0)} available.`,
      );
    }
    const workflowId = donationWorkflowId(req.customerId, req.donationId);
    try {
      await this.deps.journeys.startJourney(
        pointsDonationPlugin,
        { campaignId: campaign.campaignId, journeyType: campaign.journeyType, config: campaign.config },
        req.customerId,
        workflowId,
        {
          donation: {
            donationId: req.donationId,
            charityId: charity.charityId,
            charityName: charity.name,
            points: moved.donated,
            donatedAt,
            ledgerTransactionId: moved.transactionId,
          },
        },
      );
    } catch (err) {
      // A retried request: its certificate run already started (and emails once).
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return {
      donationId: req.donationId,
      customerId: req.customerId,
      charityId: charity.charityId,
      charityName: charity.name,
      points: moved.donated,
      balance: moved.balance,
      ledgerTransactionId: moved.transactionId,
      certificateWorkflowId: workflowId,
    };
  }
}
