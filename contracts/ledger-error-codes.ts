/**
 * Every refusal the ledger can give: the one list of the error vocabulary. Each boundary maps all of it with a
 * `Record<LedgerErrorCode, …>`, so a code added here fails `tsc` until every boundary has decided what it means there:
 * - ledger/errors.ts: `LedgerError.code`, tested with `isLedgerError(err, ...codes)`;
 * - activities/failures.ts: a non-retryable ApplicationFailure whose `type` is the code;
 * - workflows/shared/refusals.ts: `ledgerRefusalOf(err)` recognises that failure in workflow code;
 * - api/platform/refusal-problems.ts: the HTTP status and problem type of each code.
 * It lives in contracts/ (pure, imports nothing) because workflow code may bundle it and must not import the ledger.
 */
export const LEDGER_ERROR_CODES = [
  'BUDGET_EXCEEDED',
  'INSUFFICIENT_BALANCE',
  'LOT_EXPIRED',
  'NOT_ELIGIBLE',
  'IDEMPOTENCY_CONFLICT',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CURRENCY_MISMATCH',
  'DAILY_CAP_REACHED',
  'ALREADY_REVERSED',
  'ALREADY_REVOKED',
  'ALREADY_REDEEMED',
  'LOT_IN_USE',
  'POINTS_BELOW_MINIMUM',
  'POINTS_ABOVE_MAXIMUM',
  'AMOUNT_OUT_OF_RANGE',
] as const;

export type LedgerErrorCode = (typeof LEDGER_ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(LEDGER_ERROR_CODES);

/** Whether a string from outside the type system (an ApplicationFailure's `type`) is a ledger error code. */
export function isLedgerErrorCode(value: unknown): value is LedgerErrorCode {
  return typeof value === 'string' && CODES.has(value);
}
