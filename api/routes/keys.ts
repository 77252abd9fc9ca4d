import { z } from 'zod';
import { pageOrRefuse } from '../../services/paging';
import type { ApiKeyRecord, ApiKeyStore } from '../../stores/api-keys';
import { displayPrefix, generateApiKey, hashApiKey, newApiKeyId } from '../platform/api-key-material';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { problems } from '../platform/problem';
import { distinctItems } from '../platform/request-schemas';
import { ROLES, RoleSchema, isRole } from '../platform/roles';
import { CreationOrderPageQuery, FreeText, pageOf } from './schemas';

const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart.' }),
    roles: z.array(RoleSchema),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey', description: 'An API key without its secret.' });

const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z
    .string()
    .optional()
    .meta({
      description:
        'The plaintext key, shown exactly once. Only its hash is stored, so an Idempotency-Key replay of this ' +
        'request returns the record without it: revoke the key and create a new one if it was lost.',
    }),
}).meta({ id: 'CreatedApiKey' });

const CreateApiKeyBody = z
  .strictObject({
    name: FreeText({ max: 100 }).meta({ example: 'storefront production' }),
    roles: distinctItems(z.array(RoleSchema).min(1).max(7), 'roles must not repeat'),
  })
  .meta({ id: 'CreateApiKey' });

const KeyIdParams = z.strictObject({
  id: z
    .string()
    .regex(/^key_[0-9a-f]{20}$/, 'must be an API key id (key_ followed by 20 hex digits)')
    .meta({ example: 'key_0123456789abcdef0123' }),
});

const MeSchema = z
  .object({
    keyId: z.string(),
    name: z.string(),
    roles: z.array(RoleSchema),
  })
  .meta({
    id: 'Me',
    description: 'The API key that made the request: its id, name and roles (never its secret).',
  });

/** The stored roles narrowed to the Role type (the table's CHECK constraint allows no others). */
const toApiKey = (record: ApiKeyRecord) => ({ ...record, roles: record.roles.filter(isRole) });

/**
 * API keys: admin-only management (create, the key shown once; list, no secrets; revoke), and who am I for any key
 * (the console shapes its navigation by the roles; the API still checks every call).
 */
export function createApiKeysModule(store: ApiKeyStore): ApiModule {
  return defineModule({
    name: 'api-keys',
    description: 'API keys and their roles: managed by admin; any key may read its own.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/me',
        operationId: 'getMe',
        summary: 'The calling API key: name and roles',
        auth: ROLES,
        response: { status: 200, schema: MeSchema },
        handler: async ({ principal }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          return { keyId: principal.keyId, name: principal.name, roles: principal.roles };
        },
      }),
      defineRoute({
        method: 'post',
        path: '/v1/api-keys',
        operationId: 'createApiKey',
        summary: 'Create an API key',
        description: 'The plaintext key is in this response only; store it in your secret manager.',
        auth: ['admin'],
        request: { body: CreateApiKeyBody },
        response: { status: 201, schema: CreatedApiKeySchema, description: 'The key, with its plaintext.' },
        storeForReplay: ({ key: _secret, ...withoutSecret }) => withoutSecret,
        handler: async ({ body, principal }) => {
          const key = generateApiKey();
          const record = await store.create({
            id: newApiKeyId(),
            name: body.name,
            prefix: displayPrefix(key),
            keyHash: hashApiKey(key),
            roles: body.roles,
            createdBy: principal?.keyId ?? null,
          });
          return { ...toApiKey(record), key };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/api-keys',
        operationId: 'listApiKeys',
        summary: 'List API keys (without secrets), oldest first, in pages',
        auth: ['admin'],
        request: { query: z.strictObject(CreationOrderPageQuery) },
        response: { status: 200, schema: pageOf(ApiKeySchema) },
        problemStatuses: [422],
        handler: async ({ query: { after, limit } }) => {
          const page = pageOrRefuse(await store.page({ limit, ...(after ? { after } : {}) }));
          return { items: page.items.map(toApiKey), next: page.next };
        },
      }),
      defineRoute({
        method: 'post',
        path: '/v1/api-keys/:id/revoke',
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key',
        description:
          'Takes effect on the next request. Revoking a revoked key is a no-op. Refused with 409 for the key making ' +
          'the request (revoke it with another admin key) and for the last active admin key: the API must always ' +
          'keep a key that can manage keys.',
        auth: ['admin'],
        request: { params: KeyIdParams },
        response: { status: 200, schema: ApiKeySchema },
        problemStatuses: [404, 409],
        handler: async ({ params, principal }) => {
          if (principal?.keyId === params.id) {
            throw problems.conflict(
              'An API key cannot revoke itself; revoke it with another admin key.',
              'own-api-key',
            );
          }
          const outcome = await store.revoke(params.id);
          switch (outcome.kind) {
            case 'revoked':
              return toApiKey(outcome.record);
            case 'not-found':
              throw problems.notFound(`No API key ${params.id}.`);
            case 'last-admin':
              throw problems.conflict(
                `API key ${params.id} is the last active admin key; create another admin key first.`,
                'last-admin-key',
              );
          }
        },
      }),
    ],
  });
}
