import { newId } from './ids';
import { POINTS, type LedgerContext } from './accounts';
import type { Db } from '../lib/transaction';
import { recordTransaction } from './journal';
import { fromDb } from './money';
import { identifier, parseInput } from './validation';

/**
 * Points budgets: a campaign's hard cap on the points its earns may issue. One bounded POINTS account per campaign
 * (kind 'points_budget'), opened once from points:issued with the cap (the first earn that names the cap opens it,
 * in its own transaction), drawn by every earn of the campaign. Earns of one campaign serialise on that row: the
 * cap is exact under any concurrency, and the database refuses a balance below zero whatever the code does.
 * A campaign without a points budget earns without limit (from points:issued, as before budgets existed).
 */
export function pointsBudgetCode(campaignId: string): string {
  return `campaign:${campaignId}:points-budget`;
}

export interface PointsBudgetRoom {
  /** The budget account to draw from, or null: the campaign has no points budget (unlimited). */
  accountId: string | null;
  /** Points the budget still holds (Infinity when unlimited). */
  room: number;
}

/**
 * Opens the campaign's points budget with `cap` if it has none yet (the first caller wins; a later, different cap is
 * ignored — the budget is the campaign's, fixed when it first earns), then locks it and returns what it holds.
 */
export async function lockPointsBudget(
  ctx: LedgerContext,
  client: Db,
  campaignId: string,
  cap: number | undefined,
  asOf: Date,
): Promise<PointsBudgetRoom> {
  if (cap !== undefined) {
    const opened = await client.query<{ id: string }>(
      `INSERT INTO ledger_accounts (code, kind, currency, campaign_id, balance)
       VALUES ($1, 'points_budget', $2, $3, 0) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [pointsBudgetCode(campaignId), POINTS, campaignId],
    );
    const accountId = opened.rows[0]?.id;
    if (accountId !== undefined && cap > 0) {
      await recordTransaction(client, {
        id: newId(),
        type: 'points_allocate',
        idempotencyKey: `points-budget:${campaignId}`,
        occurredAt: asOf,
        memo: `points budget of campaign ${campaignId}`,
        postings: [
          { accountId: ctx.accounts.pointsIssued, amount: -cap, campaignId },
          { accountId, amount: cap, campaignId },
        ],
      });
    }
  }
  const row = await client.query<{ id: string; balance: string }>(
    `SELECT id, balance FROM ledger_accounts WHERE kind = 'points_budget' AND campaign_id = $1 FOR UPDATE`,
    [campaignId],
  );
  const budget = row.rows[0];
  return budget
    ? { accountId: budget.id, room: fromDb(budget.balance) }
    : { accountId: null, room: Infinity };
}

export interface PointsBudget {
  campaignId: string;
  /** The cap the budget was opened with; null: the campaign has no points budget (unlimited) or has not earned yet. */
  budget: number | null;
  /** Points the campaign's earns issued (with a budget: what they drew from it). */
  earned: number;
  /** What the budget still holds; null without one. */
  remaining: number | null;
}

/**
 * A campaign's points budget: cap, earned, remaining. A campaign with a budget in its config that has not earned yet
 * has no budget account yet (the first earn opens it): the caller knows the configured cap.
 */
export async function pointsBudget(ctx: LedgerContext, campaignId: string): Promise<PointsBudget> {
  const id = parseInput(identifier, campaignId, 'pointsBudget');
  const rows = await ctx.pool.query<{ balance: string | null; allocated: string | null; earned: string }>(
    `SELECT (SELECT a.balance FROM ledger_accounts a WHERE a.kind = 'points_budget' AND a.campaign_id = $1)
              AS balance,
            (SELECT sum(p.amount) FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
              WHERE a.kind = 'points_budget' AND a.campaign_id = $1 AND p.amount > 0) AS allocated,
            (SELECT coalesce(sum(original_points), 0) FROM ledger_point_lots WHERE campaign_id = $1) AS earned`,
    [id],
  );
  const row = rows.rows[0]!;
  const open = row.balance !== null;
  return {
    campaignId: id,
    budget: open ? fromDb(row.allocated ?? '0') : null,
    earned: fromDb(row.earned),
    remaining: open ? fromDb(row.balance) : null,
  };
}
