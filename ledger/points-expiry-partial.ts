import { z } from 'zod';
import type { LedgerContext } from './accounts';
import { LedgerError } from './errors';
import { idempotentWrite } from './idempotency';
import { newId } from './ids';
import { recordTransaction } from './journal';
import { fromDb } from './money';
import { instant, type Instant } from './time';
import { idempotencyKey, identifier, parseInput } from './validation';

const schema = z.object({
  idempotencyKey,
  lotId: z.uuid(),
  customerId: identifier,
  percent: z.number().int().min(1).max(99),
  asOf: instant,
});

export interface ExpirePointsPartiallyInput {
  /** One per lot and expiry year (e.g. `points-partial-expiry:<lotId>:1`). */
  idempotencyKey: string;
  lotId: string;
  /** The lot's owner: a lot of another customer is refused (NOT_FOUND), never expired. */
  customerId: string;
  percent: number;
  asOf: Instant;
}

export interface ExpirePointsPartiallyResult {
  lotId: string;
  /** floor(remaining × percent / 100): 0 when the share rounds to nothing (then no transaction is written). */
  expired: number;
  remaining: number;
  transactionId: string | null;
}

/**
 * Partial expiry (seed 001: 每年清零未使用积分的30%): moves floor(remaining × percent / 100) of one points lot to
 * points:expired in one zero-sum transaction, idempotent by its key. Rounding down is in the customer's favour; a
 * remainder whose share rounds to 0 is left as it is. The lot's own expires_at is not touched: lots under partial
 * expiry carry none (the points journey keeps their yearly schedule).
 */
export function expirePointsPartially(
  ctx: LedgerContext,
  input: ExpirePointsPartiallyInput,
): Promise<ExpirePointsPartiallyResult> {
  const req = parseInput(schema, input, 'expirePointsPartially');
  const { idempotencyKey: key, ...request } = req;
  return idempotentWrite(ctx.pool, { key, operation: 'expirePointsPartially', request }, async (client) => {
    const row = await client.query<{ account_id: string; customer_id: string; balance: string }>(
      `SELECT l.account_id, l.customer_id, a.balance
         FROM ledger_point_lots l JOIN ledger_accounts a ON a.id = l.account_id
        WHERE l.id = $1 FOR UPDATE OF a`,
      [req.lotId],
    );
    const lot = row.rows[0];
    if (!lot || lot.customer_id !== req.customerId) {
      throw new LedgerError('NOT_FOUND', `no points lot ${req.lotId} of ${req.customerId}`, {
        lotId: req.lotId,
      });
    }
    const before = fromDb(lot.balance);
    const expired = Math.floor((before * req.percent) / 100);
    if (expired === 0) return { lotId: req.lotId, expired: 0, remaining: before, transactionId: null };
    const transactionId = newId();
    await recordTransaction(client, {
      id: transactionId,
      type: 'points_expire',
      idempotencyKey: key,
      occurredAt: req.asOf,
      memo: `${req.percent} % of unused points expired`,
      postings: [
        { accountId: lot.account_id, amount: -expired, lotId: req.lotId, customerId: lot.customer_id },
        { accountId: ctx.accounts.pointsExpired, amount: expired, lotId: req.lotId },
      ],
    });
    return { lotId: req.lotId, expired, remaining: before - expired, transactionId };
  });
}
