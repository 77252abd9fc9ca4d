// Every workflow the worker registers: one line per journey plugin (see journeys/registry.ts).
export { trialCreditJourney } from './journeys/trial-credit/workflow';
export { repurchaseVoucherJourney } from './journeys/repurchase-voucher/workflow';
export { dormancyJourney } from './journeys/dormancy/workflow';
export { referralJourney } from './journeys/referral/workflow';
export { compensationJourney } from './journeys/compensation/workflow';
export { expiryReminderJourney } from './journeys/expiry-reminder/workflow';
export { memberTierJourney } from './journeys/member-tier/workflow';
export { inSaleRebateJourney } from './journeys/in-sale-rebate/workflow';
export { prepaymentBonusJourney } from './journeys/prepayment-bonus/workflow';
export { pointsJourney, pointsDisputeReview } from './journeys/points/workflow';
export { flowJourney } from './journeys/flow/workflow';
