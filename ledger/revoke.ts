import { newId } from './ids';
import { z } from 'zod';
import type { LedgerContext } from './accounts';
import { slotForReturn } from './budgets';
import { LedgerError } from './errors';
import { idempotentWrite } from './idempotency';
import { recordTransaction } from './journal';
import { findLot } from './lots';
import { instant, type Instant } from './time';
import { idempotencyKey, parseInput } from './validation';

const revokeSchema = z.object({
  idempotencyKey,
  lotId: z.uuid(),
  asOf: instant,
  reason: z.string().min(1).max(500),
  requireUnused: z.boolean().optional(),
});

export interface RevokeGrantInput {
  idempotencyKey: string;
  lotId: string;
  asOf: Instant;
  reason: string;
  /** Refuse with LOT_IN_USE instead of revoking the rest when part of the lot was already redeemed. */
  requireUnused?: boolean;
}

export interface RevokeGrantResult {
  lotId: string;
  campaignId: string;
  /** What went back to the campaign budget: the lot's unused remainder (0 if nothing was left). */
  revokedAmount: number;
  /** Null when nothing was left to move. */
  transactionId: string | null;
}

/**
 * Withdraws a grant (e.g. referral fraud): the lot's unused remainder returns to its campaign budget and the lot is
 * closed for good. Value already redeemed stays redeemed — clawing back a paid order is not a ledger decision.
 */
export function revokeGrant(ctx: LedgerContext, input: RevokeGrantInput): Promise<RevokeGrantResult> {
  const req = parseInput(revokeSchema, input, 'revokeGrant');
  const { idempotencyKey: key, ...request } = req;
  return idempotentWrite(ctx.pool, { key, operation: 'revokeGrant', request }, async (client) => {
    const lot = await findLot(client, req.lotId, true);
    if (!lot) throw new LedgerError('NOT_FOUND', `lot ${req.lotId} not found`, { lotId: req.lotId });
    if (lot.revoked)
      throw new LedgerError('ALREADY_REVOKED', `lot ${req.lotId} is already revoked`, { lotId: lot.lotId });
    if (req.requireUnused && lot.remaining < lot.original) {
      throw new LedgerError('LOT_IN_USE', `lot ${req.lotId} was partly redeemed`, {
        lotId: lot.lotId,
        original: lot.original,
        remaining: lot.remaining,
      });
    }
    await client.query('UPDATE ledger_lots SET revoked_at = $2, revoke_reason = $3 WHERE id = $1', [
      lot.lotId,
      req.asOf,
      req.reason,
    ]);
    if (lot.remaining === 0) {
      return { lotId: lot.lotId, campaignId: lot.campaignId, revokedAmount: 0, transactionId: null };
    }
    const slot = await slotForReturn(client, lot.campaignId);
    const transactionId = newId();
    const tags = { lotId: lot.lotId, campaignId: lot.campaignId };
    await recordTransaction(client, {
      id: transactionId,
      type: 'revoke',
      idempotencyKey: key,
      occurredAt: req.asOf,
      memo: req.reason,
      postings: [
        { accountId: lot.accountId, amount: -lot.remaining, ...tags, customerId: lot.customerId },
        { accountId: slot, amount: lot.remaining, ...tags },
      ],
    });
    return { lotId: lot.lotId, campaignId: lot.campaignId, revokedAmount: lot.remaining, transactionId };
  });
}
