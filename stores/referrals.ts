import type { Pool } from 'pg';
import { inTransaction } from '../lib/transaction';
import { customersSharingFingerprints, findCustomerByReferralCode, getCustomerProfile } from './customers';
import type { PersonalDataProtection } from './personal-data';

export interface ReferralRules {
  /** The referrer must have bought within this many days... */
  referrerActiveWithinDays: number;
  /** ...or have spent at least this much in total (minor units). */
  referrerMinTotalSpent: number;
}

export type ReferralEligibility =
  | { eligible: true; referrerId: string }
  | {
      eligible: false;
      referrerId?: string;
      reason:
        | 'UNKNOWN_REFERRAL_CODE'
        | 'SELF_REFERRAL'
        | 'REFERRER_NOT_QUALIFIED'
        | 'REFEREE_ALREADY_CUSTOMER'
        | 'MULTI_ACCOUNT';
      detail?: Record<string, unknown>;
    };

const DAY_MS = 86_400_000;

/**
 * The referral rules of seed 002 (老客户范围 / 新客户要求) and the anti-fraud rule of seed 000 (防作弊): a qualified
 * referrer, a genuinely new referee, no self-referral and no second account sharing email, phone, device or payment
 * fingerprint with the referrer or any other existing customer.
 */
export async function checkReferralEligibility(
  pool: Pool,
  pii: PersonalDataProtection,
  req: { refereeId: string; referralCode: string; asOf: string; rules: ReferralRules },
): Promise<ReferralEligibility> {
  const referrer = await findCustomerByReferralCode(pool, pii, req.referralCode);
  if (!referrer) return { eligible: false, reason: 'UNKNOWN_REFERRAL_CODE' };
  if (referrer.customerId === req.refereeId) {
    return { eligible: false, referrerId: referrer.customerId, reason: 'SELF_REFERRAL' };
  }
  const referee = await getCustomerProfile(pool, pii, req.refereeId);
  const asOf = Date.parse(req.asOf);
  const boughtRecently =
    referrer.lastOrderAt !== null &&
    asOf - Date.parse(referrer.lastOrderAt) <= req.rules.referrerActiveWithinDays * DAY_MS;
  if (!boughtRecently && referrer.totalSpent < req.rules.referrerMinTotalSpent) {
    return {
      eligible: false,
      referrerId: referrer.customerId,
      reason: 'REFERRER_NOT_QUALIFIED',
      detail: { lastOrderAt: referrer.lastOrderAt, totalSpent: referrer.totalSpent },
    };
  }
  if (
    referee &&
    referee.firstOrderAt !== null &&
    referee.signedUpAt !== null &&
    referee.firstOrderAt < referee.signedUpAt
  ) {
    return { eligible: false, referrerId: referrer.customerId, reason: 'REFEREE_ALREADY_CUSTOMER' };
  }
  if (referee) {
    const shared = await customersSharingFingerprints(pool, pii, referee);
    if (shared.length > 0) {
      return {
        eligible: false,
        referrerId: referrer.customerId,
        reason: 'MULTI_ACCOUNT',
        detail: { sharedWith: shared.map((s) => ({ customerId: s.customerId, shared: s.shared })) },
      };
    }
  }
  return { eligible: true, referrerId: referrer.customerId };
}

export type ReferralStatus = 'pending' | 'approved' | 'paid' | 'rejected' | 'cancelled' | 'ineligible';

/** Upserts the referral's status; returns the referrer's number of paid referrals afterwards. */
export async function setReferralStatus(
  pool: Pool,
  req: {
    refereeId: string;
    referrerId: string;
    campaignId: string;
    status: ReferralStatus;
    reason?: string;
    at: string;
  },
): Promise<{ paidReferrals: number }> {
  return inTransaction(pool, async (c) => {
    // One referrer at a time: the running number of a paid referral is assigned under this lock.
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`referrer:${req.referrerId}`]);
    const current = await c.query<{ status: string; paid_seq: number | null }>(
      'SELECT status, paid_seq FROM referrals WHERE referee_id = $1',
      [req.refereeId],
    );
    const paidSeq = current.rows[0]?.paid_seq ?? null;
    if (paidSeq !== null) return { paidReferrals: paidSeq }; // paid before (a retry): the same number again
    let seq: number | null = null;
    if (req.status === 'paid') {
      const n = await c.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM referrals WHERE referrer_id = $1 AND paid_seq IS NOT NULL`,
        [req.referrerId],
      );
      seq = Number(n.rows[0]!.n) + 1;
    }
    await c.query(
      `INSERT INTO referrals (referee_id, referrer_id, campaign_id, status, reason, created_at, paid_at, paid_seq)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $4 = 'paid' THEN $6::timestamptz END, $7)
       ON CONFLICT (referee_id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason,
         paid_at = COALESCE(referrals.paid_at, EXCLUDED.paid_at), paid_seq = EXCLUDED.paid_seq`,
      [req.refereeId, req.referrerId, req.campaignId, req.status, req.reason ?? null, req.at, seq],
    );
    if (seq !== null) return { paidReferrals: seq };
    const count = await c.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM referrals WHERE referrer_id = $1 AND paid_seq IS NOT NULL`,
      [req.referrerId],
    );
    return { paidReferrals: Number(count.rows[0]!.n) };
  });
}
