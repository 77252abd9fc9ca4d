import type { LedgerContext } from '../accounts';
import { LedgerError } from '../errors';
import { fromDb } from '../money';
import { identifier, parseInput } from '../validation';

export interface CampaignBudget {
  campaignId: string;
  currency: string;
  /** Everything allocated to the campaign from the program budget. */
  budget: number;
  granted: number;
  /** Unused credit that came back from revoked lots (also when a refund restores a lot revoked meanwhile). */
  revoked: number;
  /**
   * The parts of percent and shipping coupons' caps that their redemption did not need, given back to the budget,
   * net of what a full refund reserved again for the restored coupon.
   */
  released: number;
  /** granted − revoked − released: what the campaign has committed to customers. */
  spentNet: number;
  remaining: number;
}

/** Read from the budget slot accounts' postings and balances (remaining = budget − spentNet by construction). */
export async function campaignBudget(ctx: LedgerContext, campaignId: string): Promise<CampaignBudget> {
  const id = parseInput(identifier, campaignId, 'campaignBudget');
  const rows = await ctx.pool.query<{
    slots: string;
    allocated: string;
    granted: string;
    revoked: string;
    released: string;
    remaining: string;
  }>(
    `WITH slots AS (SELECT id, balance FROM ledger_accounts WHERE kind = 'campaign_budget' AND campaign_id = $1)
     SELECT (SELECT count(*) FROM slots) AS slots,
            (SELECT coalesce(sum(balance), 0) FROM slots) AS remaining,
            coalesce(sum(p.amount) FILTER (WHERE t.type = 'allocate'), 0) AS allocated,
            coalesce(-sum(p.amount) FILTER (WHERE t.type = 'grant'), 0) AS granted,
            -- A refund puts value into a slot only for a revoked lot, and takes from one only to reserve a restored
            -- coupon's cap again (ledger/reverse.ts): the sign tells the two apart.
            coalesce(sum(p.amount) FILTER (WHERE t.type = 'revoke' OR (t.type = 'reverse' AND p.amount > 0)), 0)
              AS revoked,
            coalesce(sum(p.amount) FILTER (WHERE t.type = 'redeem' OR (t.type = 'reverse' AND p.amount < 0)), 0)
              AS released
       FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
      WHERE p.account_id IN (SELECT id FROM slots)`,
    [id],
  );
  const row = rows.rows[0];
  if (!row || fromDb(row.slots) === 0) {
    throw new LedgerError('NOT_FOUND', `campaign ${id} has no budget`, { campaignId: id });
  }
  const granted = fromDb(row.granted);
  const revoked = fromDb(row.revoked);
  const released = fromDb(row.released);
  return {
    campaignId: id,
    currency: ctx.currency,
    budget: fromDb(row.allocated),
    granted,
    revoked,
    released,
    spentNet: granted - revoked - released,
    remaining: fromDb(row.remaining),
  };
}

export interface ProgramBudget {
  currency: string;
  /** Everything put into the program. */
  funded: number;
  /** Everything handed on to campaign budgets. */
  allocated: number;
  /** Still unallocated: the headroom of the total cap. */
  remaining: number;
}

export async function programBudget(ctx: LedgerContext): Promise<ProgramBudget> {
  const rows = await ctx.pool.query<{ funded: string; allocated: string; remaining: string }>(
    `SELECT coalesce(sum(p.amount) FILTER (WHERE t.type = 'fund'), 0) AS funded,
            coalesce(-sum(p.amount) FILTER (WHERE t.type = 'allocate'), 0) AS allocated,
            (SELECT balance FROM ledger_accounts WHERE id = $1) AS remaining
       FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
      WHERE p.account_id = $1`,
    [ctx.accounts.programBudget],
  );
  const row = rows.rows[0]!;
  return {
    currency: ctx.currency,
    funded: fromDb(row.funded),
    allocated: fromDb(row.allocated),
    remaining: fromDb(row.remaining),
  };
}
