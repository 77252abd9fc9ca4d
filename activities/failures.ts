import { ApplicationFailure } from '@temporalio/activity';
import { isLedgerError, type LedgerErrorCode } from '../ledger/errors';

/**
 * Whether retrying the activity could turn a ledger refusal into a success. None can: each code is a decision on the
 * request as sent (the budget is spent, the key was used for another request, the lot is gone). A code added to the
 * vocabulary must be decided here too (this Record fails `tsc` without it).
 */
export const RETRY_CAN_SUCCEED: Record<LedgerErrorCode, boolean> = {
  BUDGET_EXCEEDED: false,
  INSUFFICIENT_BALANCE: false,
  LOT_EXPIRED: false,
  NOT_ELIGIBLE: false,
  IDEMPOTENCY_CONFLICT: false,
  INVALID_INPUT: false,
  NOT_FOUND: false,
  CURRENCY_MISMATCH: false,
  DAILY_CAP_REACHED: false,
  ALREADY_REVERSED: false,
  ALREADY_REVOKED: false,
  ALREADY_REDEEMED: false,
  LOT_IN_USE: false,
  POINTS_BELOW_MINIMUM: false,
  POINTS_ABOVE_MAXIMUM: false,
  AMOUNT_OUT_OF_RANGE: false,
};

/**
 * Runs a ledger call as an activity body. A ledger refusal becomes an ApplicationFailure whose `type` is its code
 * (workflows read it with ledgerRefusalOf, workflows/shared/refusals.ts), non-retryable unless retrying can change
 * it; anything else (a lost connection, a serialization failure) propagates and Temporal retries it.
 */
export async function refusalsAsFailures<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isLedgerError(err)) {
      throw ApplicationFailure.create({
        message: err.message,
        type: err.code,
        nonRetryable: !RETRY_CAN_SUCCEED[err.code],
        details: err.details === undefined ? [] : [err.details],
      });
    }
    throw err;
  }
}
