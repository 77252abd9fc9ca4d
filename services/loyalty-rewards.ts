import type { Pool } from 'pg';
import type { MailSettings } from '../email/mail-settings';
import type { Ledger } from '../ledger';
import { isLedgerError } from '../ledger/errors';
import {
  completeRedemption,
  getRedemption,
  getReward,
  refuseRedemption,
  reserveStock,
  type Redemption,
} from '../stores/loyalty-catalog';
import { openSupportTask } from '../support-desk/open-task';

export interface LoyaltyRewardsDeps {
  pool: Pool;
  ledger: Ledger;
  mail: MailSettings;
}

export type RewardRefusal = 'UNKNOWN_REWARD' | 'OUT_OF_STOCK' | 'STOCK_PENDING' | 'INSUFFICIENT_POINTS';

export type RedeemRewardResult =
  | {
      ok: true;
      rewardId: string;
      points: number;
      stockLeft: number;
      ledgerTransactionId: string;
      replayed: boolean;
    }
  | { ok: false; code: RewardRefusal; message: string };

/**
 * Catalog redemption (赠品兑换), a customer action: spends a reward's points and takes one item of its stock.
 *
 * Stock lives in loyalty_catalog, points in the ledger; the ledger runs its own transactions, so the two cannot
 * commit in one. The order is therefore: (1) take the item and record the request as 'reserved' in one transaction —
 * the conditional decrement makes the last item go to exactly one of concurrent requests; (2) spend the points with
 * the ledger (idempotent by `reward:<key>`); (3) mark the request completed. If the ledger refuses (points short),
 * the item goes back into stock and the request is 'refused' (compensation). A crash between the steps leaves a
 * 'reserved' row; calling again with the same idempotency key resumes from step 2, so nothing is lost or doubled.
 * A low-stock alert (support task + email to the support inbox) goes out when a redemption takes the stock to or
 * below the reward's threshold.
 */
export class LoyaltyRewards {
  constructor(private readonly deps: LoyaltyRewardsDeps) {}

  async redeemReward(
    customerId: string,
    rewardId: string,
    idempotencyKey: string,
    asOf: Date | string = new Date(),
  ): Promise<RedeemRewardResult> {
    const at = new Date(asOf).toISOString();
    const existing = await getRedemption(this.deps.pool, idempotencyKey);
    if (existing && existing.status !== 'reserved') return this.outcomeOf(existing, true);

    if (!existing) {
      // Cheap pre-check so a customer short of points does not churn stock; the ledger checks again atomically.
      const reward = await getReward(this.deps.pool, rewardId);
      if (reward?.active) {
        const balance = await this.deps.ledger.pointsBalance(customerId, at);
        if (balance.balance < reward.pointsCost) return insufficient(balance.balance, reward.pointsCost);
      }
    }
    const reservation = await reserveStock(this.deps.pool, { idempotencyKey, customerId, rewardId });
    if (!reservation.ok) return reservation;
    const { redemption } = reservation;
    if (redemption.customerId !== customerId || redemption.rewardId !== rewardId) {
      throw new Error(`idempotency key ${idempotencyKey} was used for another redemption`);
    }

    let ledgerTransactionId: string;
    try {
      const spent = await this.deps.ledger.redeemPoints({
        idempotencyKey: `reward:${idempotencyKey}`,
        customerId,
        points: redemption.points,
        asOf: at,
        reason: `reward ${rewardId}`,
      });
      ledgerTransactionId = spent.transactionId;
    } catch (err) {
      if (!isLedgerError(err, 'INSUFFICIENT_BALANCE')) throw err;
      await refuseRedemption(this.deps.pool, idempotencyKey, 'INSUFFICIENT_POINTS');
      return insufficient(Number(err.details?.available ?? 0), redemption.points);
    }
    await completeRedemption(this.deps.pool, idempotencyKey, ledgerTransactionId);

    const { stockLeft, lowStockThreshold } = reservation;
    if (reservation.created && stockLeft <= lowStockThreshold && stockLeft + 1 > lowStockThreshold) {
      await this.lowStockAlert(rewardId, stockLeft, lowStockThreshold, customerId, idempotencyKey);
    }
    return {
      ok: true,
      rewardId,
      points: redemption.points,
      stockLeft,
      ledgerTransactionId,
      replayed: !reservation.created,
    };
  }

  private async outcomeOf(r: Redemption, replayed: boolean): Promise<RedeemRewardResult> {
    if (r.status === 'completed') {
      const reward = await getReward(this.deps.pool, r.rewardId);
      return {
        ok: true,
        rewardId: r.rewardId,
        points: r.points,
        stockLeft: reward?.stock ?? 0,
        ledgerTransactionId: r.ledgerTransactionId!,
        replayed,
      };
    }
    return {
      ok: false,
      code: (r.refusal as RewardRefusal | null) ?? 'INSUFFICIENT_POINTS',
      message: `redemption ${r.idempotencyKey} was refused (${r.refusal})`,
    };
  }

  /** 动态库存预警: once per crossing of the threshold (keyed by the redemption that crossed it). */
  private async lowStockAlert(
    rewardId: string,
    stockLeft: number,
    threshold: number,
    customerId: string,
    redemptionKey: string,
  ): Promise<void> {
    await openSupportTask(this.deps.pool, this.deps.mail, {
      idempotencyKey: `low-stock/${rewardId}/${redemptionKey}`,
      customerId,
      kind: 'low-stock',
      title: `Low stock: reward ${rewardId} has ${stockLeft} left (threshold ${threshold})`,
      detail: { rewardId, stockLeft, threshold },
    });
  }
}

function insufficient(available: number, needed: number): RedeemRewardResult {
  return {
    ok: false,
    code: 'INSUFFICIENT_POINTS',
    message: `this reward needs ${needed} points; ${available} available`,
  };
}
