import { newId } from './ids';
import { z } from 'zod';
import { POINTS, type LedgerContext } from './accounts';
import { pgConstraint, pgErrorCode, withTransaction, type Db } from '../lib/transaction';
import { LedgerError } from './errors';
import { claimKey, idempotentWrite, replayUnderKey, requestHash, storeResult } from './idempotency';
import { recordTransaction } from './journal';
import { fromDb, nonNegativeAmount, positiveAmount } from './money';
import { instant, iso, notAfter, utcDay, type Instant } from './time';
import { identifier, idempotencyKey, parseInput } from './validation';
import { lockPointsBudget } from './points-budget';

/**
 * Loyalty points: the same double-entry discipline in their own 'POINTS' currency. Each earn is a points lot with its
 * own expiry; redemptions consume soonest-expiring first; expired points move to points:expired.
 */

const earnSchema = z
  .object({
    transactionId: identifier,
    customerId: identifier,
    points: positiveAmount,
    asOf: instant,
    dailyCap: nonNegativeAmount.optional(),
    expiresAt: instant.optional(),
    reason: z.string().min(1).max(500),
    whenCapReached: z.enum(['earn-nothing', 'refuse']).optional(),
    campaignId: identifier.optional(),
    pointsBudget: nonNegativeAmount.optional(),
  })
  .refine((e) => !notAfter(e.expiresAt ?? null, e.asOf), {
    message: 'must be after asOf',
    path: ['expiresAt'],
  });

export interface EarnPointsInput {
  /** The source transaction's id (e.g. the order): unique, it is the idempotency key of the earn. */
  transactionId: string;
  customerId: string;
  points: number;
  asOf: Instant;
  /** Most points this customer may earn per UTC day of asOf (counting every earn of that day). */
  dailyCap?: number;
  expiresAt?: Instant;
  reason: string;
  /** At the cap: record an earn of 0 (default) or refuse with DAILY_CAP_REACHED. */
  whenCapReached?: 'earn-nothing' | 'refuse';
  /** The campaign earning: its lot is tagged with it (points liability by campaign), and its points budget drawn. */
  campaignId?: string;
  /**
   * The campaign's points budget (hard cap), opened by the first earn that names it (ledger/points-budget.ts). An
   * earn past what is left earns the part that fits (budgetCappedBy says how much was withheld), one at an empty
   * budget earns 0. Without a budget the campaign earns without limit.
   */
  pointsBudget?: number;
}

export interface EarnPointsResult {
  transactionId: string;
  earned: number;
  /** Points withheld by the daily cap (0 when the cap did not bite). */
  cappedBy: number;
  /** Points withheld by the campaign's points budget (0 when it did not bite or there is none). */
  budgetCappedBy?: number;
  lotId: string | null;
  ledgerTransactionId: string | null;
}

/**
 * Earns up to the daily cap: a request that would cross it earns the part that fits, one at the cap earns 0 (and
 * says so in cappedBy). The cap is counted on a per-customer-per-day row locked for the earn, so concurrent earns
 * cannot overshoot it (the cap is the customer's, across points campaigns). A transaction earns once per customer and
 * campaign: replayed, it returns the first result and earns nothing twice.
 */
export function earnPoints(ctx: LedgerContext, input: EarnPointsInput): Promise<EarnPointsResult> {
  const req = parseInput(earnSchema, input, 'earnPoints');
  // One earn per customer, campaign and transaction: keyed by the transaction alone, two points campaigns (or two
  // customers naming one order id) raced for the key and all but the first were refused.
  const key = `points-earn:${JSON.stringify([req.customerId, req.campaignId ?? null, req.transactionId])}`;
  return idempotentWrite(ctx.pool, { key, operation: 'earnPoints', request: req }, async (client) => {
    // An earn written under the former key (the transaction alone) and retried after an upgrade replays it.
    const earlier = await replayUnderKey<EarnPointsResult>(
      client,
      `points-earn:${req.transactionId}`,
      requestHash('earnPoints', req),
    );
    if (earlier) return earlier;
    const day = utcDay(req.asOf);
    await client.query(
      'INSERT INTO ledger_points_daily (customer_id, day) VALUES ($1, $2) ON CONFLICT (customer_id, day) DO NOTHING',
      [req.customerId, day],
    );
    const today = await client.query<{ earned: string }>(
      'SELECT earned FROM ledger_points_daily WHERE customer_id = $1 AND day = $2 FOR UPDATE',
      [req.customerId, day],
    );
    const earnedToday = fromDb(today.rows[0]?.earned);
    const room = req.dailyCap === undefined ? req.points : Math.max(0, req.dailyCap - earnedToday);
    const withinDay = Math.min(req.points, room);
    // The campaign's points budget is locked after the day row (the one lock order of earns): exact under concurrency.
    const budget =
      req.campaignId !== undefined && withinDay > 0
        ? await lockPointsBudget(ctx, client, req.campaignId, req.pointsBudget, req.asOf)
        : { accountId: null, room: Infinity };
    const earned = Math.min(withinDay, budget.room);
    const budgetCappedBy = withinDay - earned;
    if (earned === 0) {
      if (req.whenCapReached === 'refuse' && withinDay === 0) {
        throw new LedgerError('DAILY_CAP_REACHED', `daily points cap reached for ${req.customerId}`, {
          customerId: req.customerId,
          day,
          dailyCap: req.dailyCap,
          earnedToday,
        });
      }
      return {
        transactionId: req.transactionId,
        earned: 0,
        cappedBy: req.points - withinDay,
        ...(budgetCappedBy > 0 ? { budgetCappedBy } : {}),
        lotId: null,
        ledgerTransactionId: null,
      };
    }
    await client.query(
      'UPDATE ledger_points_daily SET earned = earned + $3 WHERE customer_id = $1 AND day = $2',
      [req.customerId, day, earned],
    );
    const lotId = newId();
    const ledgerTransactionId = newId();
    const lot = await client
      .query<{ account_id: string }>(
        `WITH account AS (
         INSERT INTO ledger_accounts (code, kind, currency, customer_id, balance)
         VALUES ('points-lot:' || $1::text, 'points_lot', $2, $3, 0) RETURNING id
       )
       INSERT INTO ledger_point_lots (id, account_id, customer_id, source_txn_id, original_points, earned_at,
                                      expires_at, reason, campaign_id)
       SELECT $1::uuid, account.id, $3, $4, $5, $6, $7, $8, $9 FROM account RETURNING account_id`,
        [
          lotId,
          POINTS,
          req.customerId,
          req.transactionId,
          earned,
          req.asOf,
          req.expiresAt ?? null,
          req.reason,
          req.campaignId ?? null,
        ],
      )
      .catch((err: unknown) => {
        // The lot exists: earned under the former key (the transaction alone) by another request for it.
        if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'ledger_point_lots_source_key')
          throw new LedgerError(
            'IDEMPOTENCY_CONFLICT',
            `transaction ${req.transactionId} already earned points`,
            {
              idempotencyKey: key,
              operation: 'earnPoints',
            },
          );
        throw err;
      });
    await recordTransaction(client, {
      id: ledgerTransactionId,
      type: 'points_earn',
      idempotencyKey: key,
      occurredAt: req.asOf,
      memo: req.reason,
      postings: [
        {
          accountId: budget.accountId ?? ctx.accounts.pointsIssued,
          amount: -earned,
          lotId,
          campaignId: req.campaignId ?? null,
        },
        {
          accountId: lot.rows[0]!.account_id,
          amount: earned,
          lotId,
          campaignId: req.campaignId ?? null,
          customerId: req.customerId,
        },
      ],
    });
    return {
      transactionId: req.transactionId,
      earned,
      cappedBy: req.points - withinDay,
      ...(budgetCappedBy > 0 ? { budgetCappedBy } : {}),
      lotId,
      ledgerTransactionId,
    };
  });
}

export interface PointLot {
  lotId: string;
  accountId: string;
  customerId: string;
  remaining: number;
  expiresAt: Date | null;
}

export async function pointLots(client: Db, customerId: string, lock: boolean): Promise<PointLot[]> {
  const rows = await client.query<{
    id: string;
    account_id: string;
    customer_id: string;
    balance: string;
    expires_at: Date | null;
  }>(
    `SELECT l.id, l.account_id, l.customer_id, a.balance, l.expires_at
       FROM ledger_point_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE l.customer_id = $1 AND a.balance > 0 ORDER BY a.id ${lock ? 'FOR UPDATE OF a' : ''}`,
    [customerId],
  );
  return rows.rows.map((r) => ({
    lotId: r.id,
    accountId: r.account_id,
    customerId: r.customer_id,
    remaining: fromDb(r.balance),
    expiresAt: r.expires_at,
  }));
}

export const livePointLots = (lots: PointLot[], asOf: Date): PointLot[] =>
  lots
    .filter((l) => l.expiresAt === null || l.expiresAt.getTime() > asOf.getTime())
    .sort(
      (a, b) =>
        (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) ||
        a.lotId.localeCompare(b.lotId),
    );

const redeemPointsSchema = z.object({
  idempotencyKey,
  customerId: identifier,
  points: positiveAmount,
  asOf: instant,
  reason: z.string().min(1).max(500),
});

export interface RedeemPointsInput {
  idempotencyKey: string;
  customerId: string;
  points: number;
  asOf: Instant;
  reason: string;
}

export interface RedeemPointsResult {
  transactionId: string;
  redeemed: number;
  balance: number;
}

/**
 * The customer's live points lots (locked, soonest-expiring first) when they hold at least `points`; otherwise
 * INSUFFICIENT_BALANCE and nothing is spent. Every way points leave a wallet (redemption, donation) starts here.
 */
export async function lotsCovering(client: Db, customerId: string, points: number, asOf: Date) {
  const lots = livePointLots(await pointLots(client, customerId, true), asOf);
  const available = lots.reduce((s, l) => s + l.remaining, 0);
  if (available < points) {
    throw new LedgerError('INSUFFICIENT_BALANCE', `only ${available} points available`, {
      customerId,
      available,
      requested: points,
    });
  }
  return { lots, available };
}

/** Spends points, soonest-expiring first. INSUFFICIENT_BALANCE when the live balance is short (nothing is spent). */
export function redeemPoints(ctx: LedgerContext, input: RedeemPointsInput): Promise<RedeemPointsResult> {
  const req = parseInput(redeemPointsSchema, input, 'redeemPoints');
  const { idempotencyKey: key, ...request } = req;
  return idempotentWrite(ctx.pool, { key, operation: 'redeemPoints', request }, async (client) => {
    const { lots, available } = await lotsCovering(client, req.customerId, req.points, req.asOf);
    let left = req.points;
    const postings = [];
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
    postings.push({ accountId: ctx.accounts.pointsRedeemed, amount: req.points });
    const transactionId = newId();
    await recordTransaction(client, {
      id: transactionId,
      type: 'points_redeem',
      idempotencyKey: key,
      occurredAt: req.asOf,
      memo: req.reason,
      postings,
    });
    return { transactionId, redeemed: req.points, balance: available - req.points };
  });
}

const sweepSchema = z.object({ asOf: instant, limit: z.number().int().positive().max(10_000).optional() });

export interface ExpirePointsResult {
  expiredLots: number;
  points: number;
}

/** Points expiry sweep: one short transaction per due lot, keyed by the lot (points never flow back into a lot). */
export async function expirePoints(
  ctx: LedgerContext,
  input: { asOf: Instant; limit?: number },
): Promise<ExpirePointsResult> {
  const req = parseInput(sweepSchema, input, 'expirePoints');
  const due = await ctx.pool.query<{ id: string }>(
    `SELECT l.id FROM ledger_point_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE l.expires_at <= $1 AND a.balance > 0 ORDER BY l.expires_at, l.id LIMIT $2`,
    [req.asOf, req.limit ?? 1000],
  );
  const result: ExpirePointsResult = { expiredLots: 0, points: 0 };
  for (const { id } of due.rows) {
    const points = await withTransaction(ctx.pool, async (client) => {
      const row = await client.query<{
        account_id: string;
        customer_id: string;
        balance: string;
        expires_at: Date;
      }>(
        `SELECT l.account_id, l.customer_id, a.balance, l.expires_at
           FROM ledger_point_lots l JOIN ledger_accounts a ON a.id = l.account_id
          WHERE l.id = $1 FOR UPDATE OF a`,
        [id],
      );
      const lot = row.rows[0];
      const remaining = fromDb(lot?.balance);
      if (!lot || remaining === 0) return 0;
      const key = `points-expiry:${id}`;
      const claim = await claimKey(client, key, 'expirePoints', requestHash('expirePoints', { lotId: id }));
      if (claim.kind === 'replay') return 0;
      const transactionId = newId();
      await recordTransaction(client, {
        id: transactionId,
        type: 'points_expire',
        idempotencyKey: key,
        occurredAt: lot.expires_at,
        memo: 'points expired',
        postings: [
          { accountId: lot.account_id, amount: -remaining, lotId: id, customerId: lot.customer_id },
          { accountId: ctx.accounts.pointsExpired, amount: remaining, lotId: id },
        ],
      });
      await storeResult(client, key, { transactionId, points: remaining });
      return remaining;
    });
    if (points > 0) {
      result.expiredLots += 1;
      result.points += points;
    }
  }
  return result;
}

export interface PointsBalance {
  customerId: string;
  balance: number;
  lots: { lotId: string; remaining: number; expiresAt: string | null }[];
}

/** Live points at asOf (lots past their expiry count as gone even before the sweep has run). */
export async function pointsBalance(
  ctx: LedgerContext,
  customerId: string,
  asOf: Instant,
): Promise<PointsBalance> {
  const at = parseInput(instant, asOf, 'pointsBalance');
  const client = await ctx.pool.connect();
  try {
    const lots = livePointLots(
      await pointLots(client, parseInput(identifier, customerId, 'pointsBalance'), false),
      at,
    );
    return {
      customerId,
      balance: lots.reduce((s, l) => s + l.remaining, 0),
      lots: lots.map((l) => ({ lotId: l.lotId, remaining: l.remaining, expiresAt: iso(l.expiresAt) })),
    };
  } finally {
    client.release();
  }
}
