import type { Db } from '../lib/transaction';
import { fromDb } from './money';

export type CreditKind = 'cash' | 'threshold' | 'rebate' | 'percent' | 'shipping' | 'gift';

/** Every kind, for views that total per kind. */
export const CREDIT_KINDS: readonly CreditKind[] = [
  'cash',
  'threshold',
  'rebate',
  'percent',
  'shipping',
  'gift',
];

/**
 * Single-use coupons: one redemption uses them up (threshold coupons forfeit value beyond the order to breakage;
 * percent, shipping and gift coupons give what their cap did not need back to the campaign budget). Cash and rebate credit
 * is divisible: it may pay for part of an order and keep the rest, and a partial refund gives back a share of it.
 */
export function isSingleUse(kind: CreditKind): boolean {
  return kind === 'threshold' || kind === 'percent' || kind === 'shipping' || kind === 'gift';
}
export type Stacking = 'stackable' | 'exclusive';
export type Scope = { type: 'all' } | { type: 'categories'; categories: string[] };

/** A credit lot as the redemption rules see it. */
export interface Lot {
  lotId: string;
  accountId: string;
  customerId: string;
  campaignId: string;
  kind: CreditKind;
  scope: Scope;
  stacking: Stacking;
  minOrderAmount: number | null;
  /** Percent coupons only: the discount rate in basis points (1000 = 10 % off). */
  percentBp: number | null;
  /** Gift items only (赠品): the catalog item (SKU) one unit of which the lot pays for; its value is the most it pays. */
  giftSku: string | null;
  original: number;
  remaining: number;
  expiresAt: Date | null;
  grantedAt: Date;
  revoked: boolean;
}

export interface LotRow {
  id: string;
  account_id: string;
  customer_id: string;
  campaign_id: string;
  kind: CreditKind;
  scope_categories: string[] | null;
  stacking: Stacking;
  min_order_amount: string | null;
  percent_bp: number | null;
  gift_sku: string | null;
  original_amount: string;
  balance: string;
  expires_at: Date | null;
  granted_at: Date;
  revoked_at: Date | null;
}

/** A lot's columns as read with its account (as `l` and `a`); ledger_wallet_lots (migration 1057) returns the same. */
export const LOT_COLUMNS = `l.id, l.account_id, l.customer_id, l.campaign_id, l.kind, l.scope_categories, l.stacking,
  l.min_order_amount, l.percent_bp, l.gift_sku, l.original_amount, a.balance, l.expires_at, l.granted_at, l.revoked_at`;

export function lotFromRow(row: LotRow): Lot {
  return {
    lotId: row.id,
    accountId: row.account_id,
    customerId: row.customer_id,
    campaignId: row.campaign_id,
    kind: row.kind,
    scope:
      row.scope_categories === null
        ? { type: 'all' }
        : { type: 'categories', categories: row.scope_categories },
    stacking: row.stacking,
    minOrderAmount: row.min_order_amount === null ? null : fromDb(row.min_order_amount),
    percentBp: row.percent_bp,
    giftSku: row.gift_sku,
    original: fromDb(row.original_amount),
    remaining: fromDb(row.balance),
    expiresAt: row.expires_at,
    grantedAt: row.granted_at,
    revoked: row.revoked_at !== null,
  };
}

/** Usable at `asOf`: not revoked, value left, and not yet expired (a lot expiring exactly at asOf is expired). */
export function isUsable(lot: Lot, asOf: Date): boolean {
  return !lot.revoked && lot.remaining > 0 && !isExpired(lot, asOf);
}

export function isExpired(lot: Pick<Lot, 'expiresAt'>, asOf: Date): boolean {
  return lot.expiresAt !== null && lot.expiresAt.getTime() <= asOf.getTime();
}

/**
 * The customer's lots that still hold value. With `lock`, their wallet accounts are locked in account-id order — the
 * single lock order of every redemption, so concurrent checkouts of one wallet queue instead of overdrawing.
 */
export async function customerLotsWithValue(client: Db, customerId: string, lock: boolean): Promise<Lot[]> {
  const rows = await client.query<LotRow>(
    `SELECT ${LOT_COLUMNS} FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE l.customer_id = $1 AND a.balance > 0
      ORDER BY a.id ${lock ? 'FOR UPDATE OF a' : ''}`,
    [customerId],
  );
  return rows.rows.map(lotFromRow);
}

export async function findLot(client: Db, lotId: string, lock: boolean): Promise<Lot | undefined> {
  const rows = await client.query<LotRow>(
    `SELECT ${LOT_COLUMNS} FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE l.id = $1 ${lock ? 'FOR UPDATE OF a, l' : ''}`,
    [lotId],
  );
  const row = rows.rows[0];
  return row ? lotFromRow(row) : undefined;
}

/** Redemption priority: soonest expiry first, never-expiring last, then oldest grant, then id (deterministic). */
export function byRedemptionPriority(a: Lot, b: Lot): number {
  const ea = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const eb = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ea !== eb) return ea < eb ? -1 : 1;
  const ga = a.grantedAt.getTime();
  const gb = b.grantedAt.getTime();
  if (ga !== gb) return ga < gb ? -1 : 1;
  return a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0;
}

export function scopeToDb(scope: Scope): string[] | null {
  return scope.type === 'all' ? null : [...new Set(scope.categories)].sort();
}
