import type { Pool } from 'pg';
import { initialiseLedger, type LedgerContext } from './accounts';
import { openCampaignBudget, type OpenCampaignBudgetInput, type OpenCampaignBudgetResult } from './campaigns';
import { LedgerError } from './errors';
import {
  charityPoints,
  donatePoints,
  type DonatePointsInput,
  type DonatePointsResult,
} from './points-donation';
import {
  expirePointsPartially,
  type ExpirePointsPartiallyInput,
  type ExpirePointsPartiallyResult,
} from './points-expiry-partial';
import {
  returnRedeemedPoints,
  type ReturnRedeemedPointsInput,
  type ReturnRedeemedPointsResult,
} from './points-return';
import { expireDueLots, type ExpireDueLotsInput, type ExpireDueLotsResult } from './expire';
import { fundProgram, type FundProgramInput, type FundProgramResult } from './fund';
import { grantCredit, type GrantCreditInput, type GrantCreditResult } from './grant';
import {
  earnPoints,
  expirePoints,
  pointsBalance,
  redeemPoints,
  type EarnPointsInput,
  type EarnPointsResult,
  type ExpirePointsResult,
  type PointsBalance,
  type RedeemPointsInput,
  type RedeemPointsResult,
} from './points';
import { pointsBudget, type PointsBudget } from './points-budget';
import { pointsTerms, setPointsTerms, type PointsTerms } from './points-payment';
import {
  pointsActivity,
  pointsLiability,
  type PointsActivity,
  type PointsLiability,
} from './views/points-finance';
import {
  quoteRedemption,
  redeem,
  type QuoteRedemptionInput,
  type RedeemInput,
  type RedeemResult,
  type RedemptionQuote,
} from './redeem';
import { reverseRedemption, type ReverseRedemptionInput, type ReverseRedemptionResult } from './reverse';
import { revokeGrant, type RevokeGrantInput, type RevokeGrantResult } from './revoke';
import type { Instant } from './time';
import { campaignBudget, programBudget, type CampaignBudget, type ProgramBudget } from './views/budgets';
import {
  lotsInExpiryWindow,
  lotsExpiringWithin,
  type ExpiringLot,
  type ExpiryWindowPage,
} from './views/expiring';
import {
  breakage,
  marketingExpense,
  outstandingLiability,
  type Breakage,
  type Liability,
  type MarketingExpense,
  type Period,
} from './views/finance';
import { customerMovements, type CustomerMovement } from './views/movements';
import { statement, type Statement } from './views/statement';
import { wallet, type Wallet } from './views/wallet';

export interface LedgerOptions {
  /** ISO 4217 code of the one currency this ledger keeps (default CNY). */
  currency?: string;
  /** Budget slot accounts per new campaign (default 16): more slots, less lock contention between grants. */
  budgetSlots?: number;
}

/**
 * The credit ledger's public API: plain async methods over a pg Pool (no Temporal, no HTTP). Every write takes an
 * idempotency key and is one database transaction; every time-dependent call takes the business time `asOf`.
 */
export class Ledger {
  readonly currency: string;
  private readonly budgetSlots: number;
  private ready: Promise<LedgerContext> | undefined;

  constructor(
    private readonly pool: Pool,
    options: LedgerOptions = {},
  ) {
    const currency = options.currency ?? 'CNY';
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new LedgerError('INVALID_INPUT', `currency must be an ISO 4217 code, got ${currency}`);
    }
    const slots = options.budgetSlots ?? 16;
    if (!Number.isInteger(slots) || slots < 1 || slots > 64) {
      throw new LedgerError('INVALID_INPUT', 'budgetSlots must be an integer between 1 and 64');
    }
    this.currency = currency;
    this.budgetSlots = slots;
  }

  /** Pins/checks the currency and resolves the system accounts once; a failure is retried on the next call. */
  private context(): Promise<LedgerContext> {
    this.ready ??= initialiseLedger(this.pool, this.currency).then(
      (accounts) => ({ pool: this.pool, currency: this.currency, accounts, budgetSlots: this.budgetSlots }),
      (err: unknown) => {
        this.ready = undefined;
        throw err;
      },
    );
    return this.ready;
  }

  async fundProgram(input: FundProgramInput): Promise<FundProgramResult> {
    return fundProgram(await this.context(), input);
  }

  async openCampaignBudget(input: OpenCampaignBudgetInput): Promise<OpenCampaignBudgetResult> {
    return openCampaignBudget(await this.context(), input);
  }

  async grantCredit(input: GrantCreditInput): Promise<GrantCreditResult> {
    return grantCredit(await this.context(), input);
  }

  async quoteRedemption(input: QuoteRedemptionInput): Promise<RedemptionQuote> {
    return quoteRedemption(await this.context(), input);
  }

  async redeem(input: RedeemInput): Promise<RedeemResult> {
    return redeem(await this.context(), input);
  }

  async reverseRedemption(input: ReverseRedemptionInput): Promise<ReverseRedemptionResult> {
    return reverseRedemption(await this.context(), input);
  }

  async revokeGrant(input: RevokeGrantInput): Promise<RevokeGrantResult> {
    return revokeGrant(await this.context(), input);
  }

  async expireDueLots(input: ExpireDueLotsInput): Promise<ExpireDueLotsResult> {
    return expireDueLots(await this.context(), input);
  }

  async earnPoints(input: EarnPointsInput): Promise<EarnPointsResult> {
    return earnPoints(await this.context(), input);
  }

  async redeemPoints(input: RedeemPointsInput): Promise<RedeemPointsResult> {
    return redeemPoints(await this.context(), input);
  }

  async expirePoints(input: { asOf: Instant; limit?: number }): Promise<ExpirePointsResult> {
    return expirePoints(await this.context(), input);
  }

  async expirePointsPartially(input: ExpirePointsPartiallyInput): Promise<ExpirePointsPartiallyResult> {
    return expirePointsPartially(await this.context(), input);
  }

  async donatePoints(input: DonatePointsInput): Promise<DonatePointsResult> {
    return donatePoints(await this.context(), input);
  }

  /** Points a charity has received from donations. */
  async charityPoints(charityId: string): Promise<number> {
    return charityPoints(await this.context(), charityId);
  }

  async returnRedeemedPoints(input: ReturnRedeemedPointsInput): Promise<ReturnRedeemedPointsResult> {
    return returnRedeemedPoints(await this.context(), input);
  }

  async pointsBalance(customerId: string, asOf: Instant): Promise<PointsBalance> {
    return pointsBalance(await this.context(), customerId, asOf);
  }

  /** A campaign's points budget (cap, earned, remaining; cap and remaining null when it has none: unlimited). */
  async pointsBudget(campaignId: string): Promise<PointsBudget> {
    return pointsBudget(await this.context(), campaignId);
  }

  /** The program's points payment terms: the rate (points → minor units) and the per-order minimum and maximum. */
  async pointsTerms(): Promise<PointsTerms> {
    return pointsTerms(await this.context());
  }

  async setPointsTerms(terms: PointsTerms): Promise<PointsTerms> {
    return setPointsTerms(await this.context(), terms);
  }

  async pointsLiability(asOf: Instant): Promise<PointsLiability> {
    return pointsLiability(await this.context(), asOf);
  }

  async pointsActivity(period: Period & { campaignId?: string }): Promise<PointsActivity> {
    return pointsActivity(await this.context(), period);
  }

  async wallet(customerId: string, asOf: Instant): Promise<Wallet> {
    return wallet(await this.context(), customerId, asOf);
  }

  async statement(customerId: string, options: { limit: number; cursor?: string }): Promise<Statement> {
    return statement(await this.context(), customerId, options);
  }

  /** Credit and points movements of these customers, oldest first (simulation reports read a scratch ledger so). */
  async customerMovements(options: { customerIds: string[]; limit: number }): Promise<CustomerMovement[]> {
    return customerMovements(await this.context(), options);
  }

  async lotsExpiringWithin(input: {
    days: number;
    asOf: Instant;
    customerId?: string;
  }): Promise<ExpiringLot[]> {
    return lotsExpiringWithin(await this.context(), input);
  }

  async lotsInExpiryWindow(input: Parameters<typeof lotsInExpiryWindow>[1]): Promise<ExpiryWindowPage> {
    return lotsInExpiryWindow(await this.context(), input);
  }

  async campaignBudget(campaignId: string): Promise<CampaignBudget> {
    return campaignBudget(await this.context(), campaignId);
  }

  async programBudget(): Promise<ProgramBudget> {
    return programBudget(await this.context());
  }

  async outstandingLiability(asOf: Instant): Promise<Liability> {
    return outstandingLiability(await this.context(), asOf);
  }

  async breakage(period: Period): Promise<Breakage> {
    return breakage(await this.context(), period);
  }

  async marketingExpense(period: Period & { campaignId?: string }): Promise<MarketingExpense> {
    return marketingExpense(await this.context(), period);
  }
}
