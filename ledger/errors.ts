/** Every refusal the ledger can give. Callers branch on `code`; `details` carries what a UI or log needs. */
export type LedgerErrorCode =
  | 'BUDGET_EXCEEDED'
  | 'INSUFFICIENT_BALANCE'
  | 'LOT_EXPIRED'
  | 'NOT_ELIGIBLE'
  | 'IDEMPOTENCY_CONFLICT'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CURRENCY_MISMATCH'
  | 'DAILY_CAP_REACHED'
  | 'ALREADY_REVERSED'
  | 'ALREADY_REVOKED'
  | 'ALREADY_REDEEMED'
  | 'LOT_IN_USE';

export class LedgerError extends Error {
  override readonly name = 'LedgerError';

  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function isLedgerError(err: unknown, code?: LedgerErrorCode): err is LedgerError {
  return err instanceof LedgerError && (code === undefined || err.code === code);
}
