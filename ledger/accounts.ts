import type { Pool } from 'pg';
import { withTransaction, type Db } from '../lib/transaction';
import { LedgerError } from './errors';

export type AccountKind =
  | 'program_funding'
  | 'program_budget'
  | 'campaign_budget'
  | 'customer_lot'
  | 'redeemed'
  | 'breakage'
  | 'points_issued'
  | 'points_lot'
  | 'points_redeemed'
  | 'points_expired'
  | 'points_budget'
  | 'points_settlement'
  | 'points_expense';

export const POINTS = 'POINTS';

/**
 * Program-wide accounts, one each. Sign convention: an account's balance is the sum of its postings; value flows out
 * of the sources (program funding, points issued — they go negative) into budgets and lots and on into the sinks.
 */
const SYSTEM_ACCOUNTS = {
  programFunding: { code: 'program:funding', kind: 'program_funding', points: false, bounded: false },
  programBudget: { code: 'program:budget', kind: 'program_budget', points: false, bounded: true },
  redeemed: { code: 'redeemed', kind: 'redeemed', points: false, bounded: false },
  breakage: { code: 'breakage', kind: 'breakage', points: false, bounded: false },
  pointsIssued: { code: 'points:issued', kind: 'points_issued', points: true, bounded: false },
  pointsRedeemed: { code: 'points:redeemed', kind: 'points_redeemed', points: true, bounded: false },
  pointsExpired: { code: 'points:expired', kind: 'points_expired', points: true, bounded: false },
  // Money side of points spent at checkout: their value flows from the settlement source into the expense.
  pointsSettlement: { code: 'points:settlement', kind: 'points_settlement', points: false, bounded: false },
  pointsExpense: { code: 'points:expense', kind: 'points_expense', points: false, bounded: false },
} as const;

export type SystemAccounts = { -readonly [K in keyof typeof SYSTEM_ACCOUNTS]: string };

/** What every operation needs: the ledger's pool, its currency and the ids of the system accounts. */
export interface LedgerContext {
  pool: Pool;
  currency: string;
  accounts: SystemAccounts;
  budgetSlots: number;
}

/**
 * Pins the ledger currency on first use (or checks it against the pinned one) and creates the system accounts.
 * Committed before any operation runs, so their ids can be cached for the Ledger's lifetime.
 */
export async function initialiseLedger(pool: Pool, currency: string): Promise<SystemAccounts> {
  return withTransaction(pool, async (client) => {
    await client.query(
      'INSERT INTO ledger_settings (currency) VALUES ($1) ON CONFLICT (singleton) DO NOTHING',
      [currency],
    );
    const pinned = await client.query<{ currency: string }>('SELECT currency FROM ledger_settings');
    const ledgerCurrency = pinned.rows[0]?.currency;
    if (ledgerCurrency !== currency) {
      throw new LedgerError('CURRENCY_MISMATCH', `this ledger keeps ${ledgerCurrency}, not ${currency}`, {
        ledgerCurrency,
        requested: currency,
      });
    }
    const ids: Partial<SystemAccounts> = {};
    for (const [name, spec] of Object.entries(SYSTEM_ACCOUNTS)) {
      ids[name as keyof SystemAccounts] = await ensureAccount(client, {
        code: spec.code,
        kind: spec.kind,
        currency: spec.points ? POINTS : currency,
        bounded: spec.bounded,
      });
    }
    return ids as SystemAccounts;
  });
}

export interface AccountSpec {
  code: string;
  kind: AccountKind;
  currency: string;
  /** Bounded accounts keep a balance column that may never go negative (budgets, lots). */
  bounded: boolean;
  campaignId?: string | null;
  customerId?: string | null;
}

/** Creates the account if it does not exist yet; returns its id either way. */
export async function ensureAccount(client: Db, spec: AccountSpec): Promise<string> {
  await client.query(
    `INSERT INTO ledger_accounts (code, kind, currency, campaign_id, customer_id, balance)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING`,
    [
      spec.code,
      spec.kind,
      spec.currency,
      spec.campaignId ?? null,
      spec.customerId ?? null,
      spec.bounded ? 0 : null,
    ],
  );
  const row = await client.query<{ id: string; currency: string }>(
    'SELECT id, currency FROM ledger_accounts WHERE code = $1',
    [spec.code],
  );
  const account = row.rows[0];
  if (!account) throw new Error(`account ${spec.code} vanished`);
  if (account.currency !== spec.currency) {
    throw new LedgerError('CURRENCY_MISMATCH', `account ${spec.code} is kept in ${account.currency}`, {
      account: spec.code,
      accountCurrency: account.currency,
      requested: spec.currency,
    });
  }
  return account.id;
}
