import type { ErrorSchema } from '@rjsf/utils';
import type { components } from './schema';

/** RFC 9457 problem details: the one error format of the API. */
export type Problem = components['schemas']['Problem'];

/** A failed call, carrying the API's problem (or one made up for a network failure, with status 0). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.title}: ${problem.detail}`);
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).title === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

/** What an openapi-fetch call resolves to. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The call's data, or a ProblemError: screens handle one kind of failure whatever went wrong. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (err) {
    throw new ProblemError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: err instanceof Error ? err.message : String(err),
      instance: '',
      errors: [],
    });
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  if (isProblem(error)) throw new ProblemError(error);
  throw new ProblemError({
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: typeof error === 'string' ? error : `The API answered ${response.status}.`,
    instance: new URL(response.url).pathname,
    errors: [],
  });
}

export function problemOf(err: unknown): Problem {
  if (err instanceof ProblemError) return err.problem;
  return {
    type: 'about:blank',
    title: 'Unexpected error',
    status: 0,
    detail: err instanceof Error ? err.message : String(err),
    instance: '',
    errors: [],
  };
}

/**
 * The problem's issues in the body, as a form's error schema: ['body', 'config', 'amount'] becomes
 * { config: { amount: { __errors: [message] } } }, so each message shows on its field.
 */
export function bodyFieldErrors(problem: Problem): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of problem.errors) {
    if (issue.path[0] !== 'body') continue;
    let node = root;
    for (const part of issue.path.slice(1)) {
      const key = String(part);
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const errors = (node.__errors ??= []) as string[];
    errors.push(issue.message);
  }
  return root as ErrorSchema;
}
