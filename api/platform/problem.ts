import type { Request, Response } from 'express';
import type { z } from 'zod';
import { narrowUnionIssues } from './union-issues';

/** Base of every problem `type` URI; the slug after it names the class of error (RFC 9457 §3.1.1). */
export const PROBLEM_TYPE_BASE = 'https://perkflow.dev/problems/';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One validation failure: where (location first: body, query, params, headers), what and zod's issue code. */
export interface ProblemIssue {
  path: (string | number)[];
  message: string;
  code: string;
}

/** The one error body of the API: RFC 9457 members plus `errors` (always present, empty unless validation failed). */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors: ProblemIssue[];
  requestId?: string;
  [extension: string]: unknown;
}

export interface ProblemInit {
  status: number;
  /** Slug appended to PROBLEM_TYPE_BASE, e.g. 'validation-failed'. */
  type: string;
  title: string;
  detail: string;
  errors?: ProblemIssue[];
  /** Extra members for the body (RFC 9457 §3.2), e.g. `{ checks }` of a failed health check. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Throw from a handler (or anywhere in the pipeline) to answer with a problem+json response. */
export class ProblemError extends Error {
  readonly init: ProblemInit;

  constructor(init: ProblemInit) {
    super(`${init.status} ${init.title}: ${init.detail}`);
    this.name = 'ProblemError';
    this.init = init;
  }

  get status(): number {
    return this.init.status;
  }
}

/** Ready-made problems for the common cases, so every route words them the same way. */
export const problems = {
  validation: (errors: ProblemIssue[], detail = 'The request does not match the schema of this operation.') =>
    new ProblemError({ status: 400, type: 'validation-failed', title: 'Invalid request', detail, errors }),
  /** The request matches the schema, but breaks a rule the schema cannot state (a refinement across fields). */
  ruleViolated: (errors: ProblemIssue[]) =>
    new ProblemError({
      status: 422,
      type: 'rule-violated',
      title: 'Unprocessable request',
      detail: 'The request matches the schema of this operation but breaks a rule stated in its description.',
      errors,
    }),
  malformedJson: () =>
    new ProblemError({
      status: 400,
      type: 'malformed-json',
      title: 'Malformed JSON',
      detail: 'The request body is not valid JSON (an object or an array is expected).',
    }),
  badRequest: (detail: string) =>
    new ProblemError({ status: 400, type: 'bad-request', title: 'Bad request', detail }),
  unsupportedMediaType: (detail = 'Send the request body as application/json.') =>
    new ProblemError({
      status: 415,
      type: 'unsupported-media-type',
      title: 'Unsupported media type',
      detail,
    }),
  payloadTooLarge: (limit: string) =>
    new ProblemError({
      status: 413,
      type: 'payload-too-large',
      title: 'Payload too large',
      detail: `The request body exceeds the limit of ${limit}.`,
    }),
  unauthenticated: (detail: string) =>
    new ProblemError({
      status: 401,
      type: 'unauthenticated',
      title: 'Unauthenticated',
      detail,
      headers: { 'WWW-Authenticate': 'Bearer realm="perkflow"' },
    }),
  forbidden: (detail: string) =>
    new ProblemError({ status: 403, type: 'forbidden', title: 'Forbidden', detail }),
  notFound: (detail: string) =>
    new ProblemError({ status: 404, type: 'not-found', title: 'Not found', detail }),
  methodNotAllowed: (allowed: string[]) =>
    new ProblemError({
      status: 405,
      type: 'method-not-allowed',
      title: 'Method not allowed',
      detail: `This resource supports ${allowed.join(', ')}.`,
      headers: { Allow: allowed.join(', ') },
    }),
  conflict: (detail: string, type = 'conflict') =>
    new ProblemError({ status: 409, type, title: 'Conflict', detail }),
  unprocessable: (detail: string, type = 'unprocessable', errors: ProblemIssue[] = []) =>
    new ProblemError({ status: 422, type, title: 'Unprocessable request', detail, errors }),
  rateLimited: (retryAfterSeconds: number) =>
    new ProblemError({
      status: 429,
      type: 'rate-limited',
      title: 'Too many requests',
      detail: `Rate limit exceeded; retry after ${retryAfterSeconds} s.`,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  /** Every slot of a bounded resource is taken (not the caller's rate: the server's capacity). */
  busy: (detail: string, type: string, retryAfterSeconds: number) =>
    new ProblemError({
      status: 429,
      type,
      title: 'Too many requests',
      detail,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  /** A feature this server cannot run now (switched off, or it failed to start); not a dependency outage. */
  switchedOff: (detail: string, type: string, retryAfterSeconds: number) =>
    new ProblemError({
      status: 503,
      type,
      title: 'Service unavailable',
      detail,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  unavailable: (dependency: string, retryAfterSeconds: number) =>
    new ProblemError({
      status: 503,
      type: 'unavailable',
      title: 'Service unavailable',
      detail: `A dependency (${dependency}) is unavailable or did not answer in time. Retry after ${retryAfterSeconds} s; repeating the request is safe.`,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  /** The journeys are behind: the request was not taken, so they catch up instead of falling further back. */
  overloaded: (detail: string, retryAfterSeconds: number) =>
    new ProblemError({
      status: 503,
      type: 'overloaded',
      title: 'Journeys are behind',
      detail: `${detail} Retry after ${retryAfterSeconds} s; repeating the request is safe.`,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  internal: () =>
    new ProblemError({
      status: 500,
      type: 'internal',
      title: 'Internal server error',
      detail: 'An unexpected error occurred. Quote the requestId when reporting it.',
    }),
};

/** zod issues → problem issues, with the request location in front of the path (a union's narrowed to its branch). */
export function issuesFrom(location: string, error: z.ZodError): ProblemIssue[] {
  return narrowUnionIssues(error.issues).map((issue) => ({
    path: [location, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
    message: issue.message,
    code: issue.code,
  }));
}

/** The path of the request without its query string, as the problem `instance`. */
export function instanceOf(req: Request): string {
  return req.originalUrl.split('?')[0] ?? req.originalUrl;
}

export function problemDocument(req: Request, init: ProblemInit): ProblemDocument {
  return {
    ...init.extensions,
    type: PROBLEM_TYPE_BASE + init.type,
    title: init.title,
    status: init.status,
    detail: init.detail,
    instance: instanceOf(req),
    errors: init.errors ?? [],
    ...(req.id !== undefined ? { requestId: String(req.id) } : {}),
  };
}

export function sendProblem(req: Request, res: Response, problem: ProblemError): void {
  const doc = problemDocument(req, problem.init);
  for (const [name, value] of Object.entries(problem.init.headers ?? {})) res.setHeader(name, value);
  res.status(doc.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(doc));
}
