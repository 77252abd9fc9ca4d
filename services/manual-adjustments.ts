import { randomBytes } from 'node:crypto';
import { isLedgerError, type Ledger } from '../ledger';
import type { CampaignStore } from '../stores/campaigns';
import type { AdjustmentStatus, ManualAdjustment, ManualAdjustmentStore } from '../stores/manual-adjustments';
import { ServiceError } from './errors';
import { pageOrRefuse, type PageOf } from './paging';

export type { ManualAdjustment };

export type AdjustmentRequest =
  | {
      action: 'grant';
      campaignId: string;
      amount: number;
      creditKind: 'cash' | 'rebate' | 'percent' | 'shipping';
      /** Percent coupons (and only they): the rate off in basis points; `amount` is the cap. */
      percentBp?: number;
      /** Percent and shipping coupons: the order they need. */
      minOrderAmount?: number;
      validForDays?: number;
      reason: string;
    }
  | { action: 'void' | 'clawback'; lotId: string; reason: string };

/** Default four-eyes threshold: 500.00 in minor units. */
export const DEFAULT_APPROVAL_THRESHOLD = 50_000;
const DAY_MS = 86_400_000;

/**
 * Credit adjusted by hand (Stripe's "void grant", a goodwill grant, a clawback after fraud), always with a reason.
 * - grant: new credit from a campaign's budget;
 * - void: withdraws a lot nobody has used yet (refused when part of it was spent);
 * - clawback: withdraws what is left of a lot (what was already spent stays spent).
 * At or above the threshold a second person with the same authority approves before anything is written (four eyes);
 * below it the adjustment runs at once. The ledger key is the adjustment id: a retried execution writes once.
 */
export class ManualAdjustmentService {
  constructor(
    private readonly store: ManualAdjustmentStore,
    private readonly campaigns: CampaignStore,
    private readonly ledger: Ledger,
    private readonly approvalThreshold = DEFAULT_APPROVAL_THRESHOLD,
  ) {}

  async request(
    customerId: string,
    req: AdjustmentRequest,
    actor: string,
    adjustmentId = `adj_${randomBytes(10).toString('hex')}`,
  ): Promise<ManualAdjustment> {
    const now = new Date().toISOString();
    let terms: Pick<
      ManualAdjustment,
      'campaignId' | 'lotId' | 'amount' | 'creditKind' | 'percentBp' | 'minOrderAmount' | 'validForDays'
    >;
    if (req.action === 'grant') {
      const campaign = await this.campaigns.get(req.campaignId);
      if (!campaign)
        throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${req.campaignId}.`);
      if (campaign.status !== 'launched' && campaign.status !== 'paused') {
        throw new ServiceError(
          'conflict',
          'CAMPAIGN_NOT_LAUNCHED',
          `Campaign ${req.campaignId} is ${campaign.status}: it has no budget to grant from.`,
        );
      }
      terms = {
        campaignId: req.campaignId,
        lotId: null,
        amount: req.amount,
        creditKind: req.creditKind,
        percentBp: req.percentBp ?? null,
        minOrderAmount: req.minOrderAmount ?? null,
        validForDays: req.validForDays ?? null,
      };
    } else {
      const lot = (await this.ledger.wallet(customerId, now)).lots.find((l) => l.lotId === req.lotId);
      if (!lot) {
        throw new ServiceError(
          'not-found',
          'LOT_NOT_FOUND',
          `Customer ${customerId} holds no usable lot ${req.lotId}.`,
        );
      }
      terms = {
        campaignId: lot.campaignId,
        lotId: lot.lotId,
        amount: lot.remaining,
        creditKind: null,
        percentBp: null,
        minOrderAmount: null,
        validForDays: null,
      };
    }
    const needsApproval = terms.amount >= this.approvalThreshold;
    const { adjustment, created } = await this.store.create({
      adjustmentId,
      customerId,
      action: req.action,
      ...terms,
      reason: req.reason,
      status: needsApproval ? 'pending-approval' : 'approved',
      requestedBy: actor,
      requestedAt: now,
    });
    if (!created) return adjustment; // a retried request: same answer, nothing run twice
    return needsApproval ? adjustment : this.execute(adjustment);
  }

  /** Adjustments newest first, a page at a time. */
  async list(filter: {
    status?: AdjustmentStatus;
    customerId?: string;
    limit: number;
    after?: string;
  }): Promise<PageOf<ManualAdjustment>> {
    return pageOrRefuse(await this.store.list(filter));
  }

  async get(adjustmentId: string): Promise<ManualAdjustment> {
    const found = await this.store.get(adjustmentId);
    if (!found) throw new ServiceError('not-found', 'ADJUSTMENT_NOT_FOUND', `No adjustment ${adjustmentId}.`);
    return found;
  }

  /** The second person's decision; approving runs the adjustment. */
  async decide(
    adjustmentId: string,
    decision: 'approve' | 'reject',
    note: string | null,
    actor: string,
  ): Promise<ManualAdjustment> {
    const adjustment = await this.get(adjustmentId);
    if (adjustment.status === 'approved' && decision === 'approve') {
      return this.execute(adjustment); // approved earlier but not finished (a crash): finish it
    }
    if (adjustment.status !== 'pending-approval') {
      throw new ServiceError(
        'conflict',
        'ALREADY_DECIDED',
        `Adjustment ${adjustmentId} is ${adjustment.status}.`,
      );
    }
    if (adjustment.requestedBy === actor) {
      throw new ServiceError(
        'unprocessable',
        'OWN_REQUEST',
        `Adjustment ${adjustmentId} was requested by you; another person decides (four eyes).`,
      );
    }
    const to = decision === 'approve' ? 'approved' : 'rejected';
    if (!(await this.store.decide(adjustmentId, to, { by: actor, at: new Date().toISOString(), note }))) {
      throw new ServiceError(
        'conflict',
        'ALREADY_DECIDED',
        `Adjustment ${adjustmentId} was decided meanwhile.`,
      );
    }
    const decided = await this.get(adjustmentId);
    return to === 'approved' ? this.execute(decided) : decided;
  }

  /** Writes an approved adjustment to the ledger; a ledger refusal is recorded on it and answered to the caller. */
  private async execute(a: ManualAdjustment): Promise<ManualAdjustment> {
    const idempotencyKey = `manual-adjustment/${a.adjustmentId}`;
    // Business time of the write: when it was decided (or asked, when no approval was needed). Stored, so a retried
    // execution is the same ledger request; a grant's validity counts from it, not from a request days older.
    const asOf = a.decidedAt ?? a.requestedAt;
    try {
      if (a.action === 'grant') {
        const granted = await this.ledger.grantCredit({
          idempotencyKey,
          campaignId: a.campaignId!,
          customerId: a.customerId,
          amount: a.amount,
          kind: a.creditKind!,
          ...(a.percentBp !== null ? { percentBp: a.percentBp } : {}),
          ...(a.minOrderAmount !== null ? { minOrderAmount: a.minOrderAmount } : {}),
          scope: { type: 'all' },
          stacking: 'stackable',
          expiresAt:
            a.validForDays === null
              ? null
              : new Date(Date.parse(asOf) + a.validForDays * DAY_MS).toISOString(),
          asOf,
          source: { reason: `manual: ${a.reason}`, actor: a.requestedBy },
        });
        return await this.store.finish(a.adjustmentId, 'executed', {
          lotId: granted.lotId,
          expiresAt: granted.expiresAt,
        });
      }
      const revoked = await this.ledger.revokeGrant({
        idempotencyKey,
        lotId: a.lotId!,
        asOf,
        reason: `manual ${a.action}: ${a.reason}`,
        requireUnused: a.action === 'void',
      });
      return await this.store.finish(a.adjustmentId, 'executed', {
        lotId: revoked.lotId,
        revokedAmount: revoked.revokedAmount,
      });
    } catch (err) {
      if (isLedgerError(err) && err.code !== 'IDEMPOTENCY_CONFLICT') {
        await this.store.finish(a.adjustmentId, 'refused', { code: err.code });
      }
      throw err;
    }
  }
}
