export { Ledger, type LedgerOptions } from './ledger';
export { LEDGER_ERROR_CODES, LedgerError, isLedgerError, type LedgerErrorCode } from './errors';
export type { CreditKind, Scope, Stacking } from './lots';
export type { FundProgramInput, FundProgramResult } from './fund';
export type { OpenCampaignBudgetInput, OpenCampaignBudgetResult } from './campaigns';
export type { GrantCreditInput, GrantCreditResult } from './grant';
export type { AppliedLot, Order, OrderLine, RedemptionPlan } from './redemption-plan';
export type { QuoteRedemptionInput, RedeemInput, RedeemResult, RedemptionQuote } from './redeem';
export type { PointsBudget } from './points-budget';
export type { PointsPayment, PointsTerms } from './points-payment';
export type { PointsActivity, PointsLiability } from './views/points-finance';
export type { ReverseRedemptionInput, ReverseRedemptionResult } from './reverse';
export type { RevokeGrantInput, RevokeGrantResult } from './revoke';
export type { ExpireDueLotsInput, ExpireDueLotsResult } from './expire';
export type {
  EarnPointsInput,
  EarnPointsResult,
  ExpirePointsResult,
  PointsBalance,
  RedeemPointsInput,
  RedeemPointsResult,
} from './points';
export type { Wallet, WalletLot } from './views/wallet';
export type { Statement, StatementEntry } from './views/statement';
export type { CustomerMovement } from './views/movements';
export type { ExpiringLot } from './views/expiring';
export type { CampaignBudget, ProgramBudget } from './views/budgets';
export type {
  Breakage,
  ByCampaign,
  CampaignExpense,
  Liability,
  MarketingExpense,
  Period,
} from './views/finance';
