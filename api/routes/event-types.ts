import { z } from 'zod';
import { CustomEventName } from '../../contracts/customer-events';
import type { EventCatalog } from '../../services/event-catalog';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { FreeText } from './schemas';

const EventTypeSchema = z
  .object({
    name: z.string(),
    description: z.string().nullable(),
    propertiesSchema: z.record(z.string(), z.unknown()),
    declaredBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EventType' });

const NameParams = z.strictObject({ name: CustomEventName });

/** The event catalog: custom event types and the JSON Schema of their properties. */
export function createEventTypesModule(catalog: EventCatalog): ApiModule {
  return defineModule({
    name: 'event-types',
    description: 'The catalog of custom event types (`{"type": "custom", "name": …}` events).',
    routes: [
      defineRoute({
        method: 'put',
        path: '/v1/event-types/:name',
        operationId: 'putEventType',
        summary: 'Declare (or redeclare) a custom event type',
        description:
          'propertiesSchema is a JSON Schema (`"type": "object"`) that the properties of every custom event of this ' +
          'name must match; POST /v1/events refuses other names and non-matching properties with 422. Flow ' +
          'campaigns may only listen for declared names.',
        auth: ['growth'],
        request: {
          params: NameParams,
          body: z.strictObject({
            description: FreeText({ max: 500 }).optional(),
            propertiesSchema: z.record(z.string(), z.unknown()).meta({
              description: 'JSON Schema of the properties object.',
              example: {
                type: 'object',
                properties: { minutes: { type: 'integer', minimum: 0 } },
                required: ['minutes'],
              },
            }),
          }),
        },
        response: { status: 200, schema: EventTypeSchema },
        problemStatuses: [422],
        handler: async ({ params, body, principal }) =>
          (await catalog.declare(params.name, body, principal?.keyId ?? null)).record,
      }),
      defineRoute({
        method: 'get',
        path: '/v1/event-types/:name',
        operationId: 'getEventType',
        summary: 'A custom event type',
        auth: ['growth', 'ops', 'storefront'],
        request: { params: NameParams },
        response: { status: 200, schema: EventTypeSchema },
        problemStatuses: [404],
        handler: ({ params }) => catalog.get(params.name),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/event-types',
        operationId: 'listEventTypes',
        summary: 'The custom event types',
        auth: ['growth', 'ops', 'storefront'],
        response: { status: 200, schema: z.object({ items: z.array(EventTypeSchema) }) },
        handler: async () => ({ items: await catalog.list() }),
      }),
    ],
  });
}
