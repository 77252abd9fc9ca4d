import type { Pool } from 'pg';
import { inTransaction } from '../lib/transaction';

export interface Reward {
  rewardId: string;
  title: string;
  pointsCost: number;
  stock: number;
  lowStockThreshold: number;
  active: boolean;
}

type RewardRow = {
  reward_id: string;
  title: string;
  points_cost: string;
  stock: number;
  low_stock_threshold: number;
  active: boolean;
};

const toReward = (r: RewardRow): Reward => ({
  rewardId: r.reward_id,
  title: r.title,
  pointsCost: Number(r.points_cost),
  stock: r.stock,
  lowStockThreshold: r.low_stock_threshold,
  active: r.active,
});

/** Creates or replaces a catalog entry (operators restock by setting `stock`). */
export async function upsertReward(pool: Pool, reward: Omit<Reward, 'active'> & { active?: boolean }) {
  const res = await pool.query<RewardRow>(
    `INSERT INTO loyalty_catalog (reward_id, title, points_cost, stock, low_stock_threshold, active)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (reward_id) DO UPDATE SET title = EXCLUDED.title, points_cost = EXCLUDED.points_cost,
       stock = EXCLUDED.stock, low_stock_threshold = EXCLUDED.low_stock_threshold, active = EXCLUDED.active,
       updated_at = now()
     RETURNING *`,
    [
      reward.rewardId,
      reward.title,
      reward.pointsCost,
      reward.stock,
      reward.lowStockThreshold,
      reward.active ?? true,
    ],
  );
  return toReward(res.rows[0]!);
}

/** Active rewards; `inStockOnly`: those customers can redeem now (out-of-stock ones hidden). */
export async function activeRewards(pool: Pool, opts: { inStockOnly?: boolean } = {}): Promise<Reward[]> {
  const res = await pool.query<RewardRow>(
    `SELECT * FROM loyalty_catalog WHERE active ${opts.inStockOnly ? 'AND stock > 0' : ''} ORDER BY reward_id`,
  );
  return res.rows.map(toReward);
}

export async function getReward(pool: Pool, rewardId: string): Promise<Reward | null> {
  const res = await pool.query<RewardRow>('SELECT * FROM loyalty_catalog WHERE reward_id = $1', [rewardId]);
  return res.rows[0] ? toReward(res.rows[0]) : null;
}

export interface Redemption {
  idempotencyKey: string;
  customerId: string;
  rewardId: string;
  points: number;
  status: 'reserved' | 'completed' | 'refused';
  refusal: string | null;
  ledgerTransactionId: string | null;
}

type RedemptionRow = {
  idempotency_key: string;
  customer_id: string;
  reward_id: string;
  points: string;
  status: Redemption['status'];
  refusal: string | null;
  ledger_transaction_id: string | null;
};

const toRedemption = (r: RedemptionRow): Redemption => ({
  idempotencyKey: r.idempotency_key,
  customerId: r.customer_id,
  rewardId: r.reward_id,
  points: Number(r.points),
  status: r.status,
  refusal: r.refusal,
  ledgerTransactionId: r.ledger_transaction_id,
});

export async function getRedemption(pool: Pool, idempotencyKey: string): Promise<Redemption | null> {
  const res = await pool.query<RedemptionRow>(
    'SELECT * FROM loyalty_redemptions WHERE idempotency_key = $1',
    [idempotencyKey],
  );
  return res.rows[0] ? toRedemption(res.rows[0]) : null;
}

export type StockReservation =
  | { ok: true; redemption: Redemption; stockLeft: number; lowStockThreshold: number; created: boolean }
  | { ok: false; code: 'UNKNOWN_REWARD' | 'OUT_OF_STOCK' | 'STOCK_PENDING'; message: string };

/**
 * Takes one item of stock for a redemption request and records the request as 'reserved', in one transaction. The
 * decrement is a single conditional UPDATE (stock > 0), so of two concurrent requests for the last item exactly one
 * gets it; the other sees no row and is refused OUT_OF_STOCK. A replayed key returns the request as it stands.
 */
export async function reserveStock(
  pool: Pool,
  req: { idempotencyKey: string; customerId: string; rewardId: string },
): Promise<StockReservation> {
  return inTransaction(pool, async (c) => {
    const existing = await c.query<RedemptionRow>(
      'SELECT * FROM loyalty_redemptions WHERE idempotency_key = $1',
      [req.idempotencyKey],
    );
    const reward = await c.query<RewardRow>('SELECT * FROM loyalty_catalog WHERE reward_id = $1', [
      req.rewardId,
    ]);
    const r = reward.rows[0];
    if (!r || !r.active)
      return { ok: false, code: 'UNKNOWN_REWARD', message: `no active reward ${req.rewardId}` };
    if (existing.rows[0]) {
      return {
        ok: true,
        redemption: toRedemption(existing.rows[0]),
        stockLeft: r.stock,
        lowStockThreshold: r.low_stock_threshold,
        created: false,
      };
    }
    const taken = await c.query<{ stock: number; points_cost: string; low_stock_threshold: number }>(
      `UPDATE loyalty_catalog SET stock = stock - 1, updated_at = now()
        WHERE reward_id = $1 AND active AND stock > 0 RETURNING stock, points_cost, low_stock_threshold`,
      [req.rewardId],
    );
    const left = taken.rows[0];
    if (!left) {
      // An item held by a redemption still in flight comes back if its points fall short: not out of stock yet.
      const held = await c.query(
        // A redemption takes milliseconds; one reserved for longer was abandoned by a crash (its key's retry resumes it).
        `SELECT 1 FROM loyalty_redemptions
          WHERE reward_id = $1 AND status = 'reserved' AND updated_at > now() - interval '1 minute' LIMIT 1`,
        [req.rewardId],
      );
      return held.rowCount
        ? {
            ok: false,
            code: 'STOCK_PENDING',
            message: `the last items of ${r.title} are being redeemed; one may come back: ask again in a moment`,
          }
        : { ok: false, code: 'OUT_OF_STOCK', message: `${r.title} is out of stock` };
    }
    const inserted = await c.query<RedemptionRow>(
      `INSERT INTO loyalty_redemptions (idempotency_key, customer_id, reward_id, points, status)
       VALUES ($1, $2, $3, $4, 'reserved') RETURNING *`,
      [req.idempotencyKey, req.customerId, req.rewardId, left.points_cost],
    );
    return {
      ok: true,
      redemption: toRedemption(inserted.rows[0]!),
      stockLeft: left.stock,
      lowStockThreshold: left.low_stock_threshold,
      created: true,
    };
  });
}

export async function completeRedemption(
  pool: Pool,
  idempotencyKey: string,
  ledgerTransactionId: string,
): Promise<void> {
  await pool.query(
    `UPDATE loyalty_redemptions SET status = 'completed', ledger_transaction_id = $2, updated_at = now()
      WHERE idempotency_key = $1 AND status = 'reserved'`,
    [idempotencyKey, ledgerTransactionId],
  );
}

/** Refuses a reserved redemption and puts its item back into stock (the compensation step), once. */
export async function refuseRedemption(pool: Pool, idempotencyKey: string, refusal: string): Promise<void> {
  await inTransaction(pool, async (c) => {
    const refused = await c.query<{ reward_id: string }>(
      `UPDATE loyalty_redemptions SET status = 'refused', refusal = $2, updated_at = now()
        WHERE idempotency_key = $1 AND status = 'reserved' RETURNING reward_id`,
      [idempotencyKey, refusal],
    );
    const row = refused.rows[0];
    if (row) {
      await c.query('UPDATE loyalty_catalog SET stock = stock + 1, updated_at = now() WHERE reward_id = $1', [
        row.reward_id,
      ]);
    }
  });
}
