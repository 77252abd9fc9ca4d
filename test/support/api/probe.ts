import type { Response } from 'supertest';
import type { HttpMethod } from '../../../api/platform/define-route';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '../../../api/platform/problem';
import type { TestApi } from './test-api';

/** One concrete request to a route, as the test helpers send it. */
export interface RouteProbe {
  method: HttpMethod;
  /** Concrete path, e.g. '/v1/api-keys/key_…/revoke'. */
  path: string;
  /** JSON body, sent when defined. */
  body?: unknown;
  headers?: Record<string, string>;
}

export function send(api: TestApi, probe: RouteProbe, headers: Record<string, string> = {}) {
  let req = api.http()[probe.method](probe.path);
  for (const [name, value] of Object.entries({ ...probe.headers, ...headers })) req = req.set(name, value);
  return probe.body === undefined ? req : req.send(probe.body as object);
}

/** Why `res` is not a well-formed problem+json response with this status, or null when it is. */
export function problemDefect(res: Response, status?: number): string | null {
  if (status !== undefined && res.status !== status) return `status ${res.status}, expected ${status}`;
  if (!String(res.headers['content-type'] ?? '').startsWith(PROBLEM_CONTENT_TYPE)) {
    return `content-type ${res.headers['content-type']}, expected ${PROBLEM_CONTENT_TYPE}`;
  }
  const body = JSON.parse(res.text) as Record<string, unknown>;
  if (typeof body.type !== 'string' || !body.type.startsWith(PROBLEM_TYPE_BASE))
    return `type ${String(body.type)}`;
  if (body.status !== res.status) return `body.status ${String(body.status)} ≠ ${res.status}`;
  for (const member of ['title', 'detail', 'instance'] as const) {
    if (typeof body[member] !== 'string' || body[member] === '') return `missing ${member}`;
  }
  if (!Array.isArray(body.errors)) return 'missing errors array';
  return null;
}

/** Jest assertion: a problem+json response with this status; returns the parsed body. */
export function expectProblem(res: Response, status: number, typeSlug?: string): Record<string, unknown> {
  expect({ defect: problemDefect(res, status), text: res.text }).toEqual({ defect: null, text: res.text });
  const body = JSON.parse(res.text) as Record<string, unknown>;
  if (typeSlug !== undefined) expect(body.type).toBe(PROBLEM_TYPE_BASE + typeSlug);
  return body;
}
