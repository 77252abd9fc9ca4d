import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { AuditLogStore } from '../../stores/audit-log';
import type { IdempotencyStore, StoredResponse } from '../../stores/idempotency';
import { authorize, principalOf, type Principal } from './authenticate';
import type { AnyRouteDefinition } from './define-route';
import { IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER, requestFingerprint } from './idempotency';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemError,
  instanceOf,
  issuesFrom,
  problemDocument,
  problems,
  type ProblemIssue,
} from './problem';
import { checkJsonBody } from './json-body';
import { asProblem } from './refusal-problems';
import { ServiceError } from '../../services/errors';
import { IdempotencyKeySchema, isRuleIssue, requestSchemasOf } from './request-schemas';

export interface RoutePlatform {
  idempotency: IdempotencyStore;
  audit: AuditLogStore;
  /** Largest JSON body accepted, in body-parser notation ('100kb'). */
  bodyLimit: string;
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/** res.locals key holding the route template, the `route` label of the HTTP metrics. */
export const ROUTE_LABEL = 'routeLabel';

interface ValidatedInput {
  params: unknown;
  query: unknown;
  body: unknown;
  idempotencyKey: string | undefined;
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Runs every schema and reports all issues at once, so a client fixes its request in one round trip. */
function validate(route: AnyRouteDefinition, req: Request): ValidatedInput {
  const schemas = requestSchemasOf(route);
  const issues: ProblemIssue[] = [];
  let breaksSchema = false;
  const check = (location: string, schema: z.ZodType, value: unknown): unknown => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    issues.push(...issuesFrom(location, result.error));
    if (!result.error.issues.every(isRuleIssue)) breaksSchema = true;
    return undefined;
  };
  const params = check('params', schemas.params, { ...req.params });
  const rawQuery = { ...(req.query as Record<string, unknown>) };
  const query = check('query', schemas.query, rawQuery);
  // No query parameter takes a list: one given twice (?email=a&email=b) is said so, not as its schema's complaint
  // about an array ("Too small: expected array to have >=3 items").
  for (const [name, value] of Object.entries(rawQuery)) {
    if (!Array.isArray(value)) continue;
    const others = issues.filter((issue) => !(issue.path[0] === 'query' && issue.path[1] === name));
    issues.splice(0, issues.length, ...others, {
      path: ['query', name],
      message: 'given more than once; give it once',
      code: 'invalid_type',
    });
    breaksSchema = true;
  }
  const body = check('body', schemas.body, req.body);
  let idempotencyKey: string | undefined;
  const rawKey = req.headers[IDEMPOTENCY_KEY_HEADER];
  if (route.method === 'post' && rawKey !== undefined) {
    idempotencyKey = check('headers', IdempotencyKeySchema, rawKey) as string | undefined;
    for (const issue of issues)
      if (issue.path[0] === 'headers') issue.path = ['headers', IDEMPOTENCY_KEY_HEADER];
  }
  if (issues.length > 0) throw breaksSchema ? problems.validation(issues) : problems.ruleViolated(issues);
  return { params, query, body, idempotencyKey };
}

/** The handler's outcome as bytes: what is sent now and what an Idempotency-Key replay will send. */
interface Outcome {
  sent: StoredResponse;
  stored: StoredResponse;
  headers: Record<string, string>;
}

async function runHandler(
  route: AnyRouteDefinition,
  req: Request,
  input: ValidatedInput,
  principal: Principal | null,
): Promise<Outcome> {
  try {
    const result = await route.handler({
      params: input.params,
      query: input.query,
      body: input.body,
      principal,
      log: req.log,
      requestId: String(req.id),
      idempotencyKey: input.idempotencyKey,
    });
    const status = route.response.status;
    if (!route.response.schema || status === 204) {
      const empty = { status, contentType: 'application/json', body: '' };
      return { sent: empty, stored: empty, headers: {} };
    }
    const parsed = route.response.schema.safeParse(result);
    if (!parsed.success) {
      // A handler bug, not a client error: log where the response broke its contract (paths only, no values).
      req.log.error(
        {
          operationId: route.operationId,
          issues: parsed.error.issues.map((i: z.core.$ZodIssue) => ({ path: i.path, code: i.code })),
        },
        'response does not match its schema',
      );
      throw problems.internal();
    }
    const body = JSON.stringify(parsed.data);
    const storedBody = route.storeForReplay ? JSON.stringify(route.storeForReplay(parsed.data)) : body;
    return {
      sent: { status, contentType: 'application/json', body },
      stored: { status, contentType: 'application/json', body: storedBody },
      headers: {},
    };
  } catch (err) {
    // Every handler's refusals (ProblemError, LedgerError, ServiceError) become problems here, so none needs a wrapper.
    // A 4xx is the request's outcome (Stripe keeps those too); 5xx and unknown errors stay errors (500, logged).
    const problem = asProblem(err);
    // A refusal of the moment (every simulation environment busy, a run past its wall-clock bound) is answered but
    // not kept: the retry its Retry-After invites, with the same Idempotency-Key, must run again.
    if (problem && err instanceof ServiceError && err.transient) throw problem;
    if (problem && problem.status < 500) {
      const response = { status: problem.status, contentType: PROBLEM_CONTENT_TYPE, body: '' };
      response.body = JSON.stringify(problemDocument(req, problem.init));
      return { sent: response, stored: response, headers: problem.init.headers ?? {} };
    }
    // A 5xx a service chose (a feature switched off or unable to start) is answered as mapped, not stored for replays.
    if (problem && err instanceof ServiceError) throw problem;
    throw err;
  }
}

function send(res: Response, response: StoredResponse, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(response.status);
  if (response.body === '') {
    res.end();
    return;
  }
  res.type(response.contentType).send(response.body);
}

/**
 * Writes a successful state change to the audit log. After the fact and apart from the change's own transaction: a
 * failed write is logged and the caller still gets its answer (the change happened; refusing it now would lie).
 */
async function audit(
  platform: RoutePlatform,
  route: AnyRouteDefinition,
  req: Request,
  principal: Principal | null,
  outcome: Outcome,
): Promise<void> {
  const audited = route.method === 'get' ? route.audit === 'reads-too' : route.audit !== false;
  if (!audited || principal === null || outcome.sent.status >= 400) return;
  await platform.audit
    .record({
      actorKeyId: principal.keyId,
      actorName: principal.name,
      operationId: route.operationId,
      method: route.method.toUpperCase(),
      resource: instanceOf(req),
      status: outcome.sent.status,
      requestId: String(req.id),
    })
    .catch((err: unknown) =>
      req.log.error({ err, operationId: route.operationId }, 'could not write the audit log'),
    );
}

/** The request pipeline of one declared route: auth → content type → JSON → validation → idempotency → handler. */
export function routeHandlers(route: AnyRouteDefinition, platform: RoutePlatform): RequestHandler[] {
  const parseJson = express.json({ limit: platform.bodyLimit, strict: true, type: JSON_TYPES });

  const label: RequestHandler = (_req, res, next) => {
    res.locals[ROUTE_LABEL] = route.path;
    next();
  };

  const checkAccess: RequestHandler = (_req, res, next) => {
    if (route.auth !== 'public') authorize(res, route.auth);
    next();
  };

  const readBody: RequestHandler = (req, res, next) => {
    if (!hasBody(req)) {
      req.body = undefined;
      next();
      return;
    }
    if (!req.is(JSON_TYPES)) throw problems.unsupportedMediaType();
    parseJson(req, res, next);
  };

  const execute = async (req: Request, res: Response, _next: NextFunction): Promise<void> => {
    const input = validate(route, req);
    const principal = principalOf(res);
    if (route.auth !== 'public' && principal === null) throw problems.unauthenticated('No valid API key.');

    // Idempotency needs an owner to scope keys to; on public routes the header is ignored.
    if (route.method !== 'post' || input.idempotencyKey === undefined || principal === null) {
      const outcome = await runHandler(route, req, input, principal);
      await audit(platform, route, req, principal, outcome);
      send(res, outcome.sent, outcome.headers);
      return;
    }

    const key = input.idempotencyKey;
    const ownerId = principal.keyId;
    const path = instanceOf(req);
    const begun = await platform.idempotency.begin({
      ownerId,
      key,
      method: 'POST',
      path,
      requestHash: requestFingerprint({ method: 'POST', path, ownerId, query: req.query, body: req.body }),
    });
    switch (begun.kind) {
      case 'replay':
        send(res, begun.response, { [REPLAYED_HEADER]: 'true' });
        return;
      case 'mismatch':
        throw problems.conflict(
          'This Idempotency-Key was already used with a different request (method, path or body). ' +
            'Use a new key for a new request.',
          'idempotency-key-reused',
        );
      case 'in-progress':
        throw new ProblemError({
          status: 409,
          type: 'idempotency-in-progress',
          title: 'Request in progress',
          detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
          headers: { 'Retry-After': '1' },
        });
      case 'started':
        break;
    }

    let outcome: Outcome;
    try {
      outcome = await runHandler(route, req, input, principal);
    } catch (err) {
      // Unexpected failure: forget the claim so the client's retry with the same key runs the request again.
      await platform.idempotency.release(ownerId, key, begun.claim).catch((releaseErr: unknown) => {
        req.log.error({ err: releaseErr }, 'could not release idempotency key');
      });
      throw err;
    }
    try {
      // With the claim: a request that outlived the lock timeout and was taken over must not overwrite the newer one.
      await platform.idempotency.complete(ownerId, key, outcome.stored, begun.claim);
    } catch (err) {
      // The work is done; the client still gets its answer. The claim expires via the lock timeout.
      req.log.error({ err }, 'could not store idempotent response');
    }
    await audit(platform, route, req, principal, outcome);
    send(res, outcome.sent, outcome.headers);
  };

  return [label, checkAccess, readBody, checkJsonBody, execute];
}
