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

function toExpiringLot(row: Parameters<typeof lotFromRow>[0]): ExpiringLot {
  const lot = lotFromRow(row);
  return { ...toWalletLot(lot), customerId: lot.customerId };
}

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
  return rows.rows.map(toExpiringLot);
}

const windowPageSchema = z.object({
  days: z.number().positive().max(3660),
  asOf: instant,
  /** Only these campaigns' lots; empty or absent = every campaign. */
  campaignIds: z.array(identifier).max(1000).optional(),
  after: z.object({ expiresAt: instant, lotId: z.uuid() }).nullable(),
  limit: z.number().int().min(1).max(500),
});

export interface ExpiryWindowPage {
  lots: ExpiringLot[];
  /** Pass back as `after` for the next page; null on the last page. */
  next: { expiresAt: string; lotId: string } | null;
}

/**
 * One page of the live lots with value left that expire in (asOf, asOf + days], soonest first, optionally for some
 * campaigns only: how a reminder sweep walks its window without any single result growing with the campaign.
 * Keyset-paged on (expires_at, id); each page seeks into the expiry index at the cursor.
 */
export async function lotsInExpiryWindow(
  ctx: LedgerContext,
  input: z.input<typeof windowPageSchema>,
): Promise<ExpiryWindowPage> {
  const req = parseInput(windowPageSchema, input, 'lotsInExpiryWindow');
  const until = new Date(req.asOf.getTime() + req.days * DAY_MS);
  const rows = await ctx.pool.query(
    `SELECT ${LOT_COLUMNS} FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE l.expires_at > $1 AND l.expires_at <= $2 AND a.balance > 0 AND l.revoked_at IS NULL
        AND (cardinality($3::text[]) = 0 OR l.campaign_id = ANY ($3::text[]))
        AND l.expires_at >= coalesce($4::timestamptz, $1)
        AND ($4::timestamptz IS NULL OR (l.expires_at, l.id) > ($4, $5::uuid))
      ORDER BY l.expires_at, l.id
      LIMIT $6`,
    [
      req.asOf,
      until,
      req.campaignIds ?? [],
      req.after?.expiresAt ?? null,
      req.after?.lotId ?? null,
      req.limit,
    ],
  );
  const lots = rows.rows.map(toExpiringLot);
  const last = lots[lots.length - 1];
  return {
    lots,
    next:
      lots.length === req.limit && last?.expiresAt ? { expiresAt: last.expiresAt, lotId: last.lotId } : null,
  };
}
