import { z } from 'zod';
import type { LedgerContext } from '../accounts';
import { LOT_COLUMNS, lotFromRow } from '../lots';
import { DAY_MS, instant, type Instant } from '../time';
import { identifier, parseInput } from '../validation';
import { toWalletLot, type WalletLot } from './wallet';

const schema = z.object({
  days: z.number().positive().max(3660),
  asOf: instant,
  customerId: identifier.optional(),
});

export type ExpiringLot = WalletLot & { customerId: string };

/** Live lots with value left that expire in (asOf, asOf + days]: what expiry reminders are sent for. */
export async function lotsExpiringWithin(
  ctx: LedgerContext,
  input: { days: number; asOf: Instant; customerId?: string },
): Promise<ExpiringLot[]> {
  const req = parseInput(schema, input, 'lotsExpiringWithin');
  const until = new Date(req.asOf.getTime() + req.days * DAY_MS);
  const rows = await ctx.pool.query(
    `SELECT ${LOT_COLUMNS} FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE l.expires_at > $1 AND l.expires_at <= $2 AND a.balance > 0 AND l.revoked_at IS NULL
        AND ($3::text IS NULL OR l.customer_id = $3)
      ORDER BY l.expires_at, l.id`,
    [req.asOf, until, req.customerId ?? null],
  );
  return rows.rows.map(lotFromRow).map((lot) => ({ ...toWalletLot(lot), customerId: lot.customerId }));
}
