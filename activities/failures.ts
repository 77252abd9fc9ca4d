import { ApplicationFailure } from '@temporalio/activity';

/** An error that carries a business code (LedgerError and friends). */
interface CodedError extends Error {
  code: string;
  details?: unknown;
}

function isCoded(err: unknown): err is CodedError {
  return err instanceof Error && typeof (err as Partial<CodedError>).code === 'string';
}

/**
 * Business refusals (budget exhausted, expired lot, idempotency conflict…) will not change on retry, so they become
 * non-retryable ApplicationFailures typed by their code; anything else (a lost connection) propagates and is retried.
 */
export async function refusalsAsFailures<T>(
  businessCodes: ReadonlySet<string>,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isCoded(err) && businessCodes.has(err.code)) {
      throw ApplicationFailure.create({
        message: err.message,
        type: err.code,
        nonRetryable: true,
        details: err.details === undefined ? [] : [err.details],
      });
    }
    throw err;
  }
}
