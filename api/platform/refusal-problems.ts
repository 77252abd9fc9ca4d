import { isLedgerError, type LedgerErrorCode } from '../../ledger/errors';
import { ServiceError, type ServiceErrorKind } from '../../services/errors';
import { dependencyOutageOf, OUTAGE_RETRY_AFTER_SECONDS } from './dependency-outage';
import { ProblemError, problems } from './problem';

/** The statuses a domain refusal answers with: the resource is missing, clashes with its state, or a rule says no. */
export type RefusalStatus = 404 | 409 | 422;

/**
 * The HTTP status of every ledger refusal. The problem type is the code in kebab case (BUDGET_EXCEEDED →
 * budget-exceeded; 404 is always not-found). A code added to LEDGER_ERROR_CODES fails `tsc` here until it is mapped.
 */
export const LEDGER_REFUSAL_STATUS: Record<LedgerErrorCode, RefusalStatus> = {
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
  POINTS_BELOW_MINIMUM: 422,
  POINTS_ABOVE_MAXIMUM: 422,
  // A sum past the most an amount can be (a report over a long period of huge amounts): a smaller question fits.
  AMOUNT_OUT_OF_RANGE: 422,
  // The ledger re-validates what the route's schema let through (e.g. an order's lines exceed its amount).
  INVALID_INPUT: 422,
};

/** The problem of every kind of service refusal; a kind added to SERVICE_ERROR_KINDS fails `tsc` until mapped. */
export const SERVICE_ERROR_PROBLEMS: Record<ServiceErrorKind, (err: ServiceError) => ProblemError> = {
  'not-found': (err) => problems.notFound(err.message),
  conflict: (err) => problems.conflict(err.message, problemTypeOf(err.code)),
  unprocessable: (err) => problems.unprocessable(err.message, problemTypeOf(err.code), err.issues),
  invalid: (err) => problems.validation(err.issues, err.message),
  busy: (err) => problems.busy(err.message, problemTypeOf(err.code), err.retryAfterSeconds ?? 5),
  unavailable: (err) =>
    problems.switchedOff(err.message, problemTypeOf(err.code), err.retryAfterSeconds ?? 30),
};

const PROBLEM_BY_STATUS: Record<RefusalStatus, (detail: string, type: string) => ProblemError> = {
  404: (detail) => problems.notFound(detail),
  409: (detail, type) => problems.conflict(detail, type),
  422: (detail, type) => problems.unprocessable(detail, type),
};

/**
 * A ledger refusal's message, plus what its input check found (`details.issues`: the ledger's own input, which is
 * not the request body path for path, so it is told in words rather than as located `errors`).
 */
function ledgerDetail(err: { code: string; message: string; details?: Record<string, unknown> }): string {
  // "quoteRedemption: invalid input" names a function of ours, which means nothing to the client.
  const message =
    err.code === 'INVALID_INPUT' ? err.message.replace(/^\w+: (?=invalid input)/, '') : err.message;
  const issues = err.details?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return message;
  const told = issues
    .slice(0, 5)
    .map((i: { path?: unknown; message?: unknown }) =>
      typeof i.path === 'string' && i.path !== '' ? `${i.path}: ${String(i.message)}` : String(i.message),
    );
  return `${message} (${told.join('; ')}${issues.length > 5 ? '; …' : ''})`;
}

/** SCREAMING_SNAKE_CASE code → problem type slug (ALREADY_DECIDED → already-decided). */
function problemTypeOf(code: string): string {
  return code.toLowerCase().replace(/_/g, '-');
}

/**
 * The problem a handler's error answers with: a ProblemError as it is, a ledger or service refusal mapped above, 503
 * for an unavailable dependency, or null for anything else (a fault: the error handler answers 500 and logs it). Applied once, by the route mounting
 * (mount-route.ts), so no handler needs a wrapper to turn refusals into 4xx.
 */
export function asProblem(err: unknown): ProblemError | null {
  if (err instanceof ProblemError) return err;
  if (err instanceof ServiceError) return SERVICE_ERROR_PROBLEMS[err.kind](err);
  if (isLedgerError(err))
    return PROBLEM_BY_STATUS[LEDGER_REFUSAL_STATUS[err.code]](ledgerDetail(err), problemTypeOf(err.code));
  const outage = dependencyOutageOf(err);
  if (outage) return problems.unavailable(outage, OUTAGE_RETRY_AFTER_SECONDS);
  return null;
}
