import { randomBytes } from 'node:crypto';
import { isLedgerError, type Ledger } from '../ledger';
import type { CampaignStore } from '../stores/campaigns';
import type {
  CodeBatch,
  CodeBatchSummary,
  CodeClaim,
  CodeReward,
  PromotionCode,
  PromotionCodeStore,
} from '../stores/promotion-codes';
import { checksumOk, displayCode, generateCodes, looksGenerated, normalizeCode } from './code-format';
import { ServiceError } from './errors';
import { pageOrRefuse, type PageOf } from './paging';

export type { CodeBatchSummary, CodeClaim, CodeReward, PromotionCode };

interface BatchCommon {
  reward: CodeReward;
  /** After this instant no code of the batch can be claimed (lots already claimed keep their own expiry). */
  expiresAt?: string;
}

export type NewCodeBatch =
  | (BatchCommon & { kind: 'unique'; count?: number | undefined; customerIds?: string[] | undefined })
  | (BatchCommon & { kind: 'shared'; code: string; totalLimit?: number; perCustomerLimit: number });

export interface ClaimResult {
  claim: CodeClaim & { status: 'granted' };
  lot: { lotId: string; amount: number; expiresAt: string | null };
  /** False when the customer had claimed it already (the same claim is answered again). */
  created: boolean;
}

/** How often a bulk generation draws again when random codes collide with existing ones (practically never). */
const GENERATION_ATTEMPTS = 5;
const DAY_MS = 86_400_000;
/**
 * A claim pending longer than this was interrupted (a crash between slot and grant record) and is finished by the
 * customer's next claim; a younger one belongs to a concurrent request still granting it.
 */
const PENDING_CLAIM_STALE_MS = 30_000;

/**
 * Promotion codes (券码): unique codes per customer, bulk generation, shared public codes with limits; a claim turns
 * a code into a lot in the wallet (领取), granted from the campaign's budget through the ledger.
 */
export class PromotionCodeService {
  constructor(
    private readonly store: PromotionCodeStore,
    private readonly campaigns: CampaignStore,
    private readonly ledger: Ledger,
  ) {}

  async createBatch(campaignId: string, req: NewCodeBatch, actor: string | null): Promise<CodeBatchSummary> {
    const campaign = await this.campaigns.get(campaignId);
    if (!campaign) throw new ServiceError('not-found', 'CAMPAIGN_NOT_FOUND', `No campaign ${campaignId}.`);
    if (campaign.status === 'ended') {
      throw new ServiceError(
        'conflict',
        'CAMPAIGN_ENDED',
        `Campaign ${campaignId} has ended; it issues no codes.`,
      );
    }
    if (req.expiresAt !== undefined && Date.parse(req.expiresAt) <= Date.now()) {
      throw invalid(['expiresAt'], 'must be in the future');
    }
    if (req.reward.amount > campaign.budget) {
      throw invalid(['reward', 'amount'], `exceeds the campaign's whole budget (${campaign.budget})`);
    }
    if (req.kind === 'shared' && req.totalLimit !== undefined && req.perCustomerLimit > req.totalLimit) {
      throw invalid(['perCustomerLimit'], 'cannot exceed totalLimit');
    }
    const batchId = `cb_${randomBytes(8).toString('hex')}`;
    const batch: Omit<CodeBatch, 'createdAt'> = {
      batchId,
      campaignId,
      kind: req.kind,
      reward: req.reward,
      expiresAt: req.expiresAt ?? null,
      totalLimit: req.kind === 'shared' ? (req.totalLimit ?? null) : null,
      perCustomerLimit: req.kind === 'shared' ? req.perCustomerLimit : 1,
      createdBy: actor,
    };
    if (req.kind === 'shared') {
      const code = normalizeCode(req.code);
      if (code.length < 4) throw invalid(['code'], 'needs at least 4 letters or digits');
      // A shared code shaped like a generated one could pass for a typo of one: keep the two spaces apart.
      if (looksGenerated(code)) throw invalid(['code'], 'must not look like a generated unique code');
      const created = await this.store.createBatch(batch, [{ code, customerId: null }]);
      if (!created.created) throw new ServiceError('conflict', 'CODE_EXISTS', `The code ${code} is taken.`);
      return this.summary(batchId);
    }
    if ((req.count === undefined) === (req.customerIds === undefined)) {
      throw invalid(['count'], 'give either count or customerIds');
    }
    const owners = req.customerIds ?? Array.from({ length: req.count ?? 0 }, () => null);
    if (req.customerIds && new Set(req.customerIds).size !== req.customerIds.length) {
      throw invalid(['customerIds'], 'must not repeat a customer');
    }
    for (let attempt = 1; ; attempt++) {
      const codes = generateCodes(owners.length);
      const created = await this.store.createBatch(
        batch,
        codes.map((code, i) => ({ code, customerId: owners[i] ?? null })),
      );
      if (created.created) return this.summary(batchId);
      if (attempt >= GENERATION_ATTEMPTS) throw new Error(`code generation collided ${attempt} times`);
    }
  }

  async summary(batchId: string): Promise<CodeBatchSummary> {
    const batch = await this.store.batch(batchId);
    if (!batch) throw new ServiceError('not-found', 'CODE_BATCH_NOT_FOUND', `No code batch ${batchId}.`);
    return batch;
  }

  async codes(batchId: string, page: { after?: string; limit: number }): Promise<PageOf<PromotionCode>> {
    await this.summary(batchId);
    return pageOrRefuse(
      await this.store.codes(batchId, {
        ...page,
        ...(page.after ? { after: normalizeCode(page.after) } : {}),
      }),
    );
  }

  /** A code's state and terms, as the storefront may show them before a claim. */
  async lookup(text: string): Promise<{ code: PromotionCode; batch: CodeBatch }> {
    const found = await this.store.find(this.known(text));
    if (!found) throw notFound(text);
    return found;
  }

  /**
   * Claims a code for a customer: takes a slot under the code's lock, grants the reward from the campaign's budget
   * (ledger key = claim id, so an interrupted claim finishes with the same grant), then records the lot. Claiming a
   * code the customer already holds answers that claim again.
   */
  async claim(text: string, customerId: string, actor: string | null): Promise<ClaimResult> {
    const code = this.known(text);
    const now = new Date().toISOString();
    const reservation = await this.store.reserveClaim(code, customerId, now, PENDING_CLAIM_STALE_MS, actor);
    switch (reservation.outcome) {
      case 'not-found':
        throw notFound(text);
      case 'void':
        throw new ServiceError('conflict', 'CODE_VOID', `The code ${displayCode(code)} was voided.`);
      case 'expired':
        throw new ServiceError('unprocessable', 'CODE_EXPIRED', `The code ${displayCode(code)} has expired.`);
      case 'not-yours':
        // Said as not found: whether a code exists for someone else is nobody else's business.
        throw notFound(text);
      case 'in-progress':
        throw new ServiceError(
          'conflict',
          'CODE_CLAIM_IN_PROGRESS',
          `A claim of ${displayCode(code)} for ${customerId} is being granted; ask again in a moment.`,
        );
      case 'exhausted':
        throw new ServiceError(
          'conflict',
          'CODE_EXHAUSTED',
          `The code ${displayCode(code)} has no claims left.`,
        );
      case 'slots-pending':
        throw new ServiceError(
          'conflict',
          'CODE_CLAIMS_PENDING',
          `Every claim left of ${displayCode(code)} is being granted; one may come back: ask again in a moment.`,
          [],
          undefined,
          // Transient: a retry under the same Idempotency-Key asks again rather than replaying this answer.
          true,
        );
      case 'limit-reached': {
        const last = reservation.claims.at(-1)!;
        if (reservation.batch.perCustomerLimit === 1 && last.status === 'granted' && last.lotId) {
          const lot = await this.grant(reservation.batch, last);
          return { claim: { ...last, status: 'granted' }, lot, created: false };
        }
        throw new ServiceError(
          'conflict',
          'CODE_CLAIM_LIMIT_REACHED',
          `Customer ${customerId} has claimed ${displayCode(code)} ${reservation.claims.length} times, its limit.`,
        );
      }
      case 'reserved':
      case 'resumed': {
        const { batch, claim } = reservation;
        // A resumed claim may have been granted already (the crash fell after the ledger write): it is always
        // finished, never given back, or the code would pay twice.
        const campaign =
          reservation.outcome === 'reserved' ? await this.campaigns.get(batch.campaignId) : null;
        if (reservation.outcome === 'reserved' && campaign?.status !== 'launched') {
          await this.store.releaseClaim(claim.claimId);
          throw new ServiceError(
            'conflict',
            'CAMPAIGN_NOT_LAUNCHED',
            `Campaign ${batch.campaignId} is ${campaign?.status ?? 'gone'}; its codes cannot be claimed now.`,
          );
        }
        let lot: ClaimResult['lot'];
        try {
          lot = await this.grant(batch, claim);
        } catch (err) {
          if (isLedgerError(err, 'BUDGET_EXCEEDED')) {
            await this.store.releaseClaim(claim.claimId);
            throw new ServiceError(
              'unprocessable',
              'CAMPAIGN_BUDGET_EXHAUSTED',
              `Campaign ${batch.campaignId}'s budget cannot cover this claim.`,
            );
          }
          throw err; // the claim stays pending: the next attempt finishes the same grant
        }
        const granted = await this.store.markGranted(claim.claimId, lot.lotId);
        return { claim: { ...(granted ?? claim), lotId: lot.lotId, status: 'granted' }, lot, created: true };
      }
    }
  }

  /**
   * A code entered at checkout: the customer's lot from it, claiming the code first unless the customer already
   * holds a claim of it (a retried checkout must not claim a multi-use code again).
   */
  async ensureClaimed(text: string, customerId: string, actor: string | null): Promise<ClaimResult> {
    const code = this.known(text);
    const held = await this.store.grantedClaim(code, customerId);
    if (held) {
      return {
        claim: { ...held.claim, status: 'granted' },
        lot: {
          lotId: held.lotId,
          amount: held.batch.reward.amount,
          expiresAt: lotExpiry(held.batch, held.claim),
        },
        created: false,
      };
    }
    return this.claim(text, customerId, actor);
  }

  async void(text: string): Promise<{ code: PromotionCode; batch: CodeBatch }> {
    const code = this.known(text);
    const changed = await this.store.voidCode(code, new Date().toISOString());
    const found = await this.store.find(code);
    if (!found) throw notFound(text);
    if (!changed)
      throw new ServiceError('conflict', 'CODE_VOID', `The code ${displayCode(code)} is void already.`);
    return found;
  }

  async campaignCounts(campaignId: string): Promise<{ issued: number; claimed: number }> {
    return this.store.campaignCounts(campaignId);
  }

  /** The normalized code, or a refusal without a database read when it is a mistyped generated code. */
  private known(text: string): string {
    const code = normalizeCode(text);
    if (code.length < 4) throw notFound(text); // no code this short is ever issued
    if (looksGenerated(code) && !checksumOk(code)) {
      throw new ServiceError(
        'unprocessable',
        'CODE_MISTYPED',
        `${text} is not a valid code: a character is wrong or two are swapped.`,
      );
    }
    return code;
  }

  /**
   * The ledger grant of a claim. Every term comes from the claim row (asOf = when the slot was taken), so repeating it
   * after a crash is the same request to the ledger and returns the same lot.
   */
  private async grant(batch: CodeBatch, claim: CodeClaim): Promise<ClaimResult['lot']> {
    const { reward } = batch;
    const granted = await this.ledger.grantCredit({
      idempotencyKey: `code-claim/${claim.claimId}`,
      campaignId: batch.campaignId,
      customerId: claim.customerId,
      amount: reward.amount,
      kind: reward.creditKind,
      scope: reward.scope,
      stacking: reward.stacking,
      ...(reward.minOrderAmount !== undefined ? { minOrderAmount: reward.minOrderAmount } : {}),
      ...(reward.percentBp !== undefined ? { percentBp: reward.percentBp } : {}),
      ...(reward.giftSku !== undefined ? { giftSku: reward.giftSku } : {}),
      expiresAt: lotExpiry(batch, claim),
      asOf: claim.claimedAt,
      source: { reason: `code ${claim.code}`, ...(claim.claimedBy ? { actor: claim.claimedBy } : {}) },
    });
    return { lotId: granted.lotId, amount: granted.amount, expiresAt: granted.expiresAt };
  }
}

/** When a claim's lot expires: `validForDays` after the claim took its slot, or never. */
function lotExpiry(batch: CodeBatch, claim: CodeClaim): string | null {
  const days = batch.reward.validForDays;
  return days === undefined ? null : new Date(Date.parse(claim.claimedAt) + days * DAY_MS).toISOString();
}

function notFound(text: string): ServiceError {
  return new ServiceError('not-found', 'CODE_NOT_FOUND', `No code ${text.trim()}.`);
}

/** A rule the batch breaks beyond its schema (422, with the field it concerns). */
function invalid(path: string[], message: string): ServiceError {
  return new ServiceError('unprocessable', 'INVALID_CODE_BATCH', 'The code batch breaks a rule.', [
    { path, message, code: 'custom' },
  ]);
}
