import { z } from 'zod';
import { POINTS, type LedgerContext } from './accounts';
import { idempotentWrite } from './idempotency';
import { newId } from './ids';
import { recordTransaction } from './journal';
import { positiveAmount } from './money';
import { instant, notAfter, type Instant } from './time';
import { idempotencyKey, identifier, parseInput } from './validation';

const schema = z
  .object({
    idempotencyKey,
    customerId: identifier,
    points: positiveAmount,
    asOf: instant,
    expiresAt: instant.optional(),
    reason: z.string().min(1).max(500),
  })
  .refine((r) => !notAfter(r.expiresAt ?? null, r.asOf), {
    message: 'must be after asOf',
    path: ['expiresAt'],
  });

export interface ReturnRedeemedPointsInput {
  /** One per cancelled redemption: the return happens once. */
  idempotencyKey: string;
  customerId: string;
  points: number;
  asOf: Instant;
  expiresAt?: Instant;
  reason: string;
}

export interface ReturnRedeemedPointsResult {
  transactionId: string;
  lotId: string;
  returned: number;
}

/**
 * Gives redeemed points back (a cancelled reward): a new points lot for the customer, funded from points:redeemed —
 * the sink the redemption paid into — in one zero-sum transaction, idempotent by its key. The lot's source is the key.
 */
export function returnRedeemedPoints(
  ctx: LedgerContext,
  input: ReturnRedeemedPointsInput,
): Promise<ReturnRedeemedPointsResult> {
  const req = parseInput(schema, input, 'returnRedeemedPoints');
  // The key names the cancelled redemption: a retry after a crash asks again at a later instant (asOf, and an expiry
  // counted from it) and must get the first return, not a conflict. What is compared is what is returned.
  const { idempotencyKey: key, asOf: _asOf, expiresAt: _expiresAt, ...request } = req;
  return idempotentWrite(ctx.pool, { key, operation: 'returnRedeemedPoints', request }, async (client) => {
    const lotId = newId();
    const lot = await client.query<{ account_id: string }>(
      `WITH account AS (
         INSERT INTO ledger_accounts (code, kind, currency, customer_id, balance)
         VALUES ('points-lot:' || $1::text, 'points_lot', $2, $3, 0) RETURNING id
       )
       INSERT INTO ledger_point_lots (id, account_id, customer_id, source_txn_id, original_points, earned_at,
                                      expires_at, reason)
       SELECT $1::uuid, account.id, $3, $4, $5, $6, $7, $8 FROM account RETURNING account_id`,
      [lotId, POINTS, req.customerId, key, req.points, req.asOf, req.expiresAt ?? null, req.reason],
    );
    const transactionId = newId();
    await recordTransaction(client, {
      id: transactionId,
      type: 'points_earn',
      idempotencyKey: key,
      occurredAt: req.asOf,
      memo: req.reason,
      postings: [
        { accountId: ctx.accounts.pointsRedeemed, amount: -req.points, lotId },
        { accountId: lot.rows[0]!.account_id, amount: req.points, lotId, customerId: req.customerId },
      ],
    });
    return { transactionId, lotId, returned: req.points };
  });
}
