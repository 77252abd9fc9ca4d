import { ATTRIBUTE_LIMITS, type AttributeValue, type Attributes } from '../contracts/customer-attributes';
import { customerFacts } from '../stores/customer-facts';
import { writeCustomerAttributes } from '../stores/customer-attributes';
import { claimLimit, type LimitClaim } from '../stores/flow-limits';
import { campaignEmailsSentSince, referrerOf } from '../stores/flow-journey-reads';
import { clearOpenOccurrence } from '../stores/open-occurrences';
import { getSupportTask } from '../stores/support';
import type { ActivityDeps } from './deps';

/** What a setAttribute node writes: a value, or a tag added to a string-list attribute. */
export type ProfileWrite =
  | { customerId: string; attribute: string; value: AttributeValue }
  | { customerId: string; attribute: string; addTag: string };

/** The flow interpreter's own reads and writes (workflows/journeys/flow). */
export function flowActivities(deps: ActivityDeps) {
  return {
    /** The facts a condition or a tier table reads that the profile does not carry: tier, points, referrals paid. */
    flowFacts: async (req: { customerId: string; asOf: string }) => {
      const facts = await customerFacts(deps.pool, req.customerId, req.asOf);
      return {
        tier: facts?.tier ?? null,
        pointsBalance: facts?.pointsBalance ?? 0,
        referralsPaid: facts?.referralsPaid ?? 0,
      };
    },
    flowEmailsSentSince: (req: {
      campaignId: string;
      customerId: string;
      since: string;
      /** `referrer-email-sent`: the emails grant nodes sent this customer as a referrer. */
      kind?: 'referrer-email-sent';
    }) => campaignEmailsSentSince(deps.pool, req),
    flowReferrerOf: (customerId: string) => referrerOf(deps.pool, customerId),
    /** A support task's status (open, done, cancelled), or null for an unknown task. */
    supportTaskStatus: async (taskId: number) => (await getSupportTask(deps.pool, taskId))?.status ?? null,
    claimFlowLimit: (claim: LimitClaim) => claimLimit(deps.pool, claim),
    /** An occurrence journey at its end: the event router stops signalling it (idempotent: a delete). */
    forgetOpenOccurrence: (o: { customerId: string; campaignId: string; workflowId: string }) =>
      clearOpenOccurrence(deps.pool, o.customerId, o.campaignId, o.workflowId),
    /**
     * Writes one profile attribute (idempotent by nature: the same value again, a tag already there). Refused
     * without a write (an answer, not a failure) for an unknown or erased customer or past the profile's limits.
     */
    setProfileAttribute: async (
      w: ProfileWrite,
    ): Promise<{ written: true } | { written: false; reason: string }> => {
      let refusal: string | null = null;
      const outcome = await writeCustomerAttributes(deps.pool, w.customerId, (current: Attributes) => {
        const next: Attributes = { ...current };
        if ('addTag' in w) {
          const list = Array.isArray(current[w.attribute]) ? (current[w.attribute] as string[]) : [];
          if (list.includes(w.addTag)) return current;
          if (list.length >= ATTRIBUTE_LIMITS.listItems) {
            refusal = 'list-full';
            return current;
          }
          next[w.attribute] = [...list, w.addTag];
        } else {
          next[w.attribute] = w.value;
        }
        if (Object.keys(next).length > ATTRIBUTE_LIMITS.perCustomer) {
          refusal = 'too-many-attributes';
          return current;
        }
        return next;
      });
      if (outcome.outcome !== 'written') return { written: false, reason: outcome.outcome };
      return refusal ? { written: false, reason: refusal } : { written: true };
    },
  };
}
