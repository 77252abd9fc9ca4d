/**
 * What a service refusal says about the request, independent of HTTP: the API maps every kind to a status with a
 * `Record<ServiceErrorKind, …>` (api/platform/refusal-problems.ts), so a new kind fails `tsc` until it is mapped.
 */
export const SERVICE_ERROR_KINDS = [
  /** The resource named by the request does not exist. */
  'not-found',
  /** The request clashes with the resource's state (already exists, already decided). */
  'conflict',
  /** Well-formed, but refused by a business rule; `code` says which. */
  'unprocessable',
  /** Malformed beyond the route's schema (e.g. a journey plugin's config); `issues` say where. */
  'invalid',
  /** Every slot of a bounded resource (e.g. the simulation environments) is taken; try again shortly. */
  'busy',
  /** Something the request needs cannot run on this server now (switched off, or failed to start). */
  'unavailable',
] as const;

export type ServiceErrorKind = (typeof SERVICE_ERROR_KINDS)[number];

/** One validation failure found by a service, located like a zod issue. */
export interface ServiceIssue {
  path: (string | number)[];
  message: string;
  code: string;
}

/** A zod issue's path as a ServiceIssue path (symbol keys, which JSON cannot carry, as their text). */
export function issuePath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'symbol' ? String(p) : p));
}

/**
 * A refusal of the application services. `code` (SCREAMING_SNAKE_CASE) names the rule; the API derives the problem
 * type from it (CAMPAIGN_EXISTS → campaign-exists).
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';

  /**
   * The same refusal with its issues under `prefix` where they were under `from` (e.g. an event's ['body', 'amount']
   * as ['body', 'timelines', 0, 'events', 2, 'event', 'amount'] when the event was a simulation's timeline entry).
   */
  locatedUnder(from: readonly (string | number)[], prefix: readonly (string | number)[]): ServiceError {
    const under = (path: readonly (string | number)[]) =>
      from.every((part, i) => path[i] === part) ? [...prefix, ...path.slice(from.length)] : [...path];
    return new ServiceError(
      this.kind,
      this.code,
      this.message,
      this.issues.map((issue) => ({ ...issue, path: under(issue.path) })),
      this.retryAfterSeconds,
      this.transient,
    );
  }

  constructor(
    readonly kind: ServiceErrorKind,
    readonly code: string,
    message: string,
    readonly issues: ServiceIssue[] = [],
    /** For `busy` and `unavailable`: when trying again makes sense. */
    readonly retryAfterSeconds?: number,
    /**
     * The refusal depends on the server's state at the moment (capacity, load), not on the request: an
     * Idempotency-Key replay must not repeat it. `busy` and `unavailable` always are.
     */
    readonly transient: boolean = kind === 'busy' || kind === 'unavailable',
  ) {
    super(message);
  }
}
