import type { LedgerContext } from '../accounts';
import {
  CREDIT_KINDS,
  LOT_COLUMNS,
  isUsable,
  lotFromRow,
  byRedemptionPriority,
  type CreditKind,
  type Lot,
} from '../lots';
import { instant, iso, type Instant } from '../time';
import { totalOf } from '../money';
import { identifier, parseInput } from '../validation';

export interface WalletLot {
  lotId: string;
  kind: CreditKind;
  remaining: number;
  original: number;
  expiresAt: string | null;
  scope: Lot['scope'];
  stacking: Lot['stacking'];
  minOrderAmount: number | null;
  /** Percent coupons: the rate in basis points; their `remaining` is the most they may still take off. */
  percentBp: number | null;
  /** Gift items: the SKU one unit of which the lot pays for. */
  giftSku: string | null;
  campaignId: string;
}

export interface Wallet {
  customerId: string;
  currency: string;
  balance: number;
  byKind: Record<CreditKind, number>;
  /** Usable lots in redemption order (soonest expiry first). */
  lots: WalletLot[];
}

export function toWalletLot(lot: Lot): WalletLot {
  return {
    lotId: lot.lotId,
    kind: lot.kind,
    remaining: lot.remaining,
    original: lot.original,
    expiresAt: iso(lot.expiresAt),
    scope: lot.scope,
    stacking: lot.stacking,
    minOrderAmount: lot.minOrderAmount,
    percentBp: lot.percentBp,
    giftSku: lot.giftSku,
    campaignId: lot.campaignId,
  };
}

/** What the customer can spend at asOf: lots past expiry count as gone even before the sweep has moved them. */
export async function wallet(ctx: LedgerContext, customerId: string, asOf: Instant): Promise<Wallet> {
  const id = parseInput(identifier, customerId, 'wallet');
  const at = parseInput(instant, asOf, 'wallet');
  const rows = await ctx.pool.query(
    `SELECT ${LOT_COLUMNS} FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
      WHERE l.customer_id = $1 AND a.balance > 0`,
    [id],
  );
  const lots = rows.rows
    .map(lotFromRow)
    .filter((l) => isUsable(l, at))
    .sort(byRedemptionPriority);
  const byKind = Object.fromEntries(CREDIT_KINDS.map((k) => [k, 0])) as Record<CreditKind, number>;
  for (const lot of lots) byKind[lot.kind] += lot.remaining;
  return {
    customerId: id,
    currency: ctx.currency,
    balance: totalOf(
      lots.map((l) => l.remaining),
      'the wallet balance',
    ),
    byKind,
    lots: lots.map(toWalletLot),
  };
}
