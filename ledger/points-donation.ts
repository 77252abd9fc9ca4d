import { z } from 'zod';
import { ensureAccount, POINTS, type LedgerContext } from './accounts';
import { idempotentWrite } from './idempotency';
import { newId } from './ids';
import { recordTransaction, type Posting } from './journal';
import { positiveAmount } from './money';
import { lotsCovering } from './points';
import { instant, type Instant } from './time';
import { idempotencyKey, identifier, parseInput } from './validation';

const CharityId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');

const schema = z.object({
  idempotencyKey,
  customerId: identifier,
  charityId: CharityId,
  points: positiveAmount,
  asOf: instant,
});

export interface DonatePointsInput {
  idempotencyKey: string;
  customerId: string;
  /** The charity (公益项目) whose points account receives the donation: `points:charity:<charityId>`. */
  charityId: string;
  points: number;
  asOf: Instant;
}

export interface DonatePointsResult {
  transactionId: string;
  donated: number;
  /** The customer's live points after the donation. */
  balance: number;
  charityAccount: string;
}

/** The ledger code of a charity's points account. */
export const charityAccountCode = (charityId: string) => `points:charity:${charityId}`;

/**
 * 积分捐赠公益: moves points from the customer's live lots (soonest-expiring first, like a redemption) to the charity's
 * points account, one zero-sum transaction idempotent by its key. INSUFFICIENT_BALANCE (nothing moved) when the live
 * balance is short. The charity account is a points sink (kind points_redeemed: donated points leave circulation like
 * redeemed ones) created on the first donation to it.
 */
export function donatePoints(ctx: LedgerContext, input: DonatePointsInput): Promise<DonatePointsResult> {
  const req = parseInput(schema, input, 'donatePoints');
  // A client's retry with the same Idempotency-Key arrives later (another asOf): it must get the first donation back,
  // not a conflict. What is compared is what is donated, by whom, to whom.
  const { idempotencyKey: key, asOf: _asOf, ...request } = req;
  return idempotentWrite(ctx.pool, { key, operation: 'donatePoints', request }, async (client) => {
    const { lots, available } = await lotsCovering(client, req.customerId, req.points, req.asOf);
    const charityAccount = charityAccountCode(req.charityId);
    const charity = await ensureAccount(client, {
      code: charityAccount,
      kind: 'points_redeemed',
      currency: POINTS,
      bounded: false,
    });
    let left = req.points;
    const postings: Posting[] = [];
    for (const lot of lots) {
      if (left === 0) break;
      const take = Math.min(left, lot.remaining);
      postings.push({
        accountId: lot.accountId,
        amount: -take,
        lotId: lot.lotId,
        customerId: lot.customerId,
      });
      left -= take;
    }
    postings.push({ accountId: charity, amount: req.points });
    const transactionId = newId();
    await recordTransaction(client, {
      id: transactionId,
      type: 'points_redeem',
      idempotencyKey: key,
      occurredAt: req.asOf,
      memo: `points donated to ${req.charityId}`,
      postings,
    });
    return { transactionId, donated: req.points, balance: available - req.points, charityAccount };
  });
}

/** Points a charity has received (the sum of its account's postings; 0 before the first donation). */
export async function charityPoints(ctx: LedgerContext, charityId: string): Promise<number> {
  const res = await ctx.pool.query<{ total: string | null }>(
    `SELECT COALESCE(SUM(p.amount), 0) AS total FROM ledger_postings p
       JOIN ledger_accounts a ON a.id = p.account_id WHERE a.code = $1`,
    [charityAccountCode(parseInput(CharityId, charityId, 'charityPoints'))],
  );
  return Number(res.rows[0]?.total ?? 0);
}
