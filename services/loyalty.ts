import { randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import type { Pool } from 'pg';
import type { MailSettings } from '../email/mail-settings';
import type { Ledger } from '../ledger';
import { pollUntil } from '../lib/poll';
import type { CampaignStore } from '../stores/campaigns';
import { activeRewards, getReward, upsertReward, type Reward } from '../stores/loyalty-catalog';
import { memberTiers, type MemberTierRow } from '../stores/loyalty-tiers';
import type { JourneyClient } from './journey-client';
import { openPointsDispute, pointsDisputeWorkflowId } from './points-disputes';
import { ServiceError } from './errors';
import { soleLaunchedCampaign } from './launched-campaign';
import { LoyaltyRewards, type RewardRefusal } from './loyalty-rewards';
import { PointsDonationService, type DonationRequest } from './points-donations';
import type { FulfilmentRequest, FulfilmentStep, RewardFulfilmentService } from './reward-fulfilment';

export type { Reward };

export interface LoyaltyServiceDeps {
  pool: Pool;
  ledger: Ledger;
  campaigns: CampaignStore;
  journeys: JourneyClient;
  /**
   * Mail for the low-stock alert's notification (the API's SMTP settings); without it the alert's support task is
   * still created and its email stays 'sending' in email_log.
   */
  mail?: MailSettings;
  /** Reward fulfilment (delivery / pickup); without it a redemption that asks for one is refused. */
  fulfilments?: RewardFulfilmentService;
  /** How long POST /v1/points/disputes waits for the review task (default 5 s). */
  disputeWaitMs?: number;
}

/** Thrown by the stand-in transport when the API has no SMTP: the redemption is replayed without the email. */
class MailUnavailable extends Error {
  constructor() {
    super('no SMTP transport in the API process');
    this.name = 'MailUnavailable';
  }
}

const noMail = {
  transport: {
    sendMail: () => Promise.reject(new MailUnavailable()),
  } as unknown as Transporter,
  from: 'perkflow@localhost',
  supportInbox: 'support@localhost',
  defaults: {},
} satisfies MailSettings;

interface DisputeReview {
  status: 'awaiting-review' | 'checking' | 'refused' | 'completed';
  taskId: number | null;
  outcome: string | null;
}

export interface DisputeRequest {
  customerId: string;
  orderId: string;
  campaignId?: string;
  note?: string;
  disputeId?: string;
}

/** The loyalty program as the API sees it: catalog, reward redemption, points, tiers, disputes. */
export class LoyaltyService {
  private readonly rewards: LoyaltyRewards;
  private readonly donations: PointsDonationService;

  constructor(private readonly deps: LoyaltyServiceDeps) {
    this.rewards = new LoyaltyRewards({ pool: deps.pool, ledger: deps.ledger, mail: deps.mail ?? noMail });
    this.donations = new PointsDonationService(deps);
  }

  /** 积分捐赠公益: points to a charity of the points campaign, with an emailed certificate. */
  donate(req: DonationRequest) {
    return this.donations.donate(req);
  }

  /** Active rewards; the customer-facing list (`inStockOnly`) hides those out of stock. */
  catalog(opts: { inStockOnly?: boolean } = {}): Promise<Reward[]> {
    return activeRewards(this.deps.pool, opts);
  }

  upsertReward(reward: Omit<Reward, 'active'> & { active?: boolean }): Promise<Reward> {
    return upsertReward(this.deps.pool, reward);
  }

  /** Redeems a reward; refusals become ServiceErrors (422 unknown-reward / out-of-stock / insufficient-points). */
  async redeem(customerId: string, rewardId: string, idempotencyKey: string, fulfilment?: FulfilmentRequest) {
    const fulfilments = this.deps.fulfilments;
    if (fulfilment && !fulfilments) {
      throw new ServiceError('unavailable', 'FULFILMENT_UNAVAILABLE', 'This server does not fulfil rewards.');
    }
    const redeemed = await this.redeemOnly(customerId, rewardId, idempotencyKey);
    if (!fulfilment || !fulfilments) return { ...redeemed, fulfilment: null };
    const reward = await getReward(this.deps.pool, rewardId);
    const opened = await fulfilments.open(
      { redemptionKey: idempotencyKey, customerId, rewardId, rewardTitle: reward?.title ?? rewardId },
      fulfilment,
    );
    return { ...redeemed, fulfilment: opened };
  }

  private async redeemOnly(customerId: string, rewardId: string, idempotencyKey: string) {
    let result;
    try {
      result = await this.rewards.redeemReward(customerId, rewardId, idempotencyKey);
    } catch (err) {
      if (!(err instanceof MailUnavailable)) throw err;
      // The redemption completed and the low-stock task exists; only its email could not go out from here.
      // Calling again with the same key replays the completed redemption.
      result = await this.rewards.redeemReward(customerId, rewardId, idempotencyKey);
      if (result.ok) result = { ...result, replayed: false };
    }
    if (!result.ok && result.code === 'STOCK_PENDING')
      // Transient: a retry under the same Idempotency-Key asks again rather than replaying this answer.
      throw new ServiceError('conflict', result.code, result.message, [], undefined, true);
    if (!result.ok)
      throw new ServiceError('unprocessable', result.code satisfies RewardRefusal, result.message);
    return result;
  }

  /** A redeemed reward's fulfilment, with its delivery address opened (support reads it to ship). */
  fulfilment(redemptionId: string) {
    return this.requireFulfilments().get(redemptionId);
  }

  /** A customer's reward fulfilments with their status, newest first. */
  customerFulfilments(customerId: string) {
    return this.requireFulfilments().ofCustomer(customerId);
  }

  /** Moves a fulfilment one step (shipped/ready, delivered/picked-up) or cancels it with its points given back. */
  advanceFulfilment(redemptionId: string, step: FulfilmentStep) {
    return this.requireFulfilments().advance(redemptionId, step);
  }

  private requireFulfilments(): RewardFulfilmentService {
    if (!this.deps.fulfilments)
      throw new ServiceError('unavailable', 'FULFILMENT_UNAVAILABLE', 'This server does not fulfil rewards.');
    return this.deps.fulfilments;
  }

  points(customerId: string) {
    return this.deps.ledger.pointsBalance(customerId, new Date().toISOString());
  }

  /** The most recently changed tier across member-tier campaigns, with every campaign's tier. */
  async tier(customerId: string): Promise<(MemberTierRow & { byCampaign: MemberTierRow[] }) | null> {
    const rows = await memberTiers(this.deps.pool, customerId);
    if (rows.length === 0) return null;
    const current = rows.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
    return { ...current, byCampaign: rows };
  }

  /**
   * Opens a points dispute under the launched points campaign and waits (briefly) for its review task: the review
   * workflow re-checks the order first and creates the task only when points are missing.
   */
  async openDispute(req: DisputeRequest) {
    const campaign = await soleLaunchedCampaign(this.deps.campaigns, 'points', 'points', req.campaignId);
    const disputeId = req.disputeId ?? `dsp_${randomBytes(8).toString('hex')}`;
    let workflowId: string;
    try {
      ({ workflowId } = await openPointsDispute(
        this.deps.journeys,
        { campaignId: campaign.campaignId, journeyType: campaign.journeyType, config: campaign.config },
        req.customerId,
        { disputeId, orderId: req.orderId, ...(req.note ? { note: req.note } : {}) },
      ));
    } catch (err) {
      // The same dispute id (a retried request) already started its review: report that one.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      workflowId = pointsDisputeWorkflowId(campaign.campaignId, req.customerId, disputeId);
    }
    const review = await this.awaitReviewTask(workflowId);
    return { disputeId, campaignId: campaign.campaignId, workflowId, ...review };
  }

  /**
   * The dispute's review as far as it got within `disputeWaitMs` (default 5 s): the task once the workflow opened it,
   * the outcome if it already refused or completed, 'checking' while it is still re-checking the order.
   */
  private async awaitReviewTask(workflowId: string): Promise<DisputeReview> {
    const polled = await pollUntil(() => this.reviewSoFar(workflowId), {
      timeoutMs: this.deps.disputeWaitMs ?? 5000,
      intervalMs: 100,
      accept: (review) => review.status !== 'checking',
    });
    return polled.accepted ? polled.value : { status: 'checking', taskId: null, outcome: null };
  }

  /** One read of the review workflow's state. A query before its first workflow task has run throws: not yet. */
  private async reviewSoFar(workflowId: string): Promise<DisputeReview> {
    const state = await this.deps.journeys.state(workflowId);
    const taskId = state.details.reviewTaskId;
    if (typeof taskId === 'number') return { status: 'awaiting-review', taskId, outcome: null };
    if (state.status === 'refused' || state.status === 'completed')
      return { status: state.status, taskId: null, outcome: state.outcome ?? null };
    return { status: 'checking', taskId: null, outcome: null };
  }
}
