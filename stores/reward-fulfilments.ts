import type { Pool } from 'pg';
import { inTransaction } from '../lib/transaction';
import type { PersonalDataProtection } from './personal-data';

export type FulfilmentMode = 'delivery' | 'pickup';
export type FulfilmentStatus =
  'requested' | 'shipped' | 'ready' | 'delivered' | 'picked-up' | 'cancelling' | 'cancelled';

export interface DeliveryAddress {
  recipient: string;
  phone: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface Fulfilment {
  redemptionKey: string;
  customerId: string;
  rewardId: string;
  mode: FulfilmentMode;
  status: FulfilmentStatus;
  storeId: string | null;
  /** Opened from its sealed form; null for pickups and after erasure. */
  address: DeliveryAddress | null;
  taskId: number | null;
  pointsReturnedTxn: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  redemption_key: string;
  customer_id: string;
  reward_id: string;
  mode: FulfilmentMode;
  status: FulfilmentStatus;
  store_id: string | null;
  address_sealed: string | null;
  pii_key_id: string | null;
  task_id: string | null;
  points_returned_txn: string | null;
  created_at: Date;
  updated_at: Date;
};

/** Associated data of a sealed address: it opens only in the row it was sealed for. */
const addressContext = (redemptionKey: string) => `loyalty_reward_fulfilments/${redemptionKey}/address`;

const toFulfilment = (pii: PersonalDataProtection, r: Row): Fulfilment => ({
  redemptionKey: r.redemption_key,
  customerId: r.customer_id,
  rewardId: r.reward_id,
  mode: r.mode,
  status: r.status,
  storeId: r.store_id,
  address:
    r.address_sealed === null
      ? null
      : (JSON.parse(pii.cipher.open(r.address_sealed, addressContext(r.redemption_key))) as DeliveryAddress),
  taskId: r.task_id === null ? null : Number(r.task_id),
  pointsReturnedTxn: r.points_returned_txn,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** A sealed address under the current key (opened with whichever key in the ring sealed it): for key rotation. */
export function resealAddress(pii: PersonalDataProtection, redemptionKey: string, sealed: string): string {
  const context = addressContext(redemptionKey);
  return pii.cipher.seal(pii.cipher.open(sealed, context), context);
}

/** Records a redemption's fulfilment once (a replay returns the first); the address is stored sealed only. */
export async function createFulfilment(
  pool: Pool,
  pii: PersonalDataProtection,
  f: {
    redemptionKey: string;
    customerId: string;
    rewardId: string;
    mode: FulfilmentMode;
    storeId?: string;
    address?: DeliveryAddress;
  },
): Promise<Fulfilment> {
  await pool.query(
    `INSERT INTO loyalty_reward_fulfilments
       (redemption_key, customer_id, reward_id, mode, status, store_id, address_sealed, pii_key_id)
     VALUES ($1, $2, $3, $4, 'requested', $5, $6, $7) ON CONFLICT (redemption_key) DO NOTHING`,
    [
      f.redemptionKey,
      f.customerId,
      f.rewardId,
      f.mode,
      f.storeId ?? null,
      f.address ? pii.cipher.seal(JSON.stringify(f.address), addressContext(f.redemptionKey)) : null,
      f.address ? pii.cipher.currentKeyId : null,
    ],
  );
  return (await getFulfilment(pool, pii, f.redemptionKey))!;
}

export async function getFulfilment(
  pool: Pool,
  pii: PersonalDataProtection,
  redemptionKey: string,
): Promise<Fulfilment | null> {
  const res = await pool.query<Row>('SELECT * FROM loyalty_reward_fulfilments WHERE redemption_key = $1', [
    redemptionKey,
  ]);
  return res.rows[0] ? toFulfilment(pii, res.rows[0]) : null;
}

export async function fulfilmentOfTask(
  pool: Pool,
  pii: PersonalDataProtection,
  taskId: number,
): Promise<Fulfilment | null> {
  const res = await pool.query<Row>('SELECT * FROM loyalty_reward_fulfilments WHERE task_id = $1', [taskId]);
  return res.rows[0] ? toFulfilment(pii, res.rows[0]) : null;
}

export async function setFulfilmentTask(pool: Pool, redemptionKey: string, taskId: number): Promise<void> {
  await pool.query(
    'UPDATE loyalty_reward_fulfilments SET task_id = $2 WHERE redemption_key = $1 AND task_id IS NULL',
    [redemptionKey, taskId],
  );
}

/** Moves a fulfilment from one of `from` to `to`; false when it is in none of them (a concurrent move won). */
export async function moveFulfilment(
  pool: Pool,
  redemptionKey: string,
  from: readonly FulfilmentStatus[],
  to: FulfilmentStatus,
): Promise<boolean> {
  const res = await pool.query(
    `UPDATE loyalty_reward_fulfilments SET status = $3, updated_at = now()
      WHERE redemption_key = $1 AND status = ANY ($2::text[])`,
    [redemptionKey, from, to],
  );
  return res.rowCount === 1;
}

/**
 * Ends a cancellation whose points the ledger gave back: the fulfilment is 'cancelled' with the return's transaction
 * and the item goes back into stock, in one transaction, once.
 */
export async function finishCancellation(
  pool: Pool,
  redemptionKey: string,
  pointsReturnedTxn: string,
): Promise<boolean> {
  return inTransaction(pool, async (c) => {
    const done = await c.query<{ reward_id: string }>(
      `UPDATE loyalty_reward_fulfilments SET status = 'cancelled', points_returned_txn = $2, updated_at = now()
        WHERE redemption_key = $1 AND status = 'cancelling' RETURNING reward_id`,
      [redemptionKey, pointsReturnedTxn],
    );
    const row = done.rows[0];
    if (!row) return false;
    await c.query('UPDATE loyalty_catalog SET stock = stock + 1, updated_at = now() WHERE reward_id = $1', [
      row.reward_id,
    ]);
    return true;
  });
}

/** A customer's fulfilments, newest first (addresses opened: callers decide what to show). */
export async function customerFulfilments(
  pool: Pool,
  pii: PersonalDataProtection,
  customerId: string,
  limit: number,
): Promise<Fulfilment[]> {
  const res = await pool.query<Row>(
    `SELECT * FROM loyalty_reward_fulfilments WHERE customer_id = $1
      ORDER BY created_at DESC, redemption_key LIMIT $2`,
    [customerId, limit],
  );
  return res.rows.map((r) => toFulfilment(pii, r));
}
