import type { Pool } from 'pg';
import { pgErrorCode } from '../../lib/transaction';
import { isLedgerError, type LedgerError, type LedgerErrorCode } from '../../ledger/errors';
import type { GrantCreditInput } from '../../ledger/grant';
import { Ledger } from '../../ledger/ledger';
import { fromDb } from '../../ledger/money';
import { createTestDatabase, type TestDatabase } from './database';

/** Test helpers for the ledger's own tests (not part of the public API). */

export const T0 = '2025-03-01T00:00:00.000Z';

export function at(days: number, base = T0): string {
  return new Date(Date.parse(base) + days * 86_400_000).toISOString();
}

let counter = 0;
export function uniqueKey(prefix = 'k'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function refusal(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (err) {
    if (isLedgerError(err)) return err;
    throw err;
  }
  throw new Error('expected a LedgerError, but the call succeeded');
}

export async function expectRefusal(promise: Promise<unknown>, code: LedgerErrorCode): Promise<LedgerError> {
  const err = await refusal(promise);
  if (err.code !== code) throw new Error(`expected ${code}, got ${err.code}: ${err.message}`);
  return err;
}

export async function fundedCampaign(ledger: Ledger, campaignId: string, amount: number): Promise<void> {
  await ledger.fundProgram({ idempotencyKey: uniqueKey('fund'), amount, asOf: T0 });
  await ledger.openCampaignBudget({ idempotencyKey: uniqueKey('open'), campaignId, amount, asOf: T0 });
}

export function grantRequest(
  overrides: Partial<GrantCreditInput> & Pick<GrantCreditInput, 'campaignId' | 'customerId'>,
): GrantCreditInput {
  return {
    idempotencyKey: uniqueKey('grant'),
    amount: 1000,
    kind: 'cash',
    scope: { type: 'all' },
    stacking: 'stackable',
    expiresAt: at(30),
    asOf: T0,
    source: { reason: 'test' },
    ...overrides,
  };
}

export async function countRows(pool: Pool, table: string): Promise<number> {
  const r = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return fromDb(r.rows[0]?.n);
}

/** Writes-so-far fingerprint: proves a refused call wrote nothing. */
export async function writeCounts(pool: Pool): Promise<Record<string, number>> {
  const tables = [
    'ledger_transactions',
    'ledger_postings',
    'ledger_lots',
    'ledger_idempotency',
    'ledger_redemptions',
  ];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = await countRows(pool, t);
  return counts;
}

/** One invariant, checked straight in SQL: every row the query returns is a violation. */
export interface InvariantCheck {
  name: string;
  sql: string;
  describe(row: Record<string, unknown>): string;
}

/**
 * The ledger's invariants (the property test, the ledger tests and the chaos suite check these):
 * - every transaction's postings sum to zero, and so does the whole journal, per currency;
 * - every bounded account's balance column equals the sum of its postings and is never negative;
 * - each customer's wallet-leg postings sum to the balances of their lots, and every wallet posting names its customer.
 */
export const LEDGER_INVARIANTS: readonly InvariantCheck[] = [
  {
    name: 'transactions-zero-sum',
    sql: 'SELECT transaction_id, sum(amount) AS s FROM ledger_postings GROUP BY transaction_id HAVING sum(amount) <> 0',
    describe: (r) => `transaction ${r.transaction_id} sums to ${r.s}`,
  },
  {
    name: 'journal-zero-sum',
    sql: `SELECT a.currency, sum(p.amount) AS s FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
           GROUP BY a.currency HAVING sum(p.amount) <> 0`,
    describe: (r) => `journal sums to ${r.s} ${r.currency}`,
  },
  {
    name: 'balances-equal-postings',
    sql: `SELECT a.code, a.balance, coalesce(p.s, 0) AS s FROM ledger_accounts a
            LEFT JOIN (SELECT account_id, sum(amount) AS s FROM ledger_postings GROUP BY account_id) p
              ON p.account_id = a.id
           WHERE a.balance IS NOT NULL AND a.balance <> coalesce(p.s, 0)`,
    describe: (r) => `account ${r.code} balance ${r.balance} != postings ${r.s}`,
  },
  {
    name: 'no-negative-balance',
    sql: 'SELECT code, balance FROM ledger_accounts WHERE balance < 0',
    describe: (r) => `account ${r.code} is negative: ${r.balance}`,
  },
  {
    name: 'wallets-equal-lots',
    sql: `SELECT c.customer_id, c.legs, coalesce(l.lots, 0) AS lots
            FROM (SELECT p.customer_id, sum(p.amount) AS legs FROM ledger_postings p
                   JOIN ledger_accounts a ON a.id = p.account_id
                  WHERE p.customer_id IS NOT NULL AND a.kind = 'customer_lot' GROUP BY p.customer_id) c
            LEFT JOIN (SELECT l.customer_id, sum(a.balance) AS lots FROM ledger_lots l
                         JOIN ledger_accounts a ON a.id = l.account_id GROUP BY l.customer_id) l
              ON l.customer_id = c.customer_id
           WHERE c.legs <> coalesce(l.lots, 0)`,
    describe: (r) => `customer ${r.customer_id} statement ${r.legs} != lots ${r.lots}`,
  },
  {
    // Refunds never give back more than was redeemed, nor count more than the order; a completed refund gave back
    // exactly what was redeemed; the refunds counted add up to what the redemption says was given back.
    name: 'refunds-within-redemption',
    sql: `SELECT r.id, r.total, r.order_amount, r.refunded_amount, r.restored_amount, f.restored AS refunds
            FROM ledger_redemptions r
            LEFT JOIN (SELECT redemption_id, sum(restored_amount) AS restored, sum(refunded_amount) AS refunded
                         FROM ledger_redemption_refunds GROUP BY redemption_id) f ON f.redemption_id = r.id
           WHERE r.restored_amount > r.total OR r.refunded_amount > r.order_amount
              OR (r.reversal_transaction_id IS NOT NULL AND r.restored_amount <> r.total)
              OR (r.reversal_transaction_id IS NULL AND r.refunded_amount = r.order_amount)
              OR coalesce(f.restored, r.restored_amount) <> r.restored_amount
              OR coalesce(f.refunded, r.refunded_amount) <> r.refunded_amount`,
    describe: (r) =>
      `redemption ${r.id}: total ${r.total}, restored ${r.restored_amount} (refunds ${r.refunds}), ` +
      `refunded ${r.refunded_amount} of ${r.order_amount}`,
  },
  {
    // A campaign's points budget never issues more than its cap (the balance floor is no-negative-balance).
    name: 'points-budget-within-cap',
    sql: `SELECT * FROM (
            SELECT a.campaign_id, coalesce(sum(p.amount) FILTER (WHERE p.amount > 0), 0) AS cap,
                   coalesce(-sum(p.amount) FILTER (WHERE p.amount < 0), 0) AS drawn,
                   (SELECT coalesce(sum(original_points), 0) FROM ledger_point_lots l
                     WHERE l.campaign_id = a.campaign_id) AS earned
              FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account_id = a.id
             WHERE a.kind = 'points_budget' GROUP BY a.id, a.campaign_id) b
           WHERE b.drawn > b.cap OR b.earned > b.cap OR b.earned <> b.drawn`,
    describe: (r) =>
      `campaign ${r.campaign_id} earned ${r.earned} (drew ${r.drawn}) points with a budget of ${r.cap}`,
  },
  {
    // Points paid at checkout: the points and money legs say what the redemption says; refunds give back at most
    // that, the refund rows add up to it, and a completed refund gave back exactly the points and their value.
    name: 'points-payments-consistent',
    sql: `SELECT r.id, r.points_spent, r.points_value, r.points_restored, r.points_value_restored,
                 (SELECT coalesce(sum(p.amount), 0) FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
                   WHERE p.transaction_id = r.points_transaction_id AND a.kind = 'points_redeemed') AS legs,
                 (SELECT coalesce(sum(p.amount), 0) FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
                   WHERE p.transaction_id = r.points_value_transaction_id AND a.kind = 'points_expense') AS value_legs,
                 (SELECT coalesce(sum(f.points_restored), 0) FROM ledger_redemption_refunds f
                   WHERE f.redemption_id = r.id) AS refunds,
                 (SELECT coalesce(sum(f.points_value_restored), 0) FROM ledger_redemption_refunds f
                   WHERE f.redemption_id = r.id) AS value_refunds
            FROM ledger_redemptions r
           WHERE r.points_spent > 0
             AND ((SELECT coalesce(sum(p.amount), 0) FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
                    WHERE p.transaction_id = r.points_transaction_id AND a.kind = 'points_redeemed') <> r.points_spent
               OR (SELECT coalesce(sum(p.amount), 0) FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
                    WHERE p.transaction_id = r.points_value_transaction_id AND a.kind = 'points_expense')
                    <> r.points_value
               OR (SELECT coalesce(sum(f.points_restored), 0) FROM ledger_redemption_refunds f
                    WHERE f.redemption_id = r.id) <> r.points_restored
               OR (SELECT coalesce(sum(f.points_value_restored), 0) FROM ledger_redemption_refunds f
                    WHERE f.redemption_id = r.id) <> r.points_value_restored
               OR r.points_restored > r.points_spent OR r.points_value_restored > r.points_value
               OR (r.reversal_transaction_id IS NOT NULL
                   AND (r.points_restored <> r.points_spent OR r.points_value_restored <> r.points_value)))`,
    describe: (r) =>
      `redemption ${r.id}: ${r.points_spent} points (legs ${r.legs}) worth ${r.points_value} (legs ` +
      `${r.value_legs}), restored ${r.points_restored} (refunds ${r.refunds}) worth ${r.points_value_restored} ` +
      `(refunds ${r.value_refunds})`,
  },
  {
    name: 'wallet-postings-tagged',
    sql: `SELECT p.id FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
           WHERE a.kind IN ('customer_lot', 'points_lot') AND p.customer_id IS NULL`,
    describe: (r) => `wallet posting ${r.id} has no customer`,
  },
];

/** Every violation of LEDGER_INVARIANTS (an empty list when all hold). */
export async function invariantViolations(pool: Pool): Promise<string[]> {
  const problems: string[] = [];
  for (const check of LEDGER_INVARIANTS) {
    const rows = await pool.query<Record<string, unknown>>(check.sql);
    for (const r of rows.rows) problems.push(check.describe(r));
  }
  return problems;
}

/**
 * The harness drops a test database WITH (FORCE) right after pool.end(); a pooled connection still closing then gets
 * "terminating connection due to administrator command" (57P01) as an idle-client error. That one is expected.
 */
export function ignoreDropTermination(pool: Pool): void {
  pool.on('error', (err) => {
    if (pgErrorCode(err) !== '57P01') throw err;
  });
}

/** A test file's own migrated database and a Ledger over it, set up before its first test. */
export interface LedgerTestDatabase {
  readonly db: TestDatabase;
  readonly ledger: Ledger;
}

/**
 * Registers the file's beforeAll/afterAll: a fresh database (pool of `poolSize`), a Ledger on it, and at the end —
 * when `checkInvariants` — the assertion that the ledger's invariants hold over everything the file wrote.
 */
export function useLedgerDatabase(
  options: { poolSize?: number; checkInvariants?: boolean } = {},
): LedgerTestDatabase {
  let db: TestDatabase | undefined;
  let ledger: Ledger | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(options.poolSize);
    ignoreDropTermination(db.pool);
    ledger = new Ledger(db.pool);
  });
  afterAll(async () => {
    if (db && options.checkInvariants) expect(await invariantViolations(db.pool)).toEqual([]);
    await db?.drop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the ledger test database is set up in beforeAll');
    return value;
  };
  return {
    get db() {
      return ready(db);
    },
    get ledger() {
      return ready(ledger);
    },
  };
}
