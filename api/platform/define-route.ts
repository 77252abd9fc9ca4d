import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Principal } from './authenticate';
import type { Role } from './roles';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Statuses a handler's success response may have (errors are thrown as ProblemError). */
export type SuccessStatus = 200 | 201 | 202 | 204;

/** What a handler receives: validated input (zod output types) and who is calling. */
export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** null only on public routes. */
  principal: Principal | null;
  /** Request-scoped logger (carries the request id). */
  log: Logger;
  requestId: string;
  /** The Idempotency-Key of this POST, if the client sent one; useful as the idempotency key of downstream work. */
  idempotencyKey: string | undefined;
}

/**
 * One operation, declared once: the platform derives routing, authentication, role checks, validation, idempotency,
 * metrics labels and the OpenAPI operation from it.
 */
export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express-style path, e.g. '/v1/campaigns/:id/launch'. */
  path: string;
  /** Stable, unique operation name for OpenAPI (camelCase), e.g. 'launchCampaign'. */
  operationId: string;
  summary: string;
  description?: string;
  /** OpenAPI tags; default: the module's name. */
  tags?: string[];
  /** 'public', or the roles that may call it (admin always may). */
  auth: 'public' | readonly Role[];
  request?: {
    /** Path parameters; default: every `:name` in the path as a string. */
    params?: P;
    /** Query parameters; values arrive as strings (whole numbers: DecimalInteger in ./routes/schemas). Default: none allowed. */
    query?: Q;
    /** JSON body. Default: no body (an empty object is tolerated). Top-level unknown fields are rejected. */
    body?: B;
  };
  response: {
    status: SuccessStatus;
    /** The handler's return value is parsed with it: fields it does not declare never leave the API. */
    schema?: R;
    description?: string;
  };
  /** Further problem statuses the handler may answer with (documented in OpenAPI), e.g. [404, 409, 422]. */
  problemStatuses?: number[];
  /**
   * How a response is stored for Idempotency-Key replays. Use it to drop secrets from what is kept (the stored copy
   * sits in Postgres for the key's lifetime); the first response is always sent unchanged.
   */
  storeForReplay?: (body: z.output<R>) => unknown;
  /**
   * Successful calls of every route but GET are written to the audit log (who changed what). `false` leaves out
   * high-volume customer traffic that the journal and the ledger record already (events, checkout, claims).
   * `'reads-too'` audits a GET as well: reads that disclose a customer's personal data (export, profile, search) are
   * recorded so a data-protection officer can answer "who looked at this person".
   */
  audit?: false | 'reads-too';
  handler: (ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R>>;
}

/** A route with its schema types erased, as modules hand them to the app. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteDefinition = RouteDefinition<any, any, any, any>;

/** A group of routes owned by one team (campaigns, events, wallet, ...). */
export interface ApiModule {
  /** Default OpenAPI tag of its routes, e.g. 'campaigns'. */
  name: string;
  description?: string;
  routes: readonly AnyRouteDefinition[];
}

/** Declares a route with full type inference of params, query, body and response from the schemas. */
export function defineRoute<
  P extends z.ZodType = z.ZodType<Record<string, string>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
  R extends z.ZodType = z.ZodType<void>,
>(definition: RouteDefinition<P, Q, B, R>): RouteDefinition<P, Q, B, R> {
  return definition;
}

export function defineModule(module: ApiModule): ApiModule {
  return module;
}
