import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { EXCLUDED_FAILURE_TYPE, EXCLUDED_OUTCOME } from '../../contracts/exclusivity';
import { isLedgerErrorCode, type LedgerErrorCode } from '../../contracts/ledger-error-codes';

/** A ledger refusal as workflow code sees it: a step ended for a business reason (budget spent…), not a bug. */
export interface LedgerRefusal {
  code: LedgerErrorCode;
  message: string;
}

/**
 * The one test for a ledger refusal in workflow code. Activities turn a LedgerError into a non-retryable
 * ApplicationFailure typed by its code (activities/failures.ts); the workflow receives it as the cause of an
 * ActivityFailure. Anything else (a retryable failure that ran out of attempts, a timeout, a failure of another type)
 * is not a refusal: undefined, and the caller rethrows it.
 */
export function ledgerRefusalOf(err: unknown): LedgerRefusal | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure && cause.nonRetryable && isLedgerErrorCode(cause.type)) {
    return { code: cause.type, message: cause.message };
  }
  return undefined;
}

/**
 * A grant's refusal: the ledger's, or exclusion (another campaign of the exclusivity group pays this customer, code
 * `excluded`). No history from before exclusivity holds an EXCLUDED failure, so recognising it changes no replay.
 */
export function grantRefusalOf(err: unknown): { code: string; message: string } | undefined {
  const ledger = ledgerRefusalOf(err);
  if (ledger) return ledger;
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure && cause.nonRetryable && cause.type === EXCLUDED_FAILURE_TYPE) {
    return { code: EXCLUDED_OUTCOME, message: cause.message };
  }
  return undefined;
}
