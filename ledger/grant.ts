import { newId } from './ids';
import { z } from 'zod';
import type { LedgerContext } from './accounts';
import { campaignSlotCode, drawCampaignBudget } from './budgets';
import { assertCurrency } from './currency';
import { pgConstraint, pgErrorCode, withTransaction, type Db } from '../lib/transaction';
import { LedgerError } from './errors';
import { claimKey, requestHash } from './idempotency';
import { recordTransaction } from './journal';
import { scopeToDb, type CreditKind, type Scope, type Stacking } from './lots';
import { nonNegativeAmount, positiveAmount } from './money';
import { instant, iso, notAfter, type Instant } from './time';
import { identifier, idempotencyKey, parseInput } from './validation';

export const scopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('categories'), categories: z.array(identifier).min(1) }),
]);

const grantSchema = z
  .object({
    idempotencyKey,
    campaignId: identifier,
    customerId: identifier,
    amount: positiveAmount,
    currency: z.string().optional(),
    kind: z.enum(['cash', 'threshold', 'rebate', 'percent', 'shipping', 'gift']),
    scope: scopeSchema,
    stacking: z.enum(['stackable', 'exclusive']),
    minOrderAmount: nonNegativeAmount.optional(),
    percentBp: z.number().int().min(1).max(10_000).optional(),
    giftSku: identifier.optional(),
    expiresAt: instant.nullable(),
    asOf: instant,
    source: z.object({
      journeyId: z.string().min(1).optional(),
      reason: z.string().min(1),
      actor: z.string().min(1).optional(),
    }),
  })
  .superRefine((g, ctx) => {
    // 满减 coupons are defined by their threshold; other kinds have none (it would silently never apply).
    if (g.kind === 'threshold' && g.minOrderAmount === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['minOrderAmount'],
        message: 'threshold coupons need minOrderAmount',
      });
    }
    if ((g.kind === 'cash' || g.kind === 'rebate') && g.minOrderAmount !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['minOrderAmount'], message: 'only coupons have one' });
    }
    // A percent coupon's amount is its cap (what the grant reserves from the budget); its rate is what defines it.
    if ((g.kind === 'percent') !== (g.percentBp !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['percentBp'],
        message: 'percent coupons, and only they, have percentBp',
      });
    }
    // A gift lot pays for one unit of its item, wherever it sits in the order: categories do not apply to it.
    if ((g.kind === 'gift') !== (g.giftSku !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['giftSku'], message: 'gift items, and only they, have giftSku' });
    }
    if (g.kind === 'gift' && g.scope.type !== 'all') {
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: 'a gift item applies to its SKU, not to categories',
      });
    }
    if (notAfter(g.expiresAt, g.asOf)) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be after asOf' });
    }
  });

export interface GrantCreditInput {
  idempotencyKey: string;
  campaignId: string;
  customerId: string;
  amount: number;
  currency?: string;
  kind: CreditKind;
  scope: Scope;
  stacking: Stacking;
  /**
   * Threshold coupons: the eligible order amount must reach this (满10000减500 → 10000). Percent and shipping
   * coupons may have one too; cash and rebate credit never.
   */
  minOrderAmount?: number;
  /**
   * Percent coupons only: basis points off the eligible lines (1000 = 10 % off, 9折). Their `amount` is the cap on the
   * discount (maxDiscount) and is what the grant reserves from the campaign budget.
   */
  percentBp?: number;
  /**
   * Gift items only (赠品): the SKU one unit of which the lot pays for at checkout (an order line naming it). `amount`
   * is the most it pays (the item's value), reserved from the campaign budget; what the line did not need goes back.
   */
  giftSku?: string;
  expiresAt: Instant | null;
  asOf: Instant;
  source: { journeyId?: string; reason: string; actor?: string };
}

export interface GrantCreditResult {
  lotId: string;
  transactionId: string;
  campaignId: string;
  customerId: string;
  amount: number;
  expiresAt: string | null;
}

/** Campaign budget → a new lot in the customer's wallet. BUDGET_EXCEEDED if the campaign budget cannot cover it. */
export async function grantCredit(ctx: LedgerContext, input: GrantCreditInput): Promise<GrantCreditResult> {
  const req = parseInput(grantSchema, input, 'grantCredit');
  assertCurrency(ctx, req.currency);
  const lotId = newId();
  const transactionId = newId();
  const result: GrantCreditResult = {
    lotId,
    transactionId,
    campaignId: req.campaignId,
    customerId: req.customerId,
    amount: req.amount,
    expiresAt: iso(req.expiresAt),
  };
  const { idempotencyKey: key, ...request } = req;
  const hash = requestHash('grantCredit', request);
  const lotParams = [
    lotId,
    ctx.currency,
    req.campaignId,
    req.customerId,
    req.kind,
    scopeToDb(req.scope),
    req.stacking,
    req.minOrderAmount ?? null,
    req.amount,
    // ISO text: pg's own Date formatting is a measurable part of a grant's client-side cost.
    iso(req.expiresAt),
    req.asOf.toISOString(),
    transactionId,
    JSON.stringify(req.source),
    req.percentBp ?? null,
  ];
  if (await grantInOneStatement(ctx, key, hash, result, lotParams, req.source.reason, req.giftSku ?? null))
    return result;
  return withTransaction(ctx.pool, async (client) => {
    // The result is known before writing, so it is stored with the claim: one statement less while the budget is locked.
    const claim = await claimKey(client, key, 'grantCredit', hash, result);
    if (claim.kind === 'replay') return claim.result;
    const lot = await insertLot(
      client,
      [
        `WITH account AS (
         INSERT INTO ledger_accounts (code, kind, currency, campaign_id, customer_id, balance)
         VALUES ('lot:' || $1::text, 'customer_lot', $2, $3, $4, 0) RETURNING id
       )
       INSERT INTO ledger_lots (id, account_id, customer_id, campaign_id, kind, scope_categories, stacking,
                                min_order_amount, original_amount, expires_at, granted_at, grant_transaction_id, source,
                                percent_bp, gift_sku)
       SELECT $1::uuid, account.id, $4, $3, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 FROM account
       RETURNING account_id`,
        ...lotParams,
        req.giftSku ?? null,
      ],
      req.campaignId,
    );
    const lotAccountId = lot.rows[0]!.account_id;
    const draws = await drawCampaignBudget(client, req.campaignId, req.amount);
    await recordTransaction(client, {
      id: transactionId,
      type: 'grant',
      idempotencyKey: key,
      occurredAt: req.asOf,
      memo: req.source.reason,
      postings: [
        ...draws.map((d) => ({
          accountId: d.accountId,
          amount: -d.amount,
          lotId,
          campaignId: req.campaignId,
        })),
        {
          accountId: lotAccountId,
          amount: req.amount,
          lotId,
          campaignId: req.campaignId,
          customerId: req.customerId,
        },
      ],
    });
    return result;
  });
}

async function insertLot(client: Db, [sql, ...params]: [string, ...unknown[]], campaignId: string) {
  try {
    return await client.query<{ account_id: string }>(sql, params);
  } catch (err) {
    if (pgErrorCode(err) === '23503' && pgConstraint(err) === 'ledger_lots_campaign_id_fkey') {
      throw new LedgerError('NOT_FOUND', `campaign ${campaignId} has no budget`, { campaignId });
    }
    throw err;
  }
}

/**
 * The common case in one statement (and so one implicit transaction, one round trip): a budget slot that covers
 * the grant and is free right now, a fresh idempotency key. It writes exactly the rows of the general path below —
 * key with result, lot account, lot, transaction, two postings — or nothing at all, in which case the caller takes
 * the general path (a replayed or conflicting key, a busy or short budget, an unknown campaign). A key already
 * claimed fails the statement with a unique violation, which is how a replay reaches the general path.
 * Why: a grant is on the hot path of every journey, and each extra round trip costs as much as the work itself.
 * The posting trigger (zero-sum, references, balances) and the lots' foreign keys run at the end of the statement.
 */
async function grantInOneStatement(
  ctx: LedgerContext,
  key: string,
  hash: string,
  result: GrantCreditResult,
  lotParams: unknown[],
  memo: string,
  giftSku: string | null,
): Promise<boolean> {
  // Named: each connection parses and plans this statement once, not on every grant.
  const done = await ctx.pool
    .query({
      name: 'ledger_grant_one_statement',
      // The slot: see ledger_pick_budget_slot (migration 108) — the randomly picked one if free, else any free one.
      text: `WITH slot AS (
       SELECT id FROM (SELECT ledger_pick_budget_slot($3::text, $19::text, $9::bigint) AS id) picked
        WHERE id IS NOT NULL
     ), claim AS (
       INSERT INTO ledger_idempotency (key, operation, request_hash, result)
       SELECT $15::text, 'grantCredit', $16::text, $17::jsonb FROM slot RETURNING key
     ), account AS (
       INSERT INTO ledger_accounts (code, kind, currency, campaign_id, customer_id, balance)
       SELECT 'lot:' || $1::text, 'customer_lot', $2::text, $3::text, $4::text, 0 FROM claim RETURNING id
     ), lot AS (
       INSERT INTO ledger_lots (id, account_id, customer_id, campaign_id, kind, scope_categories, stacking,
                                min_order_amount, original_amount, expires_at, granted_at, grant_transaction_id, source,
                                percent_bp, gift_sku)
       SELECT $1::uuid, account.id, $4::text, $3::text, $5::text, $6::text[], $7::text, $8::bigint, $9::bigint,
              $10::timestamptz, $11::timestamptz, $12::uuid, $13::jsonb, $14::integer, $20::text
         FROM account
     ), txn AS (
       INSERT INTO ledger_transactions (id, type, idempotency_key, occurred_at, memo)
       SELECT $12::uuid, 'grant', $15::text, $11::timestamptz, $18::text FROM claim
     )
     INSERT INTO ledger_postings (transaction_id, account_id, amount, occurred_at, lot_id, campaign_id, customer_id)
     SELECT $12::uuid, slot.id, -$9::bigint, $11::timestamptz, $1::uuid, $3::text, NULL FROM slot, claim
     UNION ALL
     SELECT $12::uuid, account.id, $9::bigint, $11::timestamptz, $1::uuid, $3::text, $4::text FROM account`,
      values: [
        ...lotParams,
        key,
        hash,
        JSON.stringify(result),
        memo,
        // Any slot number is correct (a campaign opened with fewer slots has no such code and takes the scan).
        campaignSlotCode(result.campaignId, Math.floor(Math.random() * ctx.budgetSlots)),
        giftSku,
      ],
    })
    .catch((err: unknown) => {
      // A key seen before (or being claimed right now): the statement wrote nothing; the general path replays it or
      // reports the conflict. A plain INSERT costs less than ON CONFLICT's speculative insertion on every grant.
      if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'ledger_idempotency_pkey') return null;
      // Chosen as a deadlock victim (it holds a slot and waits for a key that a general-path request holds while
      // waiting for that slot): nothing was written, and the general path retries deadlocks.
      if (pgErrorCode(err) === '40P01') return null;
      throw err;
    });
  // Two postings written means the whole grant was (no result rows to send or parse: the count says it).
  return done?.rowCount === 2;
}
