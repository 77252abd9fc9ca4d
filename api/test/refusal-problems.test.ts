import { z } from 'zod';
import { LEDGER_ERROR_CODES, LedgerError, type LedgerErrorCode } from '../../ledger/errors';
import { SERVICE_ERROR_KINDS, ServiceError, type ServiceErrorKind } from '../../services/errors';
import { defineModule, defineRoute } from '../platform/define-route';
import type { ProblemError } from '../platform/problem';
import {
  asProblem,
  LEDGER_REFUSAL_STATUS,
  SERVICE_ERROR_PROBLEMS,
  type RefusalStatus,
} from '../platform/refusal-problems';
import { expectProblem } from '../../test/support/api/probe';
import { createTestApi, type TestApi } from '../../test/support/api/test-api';

/*
 * Compile-time checks (tsc runs over tests): every mapping of the error vocabulary is a full Record, so dropping an
 * entry, or adding a code or kind without one, does not compile. Each line below must stay an error.
 */
const { LOT_IN_USE: _lotInUse, ...ledgerMapMissingACode } = LEDGER_REFUSAL_STATUS;
// @ts-expect-error a ledger code without an HTTP status does not compile
const _incompleteLedgerMap: Record<LedgerErrorCode, RefusalStatus> = ledgerMapMissingACode;
const { invalid: _invalid, ...serviceMapMissingAKind } = SERVICE_ERROR_PROBLEMS;
// @ts-expect-error a service error kind without a problem does not compile
const _incompleteServiceMap: Record<ServiceErrorKind, (err: ServiceError) => ProblemError> =
  serviceMapMissingAKind;
// @ts-expect-error a LedgerError takes only codes of the vocabulary
const _unknownCode = new LedgerError('OUT_OF_COFFEE', 'no such refusal');

/**
 * What each ledger refusal answers over HTTP, stated here independently of the mapping: clients branch on these
 * statuses and types, so changing one must fail a test.
 */
const EXPECTED_LEDGER_PROBLEMS: Record<LedgerErrorCode, [RefusalStatus, string]> = {
  BUDGET_EXCEEDED: [422, 'budget-exceeded'],
  INSUFFICIENT_BALANCE: [422, 'insufficient-balance'],
  LOT_EXPIRED: [422, 'lot-expired'],
  NOT_ELIGIBLE: [422, 'not-eligible'],
  IDEMPOTENCY_CONFLICT: [409, 'idempotency-conflict'],
  INVALID_INPUT: [422, 'invalid-input'],
  NOT_FOUND: [404, 'not-found'],
  CURRENCY_MISMATCH: [422, 'currency-mismatch'],
  DAILY_CAP_REACHED: [422, 'daily-cap-reached'],
  ALREADY_REVERSED: [409, 'already-reversed'],
  ALREADY_REVOKED: [409, 'already-revoked'],
  ALREADY_REDEEMED: [409, 'already-redeemed'],
  LOT_IN_USE: [422, 'lot-in-use'],
  POINTS_BELOW_MINIMUM: [422, 'points-below-minimum'],
  POINTS_ABOVE_MAXIMUM: [422, 'points-above-maximum'],
  AMOUNT_OUT_OF_RANGE: [422, 'amount-out-of-range'],
};

const EXPECTED_SERVICE_PROBLEMS: Record<ServiceErrorKind, [number, string]> = {
  'not-found': [404, 'not-found'],
  conflict: [409, 'campaign-exists'],
  unprocessable: [422, 'campaign-exists'],
  invalid: [400, 'validation-failed'],
  busy: [429, 'campaign-exists'],
  unavailable: [503, 'campaign-exists'],
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  404: 'Not found',
  409: 'Conflict',
  422: 'Unprocessable request',
  429: 'Too many requests',
  503: 'Service unavailable',
};

let handlerRuns = 0;

/** Handlers that throw domain errors bare, as any handler may: no wrapper, no try/catch. */
const refusing = defineModule({
  name: 'refusing',
  routes: [
    defineRoute({
      method: 'get',
      path: '/test/ledger/:code',
      operationId: 'ledgerRefusal',
      summary: 'throws the ledger refusal named in the path',
      auth: ['ops'],
      request: { params: z.strictObject({ code: z.enum(LEDGER_ERROR_CODES) }) },
      response: { status: 200, schema: z.object({}) },
      handler: async ({ params }) => {
        throw new LedgerError(params.code, `refused with ${params.code}`, {
          secret: 'ledger-internal-detail',
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/test/service/:kind',
      operationId: 'serviceRefusal',
      summary: 'throws the service refusal of the kind named in the path',
      auth: ['ops'],
      request: { params: z.strictObject({ kind: z.enum(SERVICE_ERROR_KINDS) }) },
      response: { status: 200, schema: z.object({}) },
      handler: async ({ params }) => {
        throw new ServiceError(params.kind, 'CAMPAIGN_EXISTS', `refused as ${params.kind}`, [
          { path: ['config', 'amount'], message: 'too small', code: 'too_small' },
        ]);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/test/spend',
      operationId: 'spend',
      summary: 'counts its runs, then refuses as the ledger does when a budget is spent',
      auth: ['ops'],
      request: { body: z.strictObject({ amount: z.number().int() }) },
      response: { status: 201, schema: z.object({ ok: z.boolean() }) },
      handler: async ({ body }) => {
        handlerRuns += 1;
        throw new LedgerError('BUDGET_EXCEEDED', `budget cannot cover ${body.amount}`);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/test/zod-in-handler',
      operationId: 'zodInHandler',
      summary: 'parses its own data with a schema that rejects it',
      auth: ['ops'],
      response: { status: 200, schema: z.object({}) },
      handler: async () => {
        z.object({ internalField: z.string() }).parse({ internalField: 42 });
        return {};
      },
    }),
  ],
});

describe('API: domain refusals become problems in the route mounting, whatever the handler forgets', () => {
  let api: TestApi;
  const ops = () => ({ Authorization: `Bearer ${api.keys.ops}` });

  beforeAll(async () => {
    api = await createTestApi({ routes: () => [refusing] });
  });
  afterAll(async () => {
    await api?.close();
  });

  it.each(LEDGER_ERROR_CODES)('a bare LedgerError %s answers its mapped 4xx problem', async (code) => {
    const [status, type] = EXPECTED_LEDGER_PROBLEMS[code];
    const res = await api.http().get(`/test/ledger/${code}`).set(ops());
    const body = expectProblem(res, status, type);
    expect(body.title).toBe(TITLES[status]);
    expect(body.detail).toBe(`refused with ${code}`);
    expect(body.errors).toEqual([]);
    // The ledger's details are for logs and workflows, not for API clients.
    expect(res.text).not.toContain('ledger-internal-detail');
  });

  it("a ledger input refusal tells what its check found, without naming the ledger's function", () => {
    const refusal = new LedgerError('INVALID_INPUT', 'quoteRedemption: invalid input', {
      issues: [{ path: 'order.lines', message: 'add up to more than the order amount' }],
    });
    expect(asProblem(refusal)?.init).toMatchObject({
      status: 422,
      detail: 'invalid input (order.lines: add up to more than the order amount)',
    });
  });

  it.each(SERVICE_ERROR_KINDS)('a bare ServiceError of kind %s answers its mapped problem', async (kind) => {
    const [status, type] = EXPECTED_SERVICE_PROBLEMS[kind];
    const res = await api.http().get(`/test/service/${kind}`).set(ops());
    const body = expectProblem(res, status, type);
    expect(body.title).toBe(TITLES[status]);
    expect(body.detail).toBe(`refused as ${kind}`);
    // Validation problems and rule refusals (422) carry the service's issues: the field a rule concerns.
    expect(body.errors).toEqual(
      kind === 'invalid' || kind === 'unprocessable'
        ? [{ path: ['config', 'amount'], message: 'too small', code: 'too_small' }]
        : [],
    );
    // A full resource or a switched-off feature says when to come back.
    expect(res.headers['retry-after']).toEqual(
      kind === 'busy' ? '5' : kind === 'unavailable' ? '30' : undefined,
    );
  });

  it('stores a mapped refusal for Idempotency-Key replays like any 4xx, and does not run the handler again', async () => {
    const runsBefore = handlerRuns;
    const send = () =>
      api.http().post('/test/spend').set(ops()).set('Idempotency-Key', 'spend-once').send({ amount: 500 });
    const first = await send();
    expectProblem(first, 422, 'budget-exceeded');
    const replay = await send();
    expect(replay.status).toBe(422);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(first.text);
    expect(handlerRuns).toBe(runsBefore + 1);
  });

  it('a ZodError escaping a handler is a server fault: 500 without the issues, logged', async () => {
    const res = await api.http().get('/test/zod-in-handler').set(ops());
    const body = expectProblem(res, 500, 'internal');
    expect(body.errors).toEqual([]);
    expect(res.text).not.toContain('internalField');
    expect(api.logs.text()).toContain('internalField');
  });
});
