import { createApiKeysModule } from '../routes/keys';
import { createTestApi, type TestApi } from '../../test/support/api/test-api';

describe('OpenAPI 3.1 document and docs page, derived from the route declarations', () => {
  let api: TestApi;
  type Operation = Record<string, unknown> & {
    responses: Record<string, { content?: Record<string, unknown> }>;
    parameters?: { in: string; name: string; required?: boolean }[];
    security?: unknown[];
  };
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: Record<string, unknown>;
  };

  beforeAll(async () => {
    api = await createTestApi({ routes: (c) => [createApiKeysModule(c.apiKeys)] });
    const res = await api.http().get('/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('is served gzip-compressed with an ETag; a revalidation with it is a 304 without a body', async () => {
    const res = await api.http().get('/openapi.json').set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.type).toBe('application/json');
    const tag = res.headers['etag'] as string;
    expect(tag).toMatch(/^"[\w-]{27}"$/);
    const again = await api.http().get('/openapi.json').set('If-None-Match', `"other", W/${tag}`);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect((await api.http().get('/openapi.json').set('If-None-Match', '"other"')).status).toBe(200);
  });

  it('is OpenAPI 3.1 with every declared route as a path, in OpenAPI path syntax', () => {
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /healthz',
        'GET /metrics',
        'GET /v1/api-keys',
        'GET /v1/me',
        'POST /v1/api-keys',
        'POST /v1/api-keys/{id}/revoke',
      ].sort(),
    );
  });

  it('declares bearer and X-Api-Key security, required on protected operations and absent on public ones', () => {
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKeyHeader: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    });
    expect(doc.paths['/v1/api-keys']!.get!.security).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }]);
    expect(doc.paths['/v1/api-keys']!.get!['x-required-roles']).toEqual(['admin']);
    expect(doc.paths['/healthz']!.get!.security).toEqual([]);
  });

  it('documents the optional Idempotency-Key header on every POST, and the path parameters', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!item.post) continue;
      expect([path, item.post.parameters]).toEqual([
        path,
        expect.arrayContaining([
          expect.objectContaining({ in: 'header', name: 'Idempotency-Key', required: false }),
        ]),
      ]);
    }
    expect(doc.paths['/v1/api-keys/{id}/revoke']!.post!.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'path', name: 'id', required: true })]),
    );
  });

  it('documents problem+json error responses with a shared Problem schema', () => {
    const create = doc.paths['/v1/api-keys']!.post!;
    expect(Object.keys(create.responses).sort()).toEqual(
      ['201', '400', '401', '403', '409', '413', '415', '429', '500'].sort(),
    );
    expect(create.responses['400']!.content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
    const schemas = doc.components.schemas as Record<string, { required?: string[] }>;
    expect(schemas.Problem!.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'errors']),
    );
    expect(Object.keys(doc.paths['/healthz']!.get!.responses)).toContain('503');
  });

  it('describes request and response bodies from the zod schemas', () => {
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas.CreateApiKey!.properties!).sort()).toEqual(['name', 'roles']);
    expect(JSON.stringify(schemas.ApiKey)).not.toContain('key_hash');
    expect(schemas.CreatedApiKey).toBeDefined();
  });

  it('states the rules the server checks: unique roles, a visible name without control characters', () => {
    const schemas = doc.components.schemas as Record<
      string,
      { properties: Record<string, Record<string, unknown>> }
    >;
    const { roles, name } = schemas.CreateApiKey!.properties;
    expect(roles).toMatchObject({ type: 'array', minItems: 1, maxItems: 7, uniqueItems: true });
    expect(name).toMatchObject({ type: 'string', minLength: 1, maxLength: 100, pattern: expect.any(String) });
    const pattern = new RegExp(name!.pattern as string);
    expect(['storefront production', '门店 🍵'].map((n) => pattern.test(n))).toEqual([true, true]);
    expect(['', '   ', 'a\u0000b', 'a\u202eb', 'a\nb'].map((n) => pattern.test(n))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('serves a self-contained HTML docs page that renders the spec without external assets', async () => {
    const res = await api.http().get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('/openapi.json');
    expect(res.text).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:/);
    const nonce = /<script nonce="([^"]+)">/.exec(res.text)?.[1];
    expect(nonce).toBeDefined();
    expect(res.headers['content-security-policy']).toContain(`script-src 'nonce-${nonce}'`);
  });
});
