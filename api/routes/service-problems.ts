import { ServiceError } from '../../services/errors';
import { ProblemError, problems } from '../platform/problem';

const LEDGER_STATUS: Record<string, 404 | 409 | 422> = {
  NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  ALREADY_REVERSED: 409,
  ALREADY_REVOKED: 409,
  ALREADY_REDEEMED: 409,
  BUDGET_EXCEEDED: 422,
  INSUFFICIENT_BALANCE: 422,
  LOT_EXPIRED: 422,
  NOT_ELIGIBLE: 422,
  CURRENCY_MISMATCH: 422,
  DAILY_CAP_REACHED: 422,
  LOT_IN_USE: 422,
  INVALID_INPUT: 422,
};

/** Maps refusals of the services and the ledger to problem+json; anything else stays a 500. */
export function asProblem(err: unknown): unknown {
  if (err instanceof ProblemError) return err;
  if (err instanceof ServiceError) {
    switch (err.kind) {
      case 'not-found':
        return problems.notFound(err.message);
      case 'conflict':
        return problems.conflict(err.message, err.code.toLowerCase().replace(/_/g, '-'));
      case 'unprocessable':
        return problems.unprocessable(err.message, err.code.toLowerCase().replace(/_/g, '-'));
      case 'invalid':
        return problems.validation(err.issues, err.message);
    }
  }
  const code = (err as { code?: unknown }).code;
  if (err instanceof Error && err.name === 'LedgerError' && typeof code === 'string' && LEDGER_STATUS[code]) {
    const type = code.toLowerCase().replace(/_/g, '-');
    const status = LEDGER_STATUS[code];
    if (status === 404) return problems.notFound(err.message);
    if (status === 409) return problems.conflict(err.message, type);
    return problems.unprocessable(err.message, type);
  }
  return err;
}

/** Runs a handler body, turning domain refusals into problems. */
export async function orProblem<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asProblem(err);
  }
}
