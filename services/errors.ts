/**
 * A refusal of the application services, independent of HTTP: the API maps `kind` to a status
 * (not-found → 404, conflict → 409, unprocessable → 422, invalid → 400 with issues).
 */
export class ServiceError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'unprocessable' | 'invalid',
    readonly code: string,
    message: string,
    readonly issues: { path: (string | number)[]; message: string; code: string }[] = [],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
