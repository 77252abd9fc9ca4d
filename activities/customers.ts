import { getCustomerContact, getCustomerProfile } from '../stores/customers';
import { checkReferralEligibility, setReferralStatus } from '../stores/referrals';
import type { ActivityDeps } from './deps';

export function customerActivities(deps: ActivityDeps) {
  return {
    getCustomerContact: (customerId: string) => getCustomerContact(deps.pool, deps.pii, customerId),
    getCustomerProfile: (customerId: string) => getCustomerProfile(deps.pool, deps.pii, customerId),
    checkReferralEligibility: (req: Parameters<typeof checkReferralEligibility>[2]) =>
      checkReferralEligibility(deps.pool, deps.pii, req),
    setReferralStatus: (req: Parameters<typeof setReferralStatus>[1]) => setReferralStatus(deps.pool, req),
  };
}
