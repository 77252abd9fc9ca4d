import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { useProductTestApi } from '../../../test/support/per-file';
import { declaredRoutes, operationKey, servedOperations } from '../../../test/support/api/route-registry';
import { fuzzRoute } from '../../../test/support/api/fuzz';
import { problemDefect } from '../../../test/support/api/probe';

/**
 * Malformed requests to every product route that writes: only 4xx problem+json, no row of any table written or
 * changed, no journey started. Journey campaigns are launched, so a request that slipped through would start workflows.
 */
describe('fuzzing the product routes that write (fast-check)', () => {
  const api = useProductTestApi();
  const launched: string[] = [];
  /** Row count and content of every table, and the journeys started: a refused request changes none of them. */
  const snapshot = () => api.nothingWrittenSnapshot();
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  /** The request id POST /v1/support/credits derives from the caller's key id and its Idempotency-Key. */
  const requestIdOf = (keyId: string, key: string) =>
    `comp_${createHash('sha256').update(`${keyId}\n${key}`).digest('hex').slice(0, 32)}`;

  beforeAll(async () => {
    for (const journeyType of ['trial-credit', 'repurchase-voucher', 'dormancy', 'compensation']) {
      const created = await api
        .http()
        .post('/v1/campaigns')
        .set(as('growth'))
        .send({ name: journeyType, journeyType, budget: 1_000_000 });
      await api.http().post(`/v1/campaigns/${created.body.campaignId}/launch`).set(as('growth'));
      launched.push(created.body.campaignId as string);
    }
  });

  /** Runs per route (more where the body has more to get wrong); every other writing route gets the default. */
  const RUNS: Record<string, number> = { 'post /v1/events': 250, 'post /v1/campaigns': 200 };
  const DEFAULT_RUNS = 100;
  /**
   * Every route that writes, straight from the route registry (the modules the API mounts): a new route is fuzzed
   * without touching this file. The API keys module is fuzzed on its own in api/test/fuzz.test.ts.
   */
  const writingRoutes = () =>
    declaredRoutes(api.modules, { exceptModules: ['api-keys'] })
      .filter((r) => r.method !== 'get')
      .map((r) => ({ method: r.method, path: r.path }));

  it('the fuzzed routes are every writing operation the API serves', async () => {
    const served = (await servedOperations(api)).filter(
      (op) => !op.startsWith('get ') && !op.includes(' /v1/api-keys'),
    );
    expect(writingRoutes().map(operationKey).sort()).toEqual(served.sort());
  });

  it('every writing route: malformed bodies, headers and params get 4xx problem+json and write nothing', async () => {
    const failures: string[] = [];
    for (const route of writingRoutes()) {
      const runs = RUNS[`${route.method} ${route.path}`] ?? DEFAULT_RUNS;
      await fuzzRoute(api, route, { runs, snapshot }).catch((err: Error) => failures.push(err.message));
    }
    expect(failures).toEqual([]);
  }, 900_000);

  /** Values each event field refuses (for a type without the field, any value is an unknown key). */
  const INVALID: Record<string, unknown[]> = {
    eventId: [null, '', '   ', 7, {}, 'x'.repeat(129)],
    type: ['logged_in', null, '', 'SIGNED_UP'],
    email: ['not-an-email', '', null, 5],
    amount: [-1, 1.5, null, '100', Number.MAX_SAFE_INTEGER + 2],
    rating: [0, 6, 4.5, null, '5'],
    occurredAt: ['not a date', '2026-13-01T00:00:00Z', '2026-01-01T00:00:00', 0],
    categories: [[1, 2], 'tea', null, [''], Array.from({ length: 51 }, () => 'c')],
  };
  const REQUIRED: Record<string, string[]> = {
    signed_up: ['email'],
    order_placed: ['orderId', 'amount'],
    active: [],
    review_submitted: ['rating'],
  };

  /** A valid event, then one defect: what a buggy storefront sends. */
  const nearValidEvent = fc
    .record({
      customerId: fc.stringMatching(/^[a-z0-9]{6,12}$/).map((s) => `fz-${s}`),
      eventId: fc.uuid(),
      type: fc.constantFrom('signed_up', 'order_placed', 'active', 'review_submitted'),
      defect: fc.oneof(
        fc.nat().map((i) => ({ kind: 'drop' as const, i })),
        fc.record({ field: fc.constantFrom(...Object.keys(INVALID)), i: fc.nat() }).map((d) => ({
          kind: 'set' as const,
          field: d.field,
          value: INVALID[d.field]![d.i % INVALID[d.field]!.length],
        })),
        fc
          .string({ minLength: 1, maxLength: 12 })
          .map((name) => ({ kind: 'extra' as const, name: `x_${name}` })),
      ),
    })
    .map(({ customerId, eventId, type, defect }) => {
      const body: Record<string, unknown> = { type, eventId, customerId };
      if (type === 'signed_up') body.email = `${customerId}@test.perkflow.local`;
      if (type === 'order_placed') Object.assign(body, { orderId: `o-${eventId}`, amount: 20_000 });
      if (type === 'review_submitted') body.rating = 4;
      if (defect.kind === 'drop') {
        const required = ['eventId', 'type', 'customerId', ...REQUIRED[type]!];
        delete body[required[defect.i % required.length]!];
      } else if (defect.kind === 'set') {
        body[defect.field] = defect.value;
      } else {
        body[defect.name] = true;
      }
      return { customerId, body };
    });

  it('near-valid events (200 runs): 400, nothing recorded, no journey for the customer', async () => {
    const customers: string[] = [];
    await fc.assert(
      fc.asyncProperty(nearValidEvent, async ({ customerId, body }) => {
        const before = await snapshot();
        const res = await api.http().post('/v1/events').set(as('storefront')).send(body);
        if (res.status !== 400) throw new Error(`${JSON.stringify(body)} → ${res.status} ${res.text}`);
        const defect = problemDefect(res, 400);
        if (defect) throw new Error(defect);
        expect(await snapshot()).toEqual(before);
        customers.push(customerId);
      }),
      // Each run snapshots every table before and after (the "nothing written" check): 120 keep the file near 40 s.
      { numRuns: 120 },
    );
    // The journeys a valid version of these events would have started do not exist on the server.
    const sample = customers.slice(0, 40);
    const statuses = await Promise.all(
      sample.flatMap((c) => launched.map((campaignId) => api.workflowStatus(`journey/${campaignId}/${c}`))),
    );
    expect(statuses.every((s) => s === null)).toBe(true);
  });

  it('near-valid compensation requests (100 runs) with an Idempotency-Key start no journey', async () => {
    const compensation = launched[3]!;
    const started: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          customerId: fc.stringMatching(/^[a-z0-9]{6,12}$/).map((s) => `fz-${s}`),
          key: fc.stringMatching(/^[A-Za-z0-9]{8,20}$/),
          amount: fc.oneof(
            fc.constant(0),
            fc.constant(-5),
            fc.constant(2.5),
            fc.constant('100'),
            fc.constant(null),
          ),
        }),
        async ({ customerId, key, amount }) => {
          const before = await snapshot();
          const res = await api
            .http()
            .post('/v1/support/credits')
            .set(as('support'))
            .set('Idempotency-Key', key)
            .send({ customerId, amount, reason: 'fuzzed amount' });
          if (res.status !== 400) throw new Error(`${String(amount)} → ${res.status} ${res.text}`);
          expect(await snapshot()).toEqual(before);
          // With a key, the request id (and so the workflow id) is predictable: that run must not exist.
          started.push(`journey/${compensation}/${customerId}/${requestIdOf(api.keyIds.support, key)}`);
        },
      ),
      { numRuns: 60 },
    );
    const statuses = await Promise.all(started.slice(0, 40).map((w) => api.workflowStatus(w)));
    expect(statuses.every((s) => s === null)).toBe(true);
  });

  it('the workflow check can fail: a valid request’s workflow is found', async () => {
    const res = await api
      .http()
      .post('/v1/support/credits')
      .set(as('support'))
      .set('Idempotency-Key', 'fuzz-control-key')
      .send({ customerId: 'fz-control', amount: 100, reason: 'control' });
    expect(res.status).toBe(202);
    expect(res.body.workflowId).toBe(
      `journey/${launched[3]}/fz-control/${requestIdOf(api.keyIds.support, 'fuzz-control-key')}`,
    );
    expect(await api.workflowStatus(res.body.workflowId)).not.toBeNull();
  });
});
