import { customersSharingFingerprints, getCustomerContact, getCustomerProfile } from '../stores/customers';
import { checkReferralEligibility, setReferralStatus } from '../stores/referrals';
import type { ActivityDeps } from './deps';

export function customerActivities(deps: ActivityDeps) {
  return {
    getCustomerContact: (customerId: string) => getCustomerContact(deps.pool, deps.pii, customerId),
    getCustomerProfile: (customerId: string) => getCustomerProfile(deps.pool, deps.pii, customerId),
    /**
     * Customers this database knew before this one (by arrival: the storefront's clocks are not trusted for it) who
     * share its email, phone, device or payment fingerprint (matched by keyed hash): ids and which fields, never the
     * values. The anti-fraud check of journeys that grant on sign-up: the first account keeps its reward, later ones
     * are refused, however the journeys' checks interleave.
     */
    customersSharingIdentity: async (customerId: string) => {
      const profile = await getCustomerProfile(deps.pool, deps.pii, customerId);
      if (!profile) return [];
      return customersSharingFingerprints(deps.pool, deps.pii, profile, true);
    },
    checkReferralEligibility: (req: Parameters<typeof checkReferralEligibility>[2]) =>
      checkReferralEligibility(deps.pool, deps.pii, req),
    setReferralStatus: (req: Parameters<typeof setReferralStatus>[1]) => setReferralStatus(deps.pool, req),
  };
}
