/**
 * The failure type of a grant refused because another campaign of the campaign's exclusivity group pays (or outranks
 * it for) the customer. Activities raise it (activities/ledger.ts), journeys recognise it (workflows/shared/refusals.ts)
 * and end with the outcome `excluded`: a refusal, not a failure. In contracts/ because both sides need the one name.
 */
export const EXCLUDED_FAILURE_TYPE = 'EXCLUDED';

/** The refusal code (and journey outcome) of an excluded grant. */
export const EXCLUDED_OUTCOME = 'excluded';
