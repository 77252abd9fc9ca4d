import type { Pool } from 'pg';

/** Seed 002 长期激励: 累计推荐满10人 → "品牌推荐官" (ambassador); also the referral journey's top tier. */
export const AMBASSADOR_PAID_REFERRALS = 10;

export interface LeaderboardEntry {
  rank: number;
  referrerId: string;
  /** Referrals paid within the month. */
  paidReferrals: number;
  /** When the referrer's last paid referral of the month was paid: who got there first ranks higher. */
  reachedAt: string;
  /** Paid referrals at any time (all campaigns). */
  paidReferralsAllTime: number;
  ambassador: boolean;
}

/**
 * Monthly "推荐达人TOP10" (seed 002): referrers by referrals paid in [from, to), all referral campaigns together.
 * Ties: more paid referrals first, then whoever reached that count earlier (earlier last payment), then referrer id —
 * a total order, so the list is the same on every read.
 */
export async function referralLeaderboard(
  pool: Pool,
  period: { from: Date; to: Date; limit: number },
): Promise<LeaderboardEntry[]> {
  const res = await pool.query<{
    referrer_id: string;
    paid: string;
    reached_at: Date;
    all_time: string;
  }>(
    `WITH month AS (
       SELECT referrer_id, count(*) AS paid, max(paid_at) AS reached_at
         FROM referrals
        WHERE status = 'paid' AND paid_at >= $1 AND paid_at < $2
        GROUP BY referrer_id
        ORDER BY paid DESC, reached_at ASC, referrer_id COLLATE "C" ASC
        LIMIT $3
     )
     SELECT m.referrer_id, m.paid, m.reached_at,
            (SELECT count(*) FROM referrals r WHERE r.referrer_id = m.referrer_id AND r.status = 'paid') AS all_time
       FROM month m
      ORDER BY m.paid DESC, m.reached_at ASC, m.referrer_id COLLATE "C" ASC`,
    [period.from, period.to, period.limit],
  );
  return res.rows.map((r, i) => {
    const allTime = Number(r.all_time);
    return {
      rank: i + 1,
      referrerId: r.referrer_id,
      paidReferrals: Number(r.paid),
      reachedAt: r.reached_at.toISOString(),
      paidReferralsAllTime: allTime,
      ambassador: allTime >= AMBASSADOR_PAID_REFERRALS,
    };
  });
}
