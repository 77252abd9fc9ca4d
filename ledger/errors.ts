import type { LedgerErrorCode } from '../contracts/ledger-error-codes';

export { LEDGER_ERROR_CODES, type LedgerErrorCode } from '../contracts/ledger-error-codes';

/** A refusal of the ledger. Callers branch on `code` (with isLedgerError); `details` carries what a UI or log needs. */
export class LedgerError<C extends LedgerErrorCode = LedgerErrorCode> extends Error {
  override readonly name = 'LedgerError';

  constructor(
    readonly code: C,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * The one test for a ledger refusal: any LedgerError, or only those with one of `codes`. Narrows `code` to them.
 * Checks the class, not a `code` property: a pg error has a `code` too ('23505'), and it is no refusal.
 */
export function isLedgerError<C extends LedgerErrorCode = LedgerErrorCode>(
  err: unknown,
  ...codes: C[]
): err is LedgerError<C> {
  return (
    err instanceof LedgerError && (codes.length === 0 || (codes as LedgerErrorCode[]).includes(err.code))
  );
}
