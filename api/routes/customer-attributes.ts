import { z } from 'zod';
import { AttributeValue, ATTRIBUTE_LIMITS } from '../../contracts/customer-attributes';
import type { CustomerProfiles } from '../../services/customer-profiles';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { Id } from './schemas';

/** A customer's attributes: name → value of the attribute's declared type. */
export const AttributesSchema = z
  .record(z.string(), AttributeValue)
  .meta({ id: 'CustomerAttributes', example: { birthday: '1990-04-12', region: 'east', tags: ['vip'] } });

const AttributesBody = <V extends z.ZodType>(value: V) =>
  z.strictObject({
    attributes: z
      // Any name here: OpenAPI cannot state rules for keys, and a name the catalog lacks is a 422 naming it.
      .record(z.string(), value)
      .refine((a) => Object.keys(a).length <= ATTRIBUTE_LIMITS.perCustomer, {
        message: `at most ${ATTRIBUTE_LIMITS.perCustomer} attributes`,
      }),
  });

const WrittenSchema = z
  .object({ customerId: z.string(), attributes: AttributesSchema, updatedAt: z.string() })
  .meta({ id: 'CustomerAttributesWritten' });

const WRITERS = ['storefront', 'support', 'support-manager', 'growth'] as const;
const TYPED =
  'Each value must be of its attribute’s type in the catalog (GET /v1/attribute-types): 422 names an unknown ' +
  'attribute, a value of the wrong type or a date that is not YYYY-MM-DD. An erased customer takes none (409).';

/** Writes to customers' typed profile attributes (reads are GET /v1/customers/{id}). */
export function createCustomerAttributesModule(profiles: CustomerProfiles): ApiModule {
  return defineModule({
    name: 'customer-attributes',
    description: 'Customers’ typed profile attributes (birthday, region, industry, tags, custom ones).',
    routes: [
      defineRoute({
        method: 'put',
        path: '/v1/customers/:id/attributes',
        operationId: 'replaceCustomerAttributes',
        summary: 'Replace a customer’s attributes',
        description: `The attributes become exactly those given. ${TYPED}`,
        auth: WRITERS,
        request: { params: z.strictObject({ id: Id }), body: AttributesBody(AttributeValue) },
        response: { status: 200, schema: WrittenSchema },
        problemStatuses: [404, 409, 422],
        handler: ({ params, body }) => profiles.replace(params.id, body.attributes),
      }),
      defineRoute({
        method: 'patch',
        path: '/v1/customers/:id/attributes',
        operationId: 'mergeCustomerAttributes',
        summary: 'Change some of a customer’s attributes (null removes one)',
        description: `Attributes not named keep their value. ${TYPED}`,
        auth: WRITERS,
        request: { params: z.strictObject({ id: Id }), body: AttributesBody(AttributeValue.nullable()) },
        response: { status: 200, schema: WrittenSchema },
        problemStatuses: [404, 409, 422],
        handler: ({ params, body }) => profiles.merge(params.id, body.attributes),
      }),
    ],
  });
}
