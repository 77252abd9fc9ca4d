import { z } from 'zod';
import { IdempotencyStore } from '../../stores/idempotency';
import { defineModule, defineRoute } from '../platform/define-route';
import { canonicalJson } from '../../lib/canonical-json';
import { createApiKeysModule } from '../routes/keys';
import { expectProblem } from '../../test/support/api/probe';
import { createTestApi, type TestApi } from '../../test/support/api/test-api';
import { eventually } from '../../test/support/eventually';

/** A counter route whose executions we can count, hold open, and make fail. */
function counterModule() {
  const state = { executions: 0, failNext: false, gate: null as Promise<void> | null };
  const module = defineModule({
    name: 'counter',
    routes: [
      defineRoute({
        method: 'post',
        path: '/test/counter',
        operationId: 'incrementCounter',
        summary: 'counts executions',
        auth: ['ops'],
        request: {
          body: z.object({
            by: z.number().int(),
            note: z.object({ a: z.number(), b: z.number() }).optional(),
          }),
        },
        response: { status: 201, schema: z.object({ execution: z.number(), by: z.number() }) },
        handler: async ({ body }) => {
          state.executions++;
          const execution = state.executions;
          if (state.gate) await state.gate;
          if (state.failNext) {
            state.failNext = false;
            throw new Error('transient failure');
          }
          return { execution, by: body.by };
        },
      }),
    ],
  });
  return { state, module };
}

describe('Idempotency-Key on POST (Stripe/Formance semantics)', () => {
  let api: TestApi;
  const counter = counterModule();
  const ops = () => ({ Authorization: `Bearer ${api.keys.ops}` });
  let n = 0;
  const freshKey = () => `test-key-${++n}-${Date.now()}`;

  beforeAll(async () => {
    api = await createTestApi({ routes: (c) => [createApiKeysModule(c.apiKeys), counter.module] });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('a replay returns the first response byte for byte, with Idempotent-Replayed: true, and does not re-run', async () => {
    const key = freshKey();
    const first = await api
      .http()
      .post('/test/counter')
      .set(ops())
      .set('Idempotency-Key', key)
      .send({ by: 2 });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const executions = counter.state.executions;

    const replay = await api
      .http()
      .post('/test/counter')
      .set(ops())
      .set('Idempotency-Key', key)
      .send({ by: 2 });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['content-type']).toBe(first.headers['content-type']);
    expect(replay.text).toBe(first.text);
    expect(counter.state.executions).toBe(executions);
  });

  it('the body is compared canonically: key order does not matter', async () => {
    const key = freshKey();
    await api
      .http()
      .post('/test/counter')
      .set(ops())
      .set('Idempotency-Key', key)
      .type('json')
      .send('{"by":1,"note":{"a":1,"b":2}}');
    const replay = await api
      .http()
      .post('/test/counter')
      .set(ops())
      .set('Idempotency-Key', key)
      .type('json')
      .send('{"note":{"b":2,"a":1},"by":1}');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });

  it('same key with a different body is a 409 problem and runs nothing', async () => {
    const key = freshKey();
    await api.http().post('/test/counter').set(ops()).set('Idempotency-Key', key).send({ by: 1 });
    const executions = counter.state.executions;
    const res = await api.http().post('/test/counter').set(ops()).set('Idempotency-Key', key).send({ by: 5 });
    expectProblem(res, 409, 'idempotency-key-reused');
    expect(counter.state.executions).toBe(executions);
  });

  it('same key on another path is a 409 too', async () => {
    const key = freshKey();
    const admin = { Authorization: `Bearer ${api.keys.admin}` };
    expect(
      (await api.http().post('/test/counter').set(admin).set('Idempotency-Key', key).send({ by: 1 })).status,
    ).toBe(201);
    const res = await api
      .http()
      .post('/v1/api-keys')
      .set(admin)
      .set('Idempotency-Key', key)
      .send({ name: 'x', roles: ['ops'] });
    expectProblem(res, 409, 'idempotency-key-reused');
  });

  it('a concurrent request with the same key while the first is in flight is a 409 in-progress problem', async () => {
    const key = freshKey();
    let open!: () => void;
    counter.state.gate = new Promise<void>((resolve) => (open = resolve));
    const first = api
      .http()
      .post('/test/counter')
      .set(ops())
      .set('Idempotency-Key', key)
      .send({ by: 3 })
      .then((r) => r);
    await eventually(
      async () =>
        (await api.db.pool.query('SELECT 1 FROM idempotency_keys WHERE idempotency_key = $1', [key]))
          .rowCount,
      { description: 'the first request to hold the claim', intervalMs: 5 },
    );
    const second = await api
      .http()
      .post('/test/counter')
      .set(ops())
      .set('Idempotency-Key', key)
      .send({ by: 3 });
    expectProblem(second, 409, 'idempotency-in-progress');
    expect(second.headers['retry-after']).toBe('1');
    counter.state.gate = null;
    open();
    expect((await first).status).toBe(201);
    const third = await api
      .http()
      .post('/test/counter')
      .set(ops())
      .set('Idempotency-Key', key)
      .send({ by: 3 });
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(third.text).toBe((await first).text);
  });

  it('of many simultaneous requests with one key, exactly one runs', async () => {
    const key = freshKey();
    const before = counter.state.executions;
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        api.http().post('/test/counter').set(ops()).set('Idempotency-Key', key).send({ by: 9 }),
      ),
    );
    expect(counter.state.executions - before).toBe(1);
    const fresh = responses.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
    expect(fresh).toHaveLength(1);
    for (const r of responses) {
      if (r.status === 409) expectProblem(r, 409, 'idempotency-in-progress');
      else expect(r.text).toBe(fresh[0]!.text);
    }
  });

  it('keys are scoped per API key: another caller with the same key runs its own request', async () => {
    const key = freshKey();
    const mine = await api
      .http()
      .post('/test/counter')
      .set(ops())
      .set('Idempotency-Key', key)
      .send({ by: 7 });
    const theirs = await api
      .http()
      .post('/test/counter')
      .set('Authorization', `Bearer ${api.keys.admin}`)
      .set('Idempotency-Key', key)
      .send({ by: 7 });
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.execution).toBe(mine.body.execution + 1);
  });

  it('an unexpected failure releases the key, so the retry runs', async () => {
    const key = freshKey();
    counter.state.failNext = true;
    expectProblem(
      await api.http().post('/test/counter').set(ops()).set('Idempotency-Key', key).send({ by: 1 }),
      500,
    );
    const retry = await api
      .http()
      .post('/test/counter')
      .set(ops())
      .set('Idempotency-Key', key)
      .send({ by: 1 });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('invalid requests are not recorded; an invalid Idempotency-Key is a 400', async () => {
    const key = freshKey();
    expectProblem(
      await api.http().post('/test/counter').set(ops()).set('Idempotency-Key', key).send({ by: 'x' }),
      400,
    );
    expect(
      (await api.http().post('/test/counter').set(ops()).set('Idempotency-Key', key).send({ by: 1 })).status,
    ).toBe(201);
    const bad = await api
      .http()
      .post('/test/counter')
      .set(ops())
      .set('Idempotency-Key', 'has space')
      .send({ by: 1 });
    expect(expectProblem(bad, 400, 'validation-failed').errors).toEqual([
      expect.objectContaining({ path: ['headers', 'idempotency-key'] }),
    ]);
  });

  it('without the header, POSTs are not deduplicated (the header is optional)', async () => {
    const a = await api.http().post('/test/counter').set(ops()).send({ by: 1 });
    const b = await api.http().post('/test/counter').set(ops()).send({ by: 1 });
    expect(b.body.execution).toBe(a.body.execution + 1);
  });

  it('a created API key is replayed without its plaintext, which is never stored', async () => {
    const key = freshKey();
    const admin = { Authorization: `Bearer ${api.keys.admin}` };
    const first = await api
      .http()
      .post('/v1/api-keys')
      .set(admin)
      .set('Idempotency-Key', key)
      .send({ name: 'ci', roles: ['ops'] });
    expect(first.body.key).toMatch(/^pk_/);
    const replay = await api
      .http()
      .post('/v1/api-keys')
      .set(admin)
      .set('Idempotency-Key', key)
      .send({ name: 'ci', roles: ['ops'] });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const { key: _plaintext, ...record } = first.body as Record<string, unknown>;
    expect(replay.body).toEqual(record);
    const stored = await api.db.pool.query('SELECT response_body FROM idempotency_keys');
    expect(JSON.stringify(stored.rows)).not.toContain(first.body.key as string);
  });

  it('expired records are reclaimed and purged', async () => {
    const store = new IdempotencyStore(api.db.pool, { ttlMs: 1 });
    const req = { ownerId: 'o1', key: 'k', requestHash: 'h', method: 'POST', path: '/p' };
    expect(await store.begin(req)).toMatchObject({ kind: 'started' });
    await store.complete('o1', 'k', { status: 201, contentType: 'application/json', body: '{}' });
    await new Promise((r) => setTimeout(r, 10));
    expect(await store.begin({ ...req, requestHash: 'other' })).toMatchObject({ kind: 'started' });
    await new Promise((r) => setTimeout(r, 10));
    expect(await store.purgeExpired()).toBe(1);
    expect(await store.begin(req)).toMatchObject({ kind: 'started' });
  });

  it('an abandoned in-progress claim is taken over by the same request after the lock timeout only', async () => {
    const req = { ownerId: 'o2', key: 'k', requestHash: 'h', method: 'POST', path: '/p' };
    const patient = new IdempotencyStore(api.db.pool);
    const firstClaim = (await patient.begin(req)) as { kind: string; claim: string };
    expect(firstClaim).toMatchObject({ kind: 'started', claim: expect.any(String) });
    expect(await patient.begin(req)).toEqual({ kind: 'in-progress' });
    expect(await patient.begin({ ...req, requestHash: 'other' })).toEqual({ kind: 'mismatch' });
    await new Promise((r) => setTimeout(r, 10));
    const impatient = new IdempotencyStore(api.db.pool, { lockTimeoutMs: 1 });
    expect(await impatient.begin({ ...req, requestHash: 'other' })).toEqual({ kind: 'mismatch' });
    const takeover = await impatient.begin(req);
    expect(takeover).toMatchObject({ kind: 'started' });
    // The slow first request finishes late: with its stale claim it can neither overwrite nor release the new one.
    await patient.complete(
      'o2',
      'k',
      { status: 500, contentType: 'application/json', body: '{"stale":true}' },
      firstClaim.claim,
    );
    await patient.release('o2', 'k', firstClaim.claim);
    expect(await patient.begin(req)).toEqual({ kind: 'in-progress' });
    await impatient.complete(
      'o2',
      'k',
      { status: 200, contentType: 'application/json', body: '{"ok":true}' },
      (takeover as { claim: string }).claim,
    );
    expect(await patient.begin(req)).toEqual({
      kind: 'replay',
      response: { status: 200, contentType: 'application/json', body: '{"ok":true}' },
    });
  });
});
