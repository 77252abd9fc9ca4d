import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { HttpMethod } from '../../../api/platform/define-route';
import type { Role } from '../../../api/platform/roles';
import { problemDefect } from './probe';
import type { TestApi } from './test-api';

export interface FuzzTarget {
  method: HttpMethod;
  /** Express-style template: each `:name` is replaced with random text on every run. */
  path: string;
}

export interface FuzzOptions {
  runs: number;
  /** Must be deep-equal before and after every request (e.g. row counts): bad input writes nothing. */
  snapshot: () => Promise<unknown>;
  /** The role of the key sent when auth is not the defect; default admin, so requests reach validation. */
  role?: Role;
  /** The app's body limit in bytes (default 100 kB), to build oversized bodies. */
  bodyLimitBytes?: number;
  seed?: number;
}

/** Printable ASCII only: Node refuses other bytes in headers before they reach the server. */
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

/** Random path segments, including ones Express cannot decode. */
const pathSegment = fc.oneof(
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '%2F', 'key_', 'key_0123456789abcdef012', '0', '-1', 'null'),
);

/**
 * Something that makes the request invalid on its own, so no run may succeed. Every request gets at least one; the
 * rest of the request (path parameters, extra headers) is random noise on top.
 */
type Defect =
  | { kind: 'malformed-json'; text: string }
  | { kind: 'wrong-content-type'; contentType: string; text: string }
  | { kind: 'unknown-field'; body: unknown }
  | { kind: 'wrong-shape'; body: unknown }
  | { kind: 'unknown-query'; name: string; value: string }
  | { kind: 'oversized' }
  | { kind: 'bad-auth'; header: [string, string] | null }
  | { kind: 'bad-idempotency-key'; value: string };

const defect = (method: HttpMethod): fc.Arbitrary<Defect> =>
  fc.oneof(
    fc
      .string({ minLength: 1, maxLength: 200 })
      .filter((text) => {
        try {
          const parsed: unknown = JSON.parse(text);
          return typeof parsed !== 'object' || parsed === null; // strict JSON parsing rejects primitives too
        } catch {
          return true;
        }
      })
      .map((text) => ({ kind: 'malformed-json' as const, text })),
    fc
      .record({
        contentType: fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/octet-stream',
          'application/json; charset=latin1',
        ),
        text: fc.string({ minLength: 1, maxLength: 200 }),
      })
      .map((r) => ({ kind: 'wrong-content-type' as const, ...r })),
    fc
      .record({ base: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue()), extra: fc.jsonValue() })
      .map(({ base, extra }) => ({
        kind: 'unknown-field' as const,
        body: { ...base, __fuzz_unknown__: extra },
      })),
    fc
      .oneof(fc.array(fc.jsonValue(), { maxLength: 5 }), fc.constant([]))
      .map((body) => ({ kind: 'wrong-shape' as const, body })),
    fc
      .record({ name: fc.string({ maxLength: 10 }), value: fc.string({ maxLength: 20 }) })
      .map(({ name, value }) => ({ kind: 'unknown-query' as const, name: `__fuzz_${name}`, value })),
    fc.constant({ kind: 'oversized' as const }),
    fc
      .option(
        fc.oneof(
          headerText(60).map(
            (v) => ['Authorization', `Bearer pk_${v.replace(/\s/g, '')}x`] as [string, string],
          ),
          headerText(60).map((v) => ['Authorization', `Basic ${v}`] as [string, string]),
          headerText(60).map((v) => ['X-Api-Key', `pk_${v.replace(/\s/g, '')}x`] as [string, string]),
          fc.constant(['Authorization', 'Bearer'] as [string, string]),
        ),
        { nil: null },
      )
      .map((header) => ({ kind: 'bad-auth' as const, header })),
    ...(method === 'post'
      ? [
          fc
            .oneof(
              headerText(20).map((v) => `${v} ${v}`),
              fc.constant('x'.repeat(256)),
            )
            .map((value) => ({ kind: 'bad-idempotency-key' as const, value })),
        ]
      : []),
  );

interface FuzzCase {
  defects: Defect[];
  segments: string[];
  requestId: string | null;
}

/**
 * Sends `runs` random malformed requests to a route and asserts each answers 4xx problem+json and leaves the
 * snapshot unchanged. Relies on the platform defaults (strict top-level schemas); a route with z.looseObject query
 * or body would accept the "unknown field" defect.
 */
export async function fuzzRoute(api: TestApi, target: FuzzTarget, options: FuzzOptions): Promise<void> {
  const paramCount = (target.path.match(/:[A-Za-z0-9_]+/g) ?? []).length;
  const limit = options.bodyLimitBytes ?? 100 * 1024;
  const arbitrary: fc.Arbitrary<FuzzCase> = fc.record({
    defects: fc.array(defect(target.method), { minLength: 1, maxLength: 3 }),
    segments: fc.array(pathSegment, { minLength: paramCount, maxLength: paramCount }),
    requestId: fc.option(headerText(40), { nil: null }),
  });

  const property = fc.asyncProperty(arbitrary, async ({ defects, segments, requestId }) => {
    let i = 0;
    const path = target.path.replace(/:[A-Za-z0-9_]+/g, () => segments[i++] ?? 'x');
    const query = new URLSearchParams();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${api.keys[options.role ?? 'admin']}`,
    };
    if (requestId !== null) headers['X-Request-Id'] = requestId;
    let payload: string | undefined;
    for (const d of defects) {
      switch (d.kind) {
        case 'malformed-json':
          headers['Content-Type'] = 'application/json';
          payload = d.text;
          break;
        case 'wrong-content-type':
          headers['Content-Type'] = d.contentType;
          payload = d.text;
          break;
        case 'unknown-field':
        case 'wrong-shape':
          headers['Content-Type'] = 'application/json';
          payload = JSON.stringify(d.body);
          break;
        case 'unknown-query':
          query.append(d.name, d.value);
          break;
        case 'oversized':
          headers['Content-Type'] = 'application/json';
          payload = JSON.stringify({ padding: 'x'.repeat(limit + 1) });
          break;
        case 'bad-auth':
          delete headers.Authorization;
          if (d.header) headers[d.header[0]] = d.header[1];
          break;
        case 'bad-idempotency-key':
          headers['Idempotency-Key'] = d.value;
          break;
      }
    }
    const before = await options.snapshot();
    const url = query.size > 0 ? `${path}?${query.toString()}` : path;
    let req = api.http()[target.method](url);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    const res = await (payload === undefined ? req : req.send(payload));

    const context = `${target.method.toUpperCase()} ${url} [${defects.map((d) => d.kind).join(', ')}]`;
    if (res.status < 400 || res.status >= 500)
      throw new Error(`${context}: status ${res.status} ${res.text}`);
    const problem = problemDefect(res);
    if (problem) throw new Error(`${context}: not a problem response: ${problem}`);
    if (!isDeepStrictEqual(before, await options.snapshot()))
      throw new Error(`${context}: something was written`);
  });
  try {
    await fc.assert(property, {
      numRuns: options.runs,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
  } catch (err) {
    // fast-check keeps the failing request's description in `cause`; put it in the message jest prints.
    const cause = err instanceof Error && err.cause instanceof Error ? `\n${err.cause.message}` : '';
    throw new Error(`${err instanceof Error ? err.message : String(err)}${cause}`, { cause: err });
  }
}
