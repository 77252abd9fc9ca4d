import { Registry } from 'prom-client';
import { counter } from '../platform/metrics';
import { expectProblem } from '../../test/support/api/probe';
import { createTestApi, type TestApi } from '../../test/support/api/test-api';

describe('metrics and logs', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('GET /metrics exposes default metrics and http_requests_total labelled by route template', async () => {
    await api.http().get('/v1/api-keys').set('Authorization', `Bearer ${api.keys.admin}`);
    await api.http().post('/v1/api-keys/key_00000000000000000000/revoke').set('X-Api-Key', api.keys.admin);
    await api.http().get('/no/such/thing/key_secretish');
    const res = await api.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/v1\/api-keys",status="200"\} 1/);
    expect(res.text).toMatch(
      /http_requests_total\{method="POST",route="\/v1\/api-keys\/:id\/revoke",status="404"\} 1/,
    );
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    expect(res.text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/v1\/api-keys"/,
    );
    // Raw paths never become labels.
    expect(res.text).not.toContain('key_00000000000000000000');
    expect(res.text).not.toContain('key_secretish');
  });

  it('counter() lets modules register their counters once, on the injected registry', () => {
    const registry = new Registry();
    const a = counter(registry, { name: 'journeys_started_total', help: 'x', labelNames: ['journey_type'] });
    const b = counter(registry, { name: 'journeys_started_total', help: 'x', labelNames: ['journey_type'] });
    expect(b).toBe(a);
    a.inc({ journey_type: 'trial-credit' });
    expect(registry.getSingleMetric('journeys_started_total')).toBe(a);
  });

  it('logs every request without API keys or Authorization values, whichever header carried them', async () => {
    const created = await api
      .http()
      .post('/v1/api-keys')
      .set('Authorization', `Bearer ${api.keys.admin}`)
      .set('Cookie', 'session=cookie-secret-value')
      .send({ name: 'log probe', roles: ['ops'] });
    const newKey = created.body.key as string;
    await api.http().get('/v1/api-keys').set('X-Api-Key', newKey);
    await api.http().get('/v1/api-keys').set('Authorization', `Bearer ${api.keys.finance}`);
    await api.http().get('/v1/api-keys').set('Authorization', 'Bearer pk_an_unknown_but_secret_key_value');
    await api.http().get('/healthz').set('Authorization', `Bearer ${api.keys.ops}`);

    const text = api.logs.text();
    const lines = api.logs.lines();
    const requestLines = lines.filter((l) => typeof l.req === 'object');
    expect(requestLines.length).toBeGreaterThanOrEqual(5);
    // The header names are logged, so the redaction is visible and provably happened.
    expect(text).toContain('"authorization":"[redacted]"');
    expect(text).toContain('"x-api-key":"[redacted]"');
    for (const secret of [
      ...Object.values(api.keys),
      newKey,
      'pk_an_unknown_but_secret_key_value',
      'cookie-secret-value',
    ]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(3, 20));
    }
  });
});

describe('rate limit', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi({ rateLimit: { limit: 3, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers 429 problem+json with Retry-After per API key, and never throttles probes', async () => {
    const as = (role: 'admin' | 'ops') => ({ Authorization: `Bearer ${api.keys[role]}` });
    for (let i = 0; i < 3; i++)
      expect((await api.http().get('/v1/api-keys').set(as('admin'))).status).toBe(200);
    const limited = await api.http().get('/v1/api-keys').set(as('admin'));
    expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Another key has its own budget.
    expect((await api.http().get('/v1/api-keys').set(as('ops'))).status).toBe(403);
    for (let i = 0; i < 5; i++) expect((await api.http().get('/healthz')).status).toBe(200);
    expect((await api.http().get('/metrics')).status).toBe(200);
  });

  it('limits anonymous callers per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.http().get('/openapi.json')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
