// Every workflow the worker registers: one line per journey plugin (see journeys/registry.ts).
export { trialCreditJourney } from './journeys/trial-credit/workflow';
export { repurchaseVoucherJourney } from './journeys/repurchase-voucher/workflow';
export { dormancyJourney } from './journeys/dormancy/workflow';
export { referralJourney } from './journeys/referral/workflow';
export { compensationJourney } from './journeys/compensation/workflow';
export { expiryReminderJourney } from './journeys/expiry-reminder/workflow';
