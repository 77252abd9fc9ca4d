import type { ErrorRequestHandler, RequestHandler } from 'express';
import { dependencyOutageOf, OUTAGE_RETRY_AFTER_SECONDS } from './dependency-outage';
import { ProblemError, problems, sendProblem } from './problem';

/** What body-parser and http-errors attach to the errors they throw. */
interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/** Maps errors raised before a handler runs (body parsing, URL decoding) to client problems. */
function clientProblemOf(err: unknown, bodyLimit: string): ProblemError | null {
  if (err instanceof ProblemError) return err;
  if (typeof err !== 'object' || err === null) return null;
  const e = err as HttpishError;
  switch (e.type) {
    case 'entity.parse.failed':
      return problems.malformedJson();
    case 'entity.too.large':
      return problems.payloadTooLarge(bodyLimit);
    case 'encoding.unsupported':
      return problems.unsupportedMediaType('Unsupported Content-Encoding; send identity, gzip or deflate.');
    case 'charset.unsupported':
      return problems.unsupportedMediaType('Unsupported charset; send the JSON body as UTF-8.');
    case 'request.aborted':
    case 'request.size.invalid':
      return problems.badRequest(
        'The request body was incomplete or its length did not match Content-Length.',
      );
  }
  if (err instanceof URIError) {
    // The router could not percent-decode a path parameter.
    return problems.badRequest('A path segment is not valid percent-encoding.');
  }
  const status = e.status ?? e.statusCode;
  if (e.expose === true && typeof status === 'number' && status >= 400 && status < 500) {
    return new ProblemError({
      status,
      type: 'bad-request',
      title: 'Bad request',
      detail: 'The request is malformed.',
    });
  }
  return null;
}

/** Every unknown path answers 404 problem+json. */
export const notFound: RequestHandler = (req) => {
  throw problems.notFound(`No operation ${req.method} ${req.path}; see /openapi.json for what exists.`);
};

/** The last handler: problems as they are, everything else as an opaque 500 (details go to the log only). */
export function errorHandler(bodyLimit: string): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = clientProblemOf(err, bodyLimit);
    if (res.headersSent) {
      req.log.error({ err }, 'error after the response started');
      res.end();
      return;
    }
    if (problem && problem.status < 500) {
      sendProblem(req, res, problem);
      return;
    }
    if (problem) {
      // A 5xx we chose (e.g. 503 from health): expected, no stack trace needed.
      sendProblem(req, res, problem);
      return;
    }
    // A dependency down or past its deadline (auth's key lookup, the idempotency claim, a handler's call): 503.
    const outage = dependencyOutageOf(err);
    if (outage) {
      req.log.warn(
        { dependency: outage, err: err instanceof Error ? err.message : String(err) },
        'dependency unavailable',
      );
      sendProblem(req, res, problems.unavailable(outage, OUTAGE_RETRY_AFTER_SECONDS));
      return;
    }
    // pino-http logs the request line with this error attached.
    res.err = err instanceof Error ? err : new Error(String(err));
    sendProblem(req, res, problems.internal());
  };
}
