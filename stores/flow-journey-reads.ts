import type { Pool } from 'pg';

/* What flow journeys read beyond the customer's facts (stores/customer-facts.ts): their campaign's emails to a customer
 * (the email frequency cap) and a referee's referrer (a grant to the referrer). */

/** Emails a campaign's journeys sent one customer since an instant (journal rows `email-sent`). */
export async function campaignEmailsSentSince(
  pool: Pool,
  req: { campaignId: string; customerId: string; since: string; kind?: 'referrer-email-sent' },
): Promise<number> {
  if (req.kind === 'referrer-email-sent') {
    // Journaled by the referee's journey: the referrer is in the detail; a rare kind keeps the campaign index range short.
    const res = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM journey_events
        WHERE campaign_id = $2 AND kind = 'referrer-email-sent' AND occurred_at > $3 AND detail ->> 'customerId' = $1`,
      [req.customerId, req.campaignId, req.since],
    );
    return Number(res.rows[0]!.n);
  }
  const res = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM journey_events
      WHERE customer_id = $1 AND campaign_id = $2 AND kind = 'email-sent' AND occurred_at > $3`,
    [req.customerId, req.campaignId, req.since],
  );
  return Number(res.rows[0]!.n);
}

/** The customer who referred this one (any referral status but rejected or ineligible), or null. */
export async function referrerOf(pool: Pool, refereeId: string): Promise<string | null> {
  const res = await pool.query<{ referrer_id: string }>(
    `SELECT referrer_id FROM referrals WHERE referee_id = $1 AND status NOT IN ('rejected', 'ineligible')`,
    [refereeId],
  );
  return res.rows[0]?.referrer_id ?? null;
}
