import { z } from 'zod';
import type { LedgerContext } from '../accounts';
import { LedgerError } from '../errors';
import { fromDb } from '../money';
import { identifier, parseInput } from '../validation';

export interface StatementEntry {
  transactionId: string;
  type: string;
  /** Signed, from the wallet's side: + credit in (grant, refund), − credit out (redeem, expiry, revocation). */
  amount: number;
  lotId: string;
  occurredAt: string;
  memo: string | null;
}

export interface Statement {
  entries: StatementEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const optionsSchema = z.object({
  limit: z.number().int().min(1).max(500),
  cursor: z.string().min(1).optional(),
});

interface Cursor {
  at: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** The largest posting id Postgres' bigint holds: a larger one in a forged cursor would fail the query. */
const MAX_POSTING_ID = 9_223_372_036_854_775_807n;

/**
 * A cursor this function handed out: a posting id in bigint range and the instant exactly as toISOString wrote it
 * (a forged date such as February 30th parses in JavaScript but not in Postgres).
 */
function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof c.at === 'string' &&
      typeof c.id === 'string' &&
      /^\d{1,19}$/.test(c.id) &&
      BigInt(c.id) <= MAX_POSTING_ID &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(c.at) &&
      !Number.isNaN(Date.parse(c.at)) &&
      new Date(c.at).toISOString() === c.at
    ) {
      return { at: c.at, id: c.id };
    }
  } catch {
    // fall through
  }
  throw new LedgerError('INVALID_INPUT', 'statement: invalid cursor');
}

/**
 * The customer's credit history, newest first (by business time, then posting order), keyset-paginated on
 * (occurred_at, posting id): stable under concurrent writes, no OFFSET scans.
 */
export async function statement(
  ctx: LedgerContext,
  customerId: string,
  options: { limit: number; cursor?: string },
): Promise<Statement> {
  const id = parseInput(identifier, customerId, 'statement');
  const opts = parseInput(optionsSchema, options, 'statement');
  const cursor = opts.cursor ? decodeCursor(opts.cursor) : null;
  const rows = await ctx.pool.query<{
    id: string;
    transaction_id: string;
    type: string;
    amount: string;
    lot_id: string;
    occurred_at: Date;
    memo: string | null;
  }>(
    `SELECT p.id, p.transaction_id, t.type, p.amount, p.lot_id, p.occurred_at, t.memo
       FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
      WHERE p.customer_id = $1 AND t.type IN ('grant', 'redeem', 'reverse', 'revoke', 'expire')
        AND ($2::timestamptz IS NULL OR (p.occurred_at, p.id) < ($2::timestamptz, $3::bigint))
      ORDER BY p.occurred_at DESC, p.id DESC
      LIMIT $4`,
    [id, cursor?.at ?? null, cursor?.id ?? null, opts.limit + 1],
  );
  const page = rows.rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => ({
      transactionId: r.transaction_id,
      type: r.type,
      amount: fromDb(r.amount),
      lotId: r.lot_id,
      occurredAt: r.occurred_at.toISOString(),
      memo: r.memo,
    })),
    nextCursor:
      rows.rows.length > opts.limit && last
        ? encodeCursor({ at: last.occurred_at.toISOString(), id: last.id })
        : null,
  };
}
