import type { LedgerContext } from './accounts';
import type { Db } from '../lib/transaction';
import { LedgerError } from './errors';
import { fromDb } from './money';

/**
 * Campaign budgets are hard caps split across `budget_slots` slot accounts. Grants debit one slot; the sum of the
 * slots is the campaign's remaining budget. Why: a single budget row would make every grant of a popular campaign
 * wait for the previous grant's commit (and its WAL flush); with slots, concurrent grants lock different rows.
 * The cap stays exact: a grant is refused only after all slots are locked and their total is short.
 */
export function campaignSlotCode(campaignId: string, slot: number): string {
  return `campaign:${campaignId}:budget:${slot}`;
}

export interface SlotDraw {
  accountId: string;
  amount: number;
}

/** Registers the campaign and its slot accounts on first use; returns the slot account ids in lock order. */
export async function ensureCampaign(ctx: LedgerContext, client: Db, campaignId: string): Promise<string[]> {
  await client.query(
    'INSERT INTO ledger_campaigns (campaign_id, budget_slots) VALUES ($1, $2) ON CONFLICT (campaign_id) DO NOTHING',
    [campaignId, ctx.budgetSlots],
  );
  const campaign = await client.query<{ budget_slots: number }>(
    'SELECT budget_slots FROM ledger_campaigns WHERE campaign_id = $1',
    [campaignId],
  );
  const slots = campaign.rows[0]!.budget_slots;
  await client.query(
    `INSERT INTO ledger_accounts (code, kind, currency, campaign_id, balance)
     SELECT 'campaign:' || $1 || ':budget:' || s, 'campaign_budget', $2, $1, 0 FROM generate_series(0, $3 - 1) AS s
     ON CONFLICT (code) DO NOTHING`,
    [campaignId, ctx.currency, slots],
  );
  const ids = await client.query<{ id: string; currency: string }>(
    `SELECT id, currency FROM ledger_accounts WHERE kind = 'campaign_budget' AND campaign_id = $1 ORDER BY id`,
    [campaignId],
  );
  for (const row of ids.rows) {
    if (row.currency !== ctx.currency) {
      throw new LedgerError('CURRENCY_MISMATCH', `campaign ${campaignId} is budgeted in ${row.currency}`);
    }
  }
  return ids.rows.map((r) => r.id);
}

interface SlotBalance {
  id: string;
  balance: number;
}

/** Locks every slot of the campaign in id order (the one lock order every path uses, so no deadlock). */
export async function lockAllSlots(client: Db, campaignId: string): Promise<SlotBalance[]> {
  const rows = await client.query<{ id: string; balance: string }>(
    `SELECT id, balance FROM ledger_accounts WHERE kind = 'campaign_budget' AND campaign_id = $1
      ORDER BY id FOR UPDATE`,
    [campaignId],
  );
  return rows.rows.map((r) => ({ id: r.id, balance: fromDb(r.balance) }));
}

/** Splits an allocation over the slots as evenly as integers allow (no zero parts). */
export function splitEvenly(amount: number, slots: number): number[] {
  const base = Math.floor(amount / slots);
  const extra = amount % slots;
  return Array.from({ length: slots }, (_, i) => base + (i < extra ? 1 : 0)).filter((a) => a > 0);
}

/**
 * Reserves `amount` of the campaign's budget for a grant: locks the slot(s) it will debit and returns them. The
 * caller posts the debits in the same transaction. BUDGET_EXCEEDED when the campaign's whole remaining budget is short.
 */
export async function drawCampaignBudget(
  client: Db,
  campaignId: string,
  amount: number,
): Promise<SlotDraw[]> {
  // A slot locked by a step whose balance then fails Postgres' re-check stays locked, out of id order; rolling back
  // to this savepoint releases it before the next step waits for other slots (otherwise: deadlocks at exhaustion).
  await client.query('SAVEPOINT budget_draw');
  // 1. Any slot that can cover the grant and that nobody else holds right now.
  const free = await client.query<{ id: string }>(
    `SELECT id FROM ledger_accounts
      WHERE kind = 'campaign_budget' AND campaign_id = $1 AND balance >= $2
      ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [campaignId, amount],
  );
  if (free.rows[0]) return [{ accountId: free.rows[0].id, amount }];
  await client.query('ROLLBACK TO SAVEPOINT budget_draw');
  // 2. All covering slots are busy: wait for one of them — exactly one row, chosen without locking, so that this
  // transaction never waits while holding another slot (a locking scan could hold a re-check failure and wait on).
  const candidate = await client.query<{ id: string }>(
    `SELECT id FROM ledger_accounts
      WHERE kind = 'campaign_budget' AND campaign_id = $1 AND balance >= $2 ORDER BY random() LIMIT 1`,
    [campaignId, amount],
  );
  if (candidate.rows[0]) {
    const locked = await client.query<{ balance: string }>(
      'SELECT balance FROM ledger_accounts WHERE id = $1 FOR UPDATE',
      [candidate.rows[0].id],
    );
    if (fromDb(locked.rows[0]?.balance) >= amount) return [{ accountId: candidate.rows[0].id, amount }];
  }
  // 3. No single slot covers it: lock them all and combine, or refuse if the campaign as a whole is short.
  await client.query('ROLLBACK TO SAVEPOINT budget_draw');
  const slots = await lockAllSlots(client, campaignId);
  if (slots.length === 0)
    throw new LedgerError('NOT_FOUND', `campaign ${campaignId} has no budget`, { campaignId });
  const remaining = slots.reduce((s, slot) => s + slot.balance, 0);
  if (remaining < amount) {
    throw new LedgerError('BUDGET_EXCEEDED', `campaign ${campaignId} budget cannot cover ${amount}`, {
      campaignId,
      requested: amount,
      remaining,
    });
  }
  const draws: SlotDraw[] = [];
  let left = amount;
  for (const slot of [...slots].sort((a, b) => b.balance - a.balance)) {
    if (left === 0) break;
    const take = Math.min(left, slot.balance);
    if (take > 0) draws.push({ accountId: slot.id, amount: take });
    left -= take;
  }
  return draws;
}

/** Picks (and locks) the slot that takes money back into the campaign budget (revocations). */
export async function slotForReturn(client: Db, campaignId: string): Promise<string> {
  const free = await client.query<{ id: string }>(
    `SELECT id FROM ledger_accounts WHERE kind = 'campaign_budget' AND campaign_id = $1
      ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [campaignId],
  );
  if (free.rows[0]) return free.rows[0].id;
  const first = await client.query<{ id: string }>(
    `SELECT id FROM ledger_accounts WHERE kind = 'campaign_budget' AND campaign_id = $1
      ORDER BY id LIMIT 1 FOR UPDATE`,
    [campaignId],
  );
  if (!first.rows[0])
    throw new LedgerError('NOT_FOUND', `campaign ${campaignId} has no budget`, { campaignId });
  return first.rows[0].id;
}

/** Locks the program-wide budget (the total cap) and returns what is left to allocate. */
export async function lockProgramBudget(ctx: LedgerContext, client: Db): Promise<number> {
  const row = await client.query<{ balance: string }>(
    'SELECT balance FROM ledger_accounts WHERE id = $1 FOR UPDATE',
    [ctx.accounts.programBudget],
  );
  return fromDb(row.rows[0]?.balance);
}
