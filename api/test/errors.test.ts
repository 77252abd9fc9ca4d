import { z } from 'zod';
import { defineModule, defineRoute } from '../platform/define-route';
import { problems } from '../platform/problem';
import { createApiKeysModule } from '../routes/keys';
import { expectProblem } from '../../test/support/api/probe';
import { createTestApi, type TestApi } from '../../test/support/api/test-api';

/** Routes that fail on purpose, to see every error class leave the API in the same problem+json shape. */
const failing = defineModule({
  name: 'failing',
  routes: [
    defineRoute({
      method: 'get',
      path: '/test/boom',
      operationId: 'boom',
      summary: 'throws an unexpected error',
      auth: ['ops'],
      response: { status: 200, schema: z.object({}) },
      handler: async () => {
        throw new Error('connection to 10.0.0.7 refused, password=hunter2');
      },
    }),
    defineRoute({
      method: 'get',
      path: '/test/broken-contract',
      operationId: 'brokenContract',
      summary: 'returns something its schema forbids',
      auth: ['ops'],
      response: { status: 200, schema: z.object({ n: z.number() }) },
      handler: async () => ({ n: 'not a number' }) as unknown as { n: number },
    }),
    defineRoute({
      method: 'post',
      path: '/test/rule',
      operationId: 'rule',
      summary: 'refuses by business rule',
      auth: ['ops'],
      request: {
        body: z.object({ amount: z.number().int() }),
        query: z.object({ dryRun: z.enum(['true']).optional() }),
      },
      response: { status: 201, schema: z.object({ ok: z.boolean() }) },
      handler: async ({ body }) => {
        if (body.amount > 100) throw problems.unprocessable('Budget exceeded.', 'budget-exceeded');
        return { ok: true };
      },
    }),
  ],
});

describe('API errors: one problem+json format for every error class', () => {
  let api: TestApi;
  const admin = () => ({ Authorization: `Bearer ${api.keys.admin}` });

  beforeAll(async () => {
    api = await createTestApi({
      routes: (c) => [createApiKeysModule(c.apiKeys), failing],
      health: {
        checks: {
          postgres: async () => undefined,
          temporal: async () => {
            throw new Error('UNAVAILABLE: 127.0.0.1:7233');
          },
        },
      },
      bodyLimit: '1kb',
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('400 malformed JSON', async () => {
    const res = await api.http().post('/v1/api-keys').set(admin()).type('json').send('{"name": "x", ');
    expectProblem(res, 400, 'malformed-json');
  });

  it('400 validation failure lists every zod issue with its location, unknown fields included', async () => {
    const res = await api
      .http()
      .post('/v1/api-keys?verbose=1')
      .set(admin())
      .send({ name: '', roles: ['wizard'], colour: 'red' });
    const body = expectProblem(res, 400, 'validation-failed');
    expect(body.instance).toBe('/v1/api-keys');
    const errors = body.errors as { path: unknown[]; code: string; message: string }[];
    expect(errors.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        [['query'], 'unrecognized_keys'],
        [['body'], 'unrecognized_keys'],
        [['body', 'name'], 'too_small'],
        [['body', 'roles', 0], 'invalid_value'],
      ]),
    );
    for (const e of errors) expect(e.message).toEqual(expect.any(String));
  });

  it('400 bad path parameter', async () => {
    const res = await api.http().post('/v1/api-keys/nope/revoke').set(admin());
    const body = expectProblem(res, 400, 'validation-failed');
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['params', 'id'], code: 'invalid_format' }),
    ]);
  });

  it('400 undecodable percent-encoding in the path', async () => {
    expectProblem(await api.http().post('/v1/api-keys/%E0%A4%A/revoke').set(admin()), 400);
  });

  it('401 without a key, with WWW-Authenticate', async () => {
    const res = await api.http().get('/v1/api-keys');
    expectProblem(res, 401, 'unauthenticated');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('403 with a key lacking the role', async () => {
    const res = await api.http().get('/v1/api-keys').set('Authorization', `Bearer ${api.keys.growth}`);
    expect(expectProblem(res, 403, 'forbidden').detail).toContain('admin');
  });

  it('404 for an unknown route and for an unknown resource', async () => {
    expectProblem(await api.http().get('/v1/nothing-here'), 404, 'not-found');
    expectProblem(await api.http().post('/v1/api-keys/key_00000000000000000000/revoke').set(admin()), 404);
  });

  it('405 with Allow for a known path and another method', async () => {
    const res = await api.http().delete('/v1/api-keys').set(admin());
    expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.allow).toBe('POST, GET, HEAD');
  });

  it('405 with Allow for the platform pages too (metrics, spec, docs, KPI page), TRACE included', async () => {
    for (const path of ['/metrics', '/openapi.json', '/docs', '/kpis/cmp_1']) {
      for (const res of [await api.http().post(path), await api.http().trace(path)]) {
        expectProblem(res, 405, 'method-not-allowed');
        expect(res.headers.allow).toBe('GET, HEAD');
      }
      expect((await api.http().get(path)).status).toBe(200);
    }
  });

  it('413 for a body over the limit', async () => {
    const res = await api
      .http()
      .post('/v1/api-keys')
      .set(admin())
      .send({ name: 'x'.repeat(2000), roles: ['ops'] });
    expectProblem(res, 413, 'payload-too-large');
  });

  it('415 for a body that is not JSON, and for an unsupported charset', async () => {
    const form = await api.http().post('/v1/api-keys').set(admin()).type('form').send('name=x&roles=ops');
    expectProblem(form, 415, 'unsupported-media-type');
    const latin1 = await api
      .http()
      .post('/v1/api-keys')
      .set(admin())
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{}');
    expectProblem(latin1, 415, 'unsupported-media-type');
  });

  it('422 from a business rule, with the handler-chosen type', async () => {
    const res = await api.http().post('/test/rule').set(admin()).send({ amount: 101 });
    expectProblem(res, 422, 'budget-exceeded');
  });

  it('500 without internals, details in the log only', async () => {
    const res = await api.http().get('/test/boom').set(admin());
    const body = expectProblem(res, 500, 'internal');
    expect(res.text).not.toMatch(/10\.0\.0\.7|hunter2|Error:|at /);
    expect(body.requestId).toBe(res.headers['x-request-id']);
    expect(api.logs.text()).toContain('connection to 10.0.0.7 refused');
  });

  it('500 when a handler breaks its response schema', async () => {
    const res = await api.http().get('/test/broken-contract').set(admin());
    expectProblem(res, 500, 'internal');
    expect(res.text).not.toContain('not a number');
  });

  it('503 health problem naming the failed check, without its error message', async () => {
    const res = await api.http().get('/healthz');
    const body = expectProblem(res, 503, 'unavailable');
    expect(body.checks).toEqual({ postgres: 'ok', temporal: 'failed' });
    expect(body.detail).toBe('Health check failed: temporal.');
    expect(res.text).not.toContain('7233');
  });
});
