import type { Pool } from 'pg';
import { inTransaction } from '../lib/transaction';

/** A claim on a flow `limit` node's counter (migrations/1030_flow-limit-counters.sql). */
export interface LimitClaim {
  campaignId: string;
  counter: string;
  /** One counter per scope ('' for the whole campaign; a salesperson's id for a per-salesperson quota). */
  scope: string;
  /** What makes the claim unique: the journey's key, or a customer or referrer counted once. */
  claimKey: string;
  /** The claiming journey's idempotency key (a retry of the same claim answers the same). */
  journeyKey: string;
  /** How much the claim counts (1, or an amount in minor units). */
  weight: number;
  max: number;
}

export type LimitDecision =
  | { outcome: 'within'; used: number }
  | { outcome: 'reached'; used: number }
  /** Another journey already counted this customer (or referrer). */
  | { outcome: 'already-counted'; used: number };

/**
 * Counts a claim if it fits under the ceiling, atomically: the counter's row is locked for the transaction, so of
 * concurrent claims exactly as many pass as fit. Idempotent: a claim key seen before answers as it did for the same
 * journey, and `already-counted` for another.
 */
export async function claimLimit(pool: Pool, c: LimitClaim): Promise<LimitDecision> {
  return inTransaction(pool, async (db) => {
    await db.query(
      `INSERT INTO flow_limit_counters (campaign_id, counter, scope) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [c.campaignId, c.counter, c.scope],
    );
    const locked = await db.query<{ used: string }>(
      `SELECT used FROM flow_limit_counters WHERE campaign_id = $1 AND counter = $2 AND scope = $3 FOR UPDATE`,
      [c.campaignId, c.counter, c.scope],
    );
    const used = Number(locked.rows[0]!.used);
    const seen = await db.query<{ journey_key: string; granted: boolean; used_after: string }>(
      'SELECT journey_key, granted, used_after FROM flow_limit_claims WHERE claim_key = $1',
      [c.claimKey],
    );
    const prior = seen.rows[0];
    if (prior) {
      if (prior.journey_key !== c.journeyKey) return { outcome: 'already-counted', used };
      return { outcome: prior.granted ? 'within' : 'reached', used: Number(prior.used_after) };
    }
    const fits = c.weight > 0 && used + c.weight <= c.max;
    const after = fits ? used + c.weight : used;
    if (fits) {
      await db.query(
        `UPDATE flow_limit_counters SET used = $4 WHERE campaign_id = $1 AND counter = $2 AND scope = $3`,
        [c.campaignId, c.counter, c.scope, after],
      );
    }
    await db.query(
      `INSERT INTO flow_limit_claims (claim_key, campaign_id, counter, scope, journey_key, weight, granted, used_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [c.claimKey, c.campaignId, c.counter, c.scope, c.journeyKey, c.weight, fits, after],
    );
    return { outcome: fits ? 'within' : 'reached', used: after };
  });
}

/** How much of a counter is used (0 before the first claim). */
export async function limitUsed(
  pool: Pool,
  key: { campaignId: string; counter: string; scope: string },
): Promise<number> {
  const res = await pool.query<{ used: string }>(
    'SELECT used FROM flow_limit_counters WHERE campaign_id = $1 AND counter = $2 AND scope = $3',
    [key.campaignId, key.counter, key.scope],
  );
  return Number(res.rows[0]?.used ?? 0);
}
