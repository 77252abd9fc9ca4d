// Every workflow the worker registers: one line per journey plugin (see journeys/registry.ts).
export { trialCreditJourney } from './journeys/trial-credit/workflow';
export { repurchaseVoucherJourney } from './journeys/repurchase-voucher/workflow';
