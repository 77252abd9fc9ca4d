import { z } from 'zod';
import { ATTRIBUTE_TYPES, AttributeName } from '../../contracts/customer-attributes';
import type { AttributeCatalog } from '../../services/attribute-catalog';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { FreeText } from './schemas';

const AttributeTypeSchema = z
  .object({
    name: z.string(),
    type: z.enum(ATTRIBUTE_TYPES),
    description: z.string().nullable(),
    builtIn: z.boolean(),
    declaredBy: z.string().nullable(),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'AttributeType' });

/** The attribute catalog: the built-in profile attributes and custom ones declared once with a type. */
export function createAttributeTypesModule(catalog: AttributeCatalog): ApiModule {
  return defineModule({
    name: 'attribute-types',
    description: 'The catalog of customer profile attributes (built in, or declared once with a type).',
    routes: [
      defineRoute({
        method: 'put',
        path: '/v1/attribute-types/:name',
        operationId: 'putAttributeType',
        summary: 'Declare a custom profile attribute (or change its description)',
        description:
          'A declared attribute keeps its type (409 for another one; values stored were checked against it), and a ' +
          'built-in one (birthday, region, industry, acquisitionChannel, tags) cannot be redeclared (409).',
        auth: ['growth', 'ops'],
        request: {
          params: z.strictObject({ name: AttributeName }),
          body: z.strictObject({
            type: z.enum(ATTRIBUTE_TYPES),
            description: FreeText({ max: 500 }).optional(),
          }),
        },
        response: { status: 200, schema: AttributeTypeSchema },
        problemStatuses: [409],
        handler: ({ params, body, principal }) =>
          catalog.declare(params.name, body, principal?.keyId ?? null),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/attribute-types',
        operationId: 'listAttributeTypes',
        summary: 'Every profile attribute: built in first, then the declared ones by name',
        auth: ['growth', 'ops', 'storefront', 'support', 'support-manager'],
        response: { status: 200, schema: z.object({ items: z.array(AttributeTypeSchema) }) },
        handler: async () => ({ items: await catalog.list() }),
      }),
    ],
  });
}
