import type { LedgerContext } from './accounts';
import { LedgerError } from './errors';

/** Requests may name their currency; it must be the ledger's one (amounts are never converted). */
export function assertCurrency(ctx: LedgerContext, requested: string | undefined): void {
  if (requested !== undefined && requested !== ctx.currency) {
    throw new LedgerError('CURRENCY_MISMATCH', `this ledger keeps ${ctx.currency}, not ${requested}`, {
      ledgerCurrency: ctx.currency,
      requested,
    });
  }
}
