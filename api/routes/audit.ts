import { z } from 'zod';
import type { AuditLogStore } from '../../stores/audit-log';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { DecimalInteger, Id, Label } from './schemas';

const AuditEntrySchema = z
  .object({
    entryId: z.number().int(),
    occurredAt: z.string(),
    actorKeyId: z.string(),
    actorName: z.string(),
    operationId: z.string(),
    method: z.string(),
    resource: z.string(),
    status: z.number().int(),
    requestId: z.string(),
  })
  .meta({ id: 'AuditEntry' });

/** Who created, launched, paused, ended or changed what: the API's own record of successful state changes. */
export function createAuditModule(audit: AuditLogStore): ApiModule {
  return defineModule({
    name: 'audit',
    description: 'The audit log: every successful state-changing request with its API key, newest first.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/audit',
        operationId: 'listAuditEntries',
        summary: 'Who changed what (newest first)',
        description:
          'Every successful POST/PUT/PATCH/DELETE except customer traffic (events, checkout, code claims, reward ' +
          'redemptions), with the API key that made it. `resource` matches a path prefix: /v1/campaigns/cmp_1 finds ' +
          'its creation’s follow-ups (launch, pause, end, code batches). Page with `before` = the last entryId seen.',
        auth: ['ops', 'finance'],
        request: {
          query: z.strictObject({
            actor: Id.optional().meta({ description: 'An API key id.' }),
            resource: z
              .string()
              .regex(/^\/v1\/[A-Za-z0-9._:/-]{0,300}$/, 'a path under /v1/')
              .optional(),
            operationId: Label.optional(),
            before: DecimalInteger(1, Number.MAX_SAFE_INTEGER).optional(),
            limit: DecimalInteger(1, 500).default(100),
          }),
        },
        response: {
          status: 200,
          schema: z.object({ items: z.array(AuditEntrySchema), next: z.number().int().nullable() }),
        },
        handler: async ({ query }) => {
          const items = await audit.list({
            limit: query.limit,
            ...(query.actor ? { actorKeyId: query.actor } : {}),
            ...(query.resource ? { resource: query.resource } : {}),
            ...(query.operationId ? { operationId: query.operationId } : {}),
            ...(query.before ? { before: query.before } : {}),
          });
          return { items, next: items.length === query.limit ? (items.at(-1)?.entryId ?? null) : null };
        },
      }),
    ],
  });
}
