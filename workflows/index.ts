// Every workflow the worker registers: one line per journey plugin (see journeys/registry.ts). Each is wrapped in the
// runtime's failure path (shared/permanent-failure.ts): a step that fails for good gives back what the journey
// reserved, reports `failed`, opens a support task and is counted, whichever plugin it is.
import { failsVisibly } from './shared/permanent-failure';
import { compensationJourney as compensation } from './journeys/compensation/workflow';
import { dormancyJourney as dormancy } from './journeys/dormancy/workflow';
import { expiryReminderJourney as expiryReminder } from './journeys/expiry-reminder/workflow';
import { flowJourney as flow } from './journeys/flow/workflow';
import { inSaleRebateJourney as inSaleRebate } from './journeys/in-sale-rebate/workflow';
import { memberTierJourney as memberTier } from './journeys/member-tier/workflow';
import { pointsDisputeReview as pointsDispute, pointsJourney as points } from './journeys/points/workflow';
import { pointsDonationCertificate as pointsDonation } from './journeys/points/donation';
import { prepaymentBonusJourney as prepaymentBonus } from './journeys/prepayment-bonus/workflow';
import { referralJourney as referral } from './journeys/referral/workflow';
import { repurchaseVoucherJourney as repurchaseVoucher } from './journeys/repurchase-voucher/workflow';
import { trialCreditJourney as trialCredit } from './journeys/trial-credit/workflow';

export const trialCreditJourney = failsVisibly(trialCredit);
export const repurchaseVoucherJourney = failsVisibly(repurchaseVoucher);
export const dormancyJourney = failsVisibly(dormancy);
export const referralJourney = failsVisibly(referral);
export const compensationJourney = failsVisibly(compensation);
export const expiryReminderJourney = failsVisibly(expiryReminder);
export const memberTierJourney = failsVisibly(memberTier);
export const inSaleRebateJourney = failsVisibly(inSaleRebate);
export const prepaymentBonusJourney = failsVisibly(prepaymentBonus);
export const pointsJourney = failsVisibly(points);
export const pointsDisputeReview = failsVisibly(pointsDispute);
export const pointsDonationCertificate = failsVisibly(pointsDonation);
export const flowJourney = failsVisibly(flow);

// Not a journey: one per scheduled campaign, launching and ending it at its instants (campaign-schedule/workflow.ts).
export { campaignScheduleWorkflow } from './campaign-schedule/workflow';

// Not journeys: enrolment of a campaign's audience at launch, and the date/calendar entries' occurrences.
export { campaignCalendarWorkflow, campaignEnrolmentWorkflow } from './campaign-enrolment/workflow';
