import { newId } from './ids';
import { z } from 'zod';
import type { LedgerContext } from './accounts';
import { withTransaction } from '../lib/transaction';
import { claimKey, requestHash, storeResult } from './idempotency';
import { recordTransaction } from './journal';
import { findLot, isExpired } from './lots';
import { fromDb } from './money';
import { instant, type Instant } from './time';
import { parseInput } from './validation';

const sweepSchema = z.object({
  asOf: instant,
  limit: z.number().int().positive().max(10_000).optional(),
});

export interface ExpireDueLotsInput {
  asOf: Instant;
  /** Lots per call (default 1000); call again while `expiredLots === limit`. */
  limit?: number;
}

export interface ExpireDueLotsResult {
  expiredLots: number;
  amount: number;
  lotIds: string[];
}

/**
 * Expiry sweep: every lot with expiresAt <= asOf that still holds value moves it to breakage. One short transaction
 * per lot (a sweep never holds many wallets at once). Safe to run repeatedly and concurrently: the lot is locked and
 * re-read before posting, and each expiry is recorded under a key derived from the lot id and how many times the lot
 * has expired before (a refund can put value back into an expired lot, which then expires again).
 */
export async function expireDueLots(
  ctx: LedgerContext,
  input: ExpireDueLotsInput,
): Promise<ExpireDueLotsResult> {
  const req = parseInput(sweepSchema, input, 'expireDueLots');
  const due = await ctx.pool.query<{ id: string }>(
    `SELECT l.id FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE l.expires_at <= $1 AND a.balance > 0 ORDER BY l.expires_at, l.id LIMIT $2`,
    [req.asOf, req.limit ?? 1000],
  );
  const result: ExpireDueLotsResult = { expiredLots: 0, amount: 0, lotIds: [] };
  for (const { id } of due.rows) {
    const expired = await expireLot(ctx, id, req.asOf);
    if (expired > 0) {
      result.expiredLots += 1;
      result.amount += expired;
      result.lotIds.push(id);
    }
  }
  return result;
}

async function expireLot(ctx: LedgerContext, lotId: string, asOf: Date): Promise<number> {
  return withTransaction(ctx.pool, async (client) => {
    const lot = await findLot(client, lotId, true);
    if (!lot || lot.remaining === 0 || !isExpired(lot, asOf)) return 0;
    // The lot's history is the postings on its own wallet account: every transaction that moves a lot's value
    // (grant, redeem, reverse, revoke, expire) has a leg there, and all legs of a transaction share its time.
    const history = await client.query<{ expiries: string; last_movement: Date }>(
      `SELECT count(DISTINCT p.transaction_id) FILTER (WHERE t.type = 'expire') AS expiries,
              max(p.occurred_at) AS last_movement
         FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
        WHERE p.account_id = $1`,
      [lot.accountId],
    );
    const key = `lot-expiry:${lotId}:${fromDb(history.rows[0]?.expiries)}`;
    const request = { lotId, amount: lot.remaining };
    const claim = await claimKey<{ transactionId: string; amount: number }>(
      client,
      key,
      'expireLot',
      requestHash('expireLot', request),
    );
    if (claim.kind === 'replay') return 0;
    const transactionId = newId();
    const tags = { lotId, campaignId: lot.campaignId };
    await recordTransaction(client, {
      id: transactionId,
      type: 'expire',
      idempotencyKey: key,
      // Breakage is recognised at the expiry date, or at the refund that put value back into an already expired lot,
      // never earlier than either: a sweep that runs late does not move breakage into another period.
      occurredAt: new Date(Math.max(lot.expiresAt!.getTime(), history.rows[0]!.last_movement.getTime())),
      memo: 'expired',
      postings: [
        { accountId: lot.accountId, amount: -lot.remaining, ...tags, customerId: lot.customerId },
        { accountId: ctx.accounts.breakage, amount: lot.remaining, ...tags },
      ],
    });
    await storeResult(client, key, { transactionId, amount: lot.remaining });
    return lot.remaining;
  });
}
