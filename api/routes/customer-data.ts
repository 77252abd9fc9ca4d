import { z } from 'zod';
import type { CustomerDataService } from '../../services/customer-data';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { AttributesSchema } from './customer-attributes';
import { FulfilmentSchema, fulfilmentDetail, PointsSchema, TierRow } from './loyalty';
import { Id } from './schemas';
import { LotSchema, StatementEntrySchema } from './wallet';

const Instant = z.string();

const ErasureSchema = z
  .object({
    customerId: z.string(),
    erasedAt: Instant.meta({ description: 'When the personal data was wiped (the first erasure).' }),
    journeysStopped: z
      .array(z.string())
      .meta({ description: 'Workflow ids of the running journeys this request cancelled.' }),
  })
  .meta({ id: 'CustomerErasure' });

const ProfileSchema = z.object({
  customerId: z.string(),
  email: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en']),
  phone: z.string().nullable(),
  deviceId: z.string().nullable(),
  paymentFingerprint: z.string().nullable(),
  referralCode: z.string(),
  signedUpAt: Instant.nullable(),
  firstOrderId: z.string().nullable(),
  firstOrderAt: Instant.nullable(),
  lastOrderAt: Instant.nullable(),
  orderCount: z.number().int(),
  totalSpent: z.number().int(),
  lastActiveAt: Instant.nullable(),
  erasedAt: Instant.nullable(),
});

const ExportSchema = z
  .object({
    customerId: z.string(),
    exportedAt: Instant,
    profile: ProfileSchema,
    attributes: AttributesSchema,
    events: z.array(
      z.object({
        eventId: z.string(),
        type: z.string(),
        occurredAt: Instant,
        receivedAt: Instant,
        payload: z.record(z.string(), z.unknown()).meta({ description: 'The event as received.' }),
      }),
    ),
    orders: z.array(
      z.object({
        orderId: z.string(),
        amount: z.number().int(),
        categories: z.array(z.string()),
        placedAt: Instant,
        refundedAt: Instant.nullable(),
      }),
    ),
    wallet: z.object({
      customerId: z.string(),
      currency: z.string(),
      balance: z.number().int(),
      byKind: z.record(z.string(), z.number().int()),
      lots: z.array(LotSchema),
    }),
    statement: z
      .array(StatementEntrySchema)
      .meta({ description: 'Every credit statement entry, newest first.' }),
    points: PointsSchema,
    tiers: z.array(TierRow.extend({ customerId: z.string() })),
    referrals: z
      .array(
        z.object({
          refereeId: z.string(),
          referrerId: z.string(),
          campaignId: z.string(),
          status: z.string(),
          createdAt: Instant,
          paidAt: Instant.nullable(),
        }),
      )
      .meta({ description: 'Referrals the customer made or was referred by.' }),
    emails: z
      .array(
        z.object({
          template: z.string(),
          subject: z.string(),
          status: z.string(),
          createdAt: Instant,
          sentAt: Instant.nullable(),
        }),
      )
      .meta({ description: 'Emails sent to the customer’s address (none left to list after an erasure).' }),
    fulfilments: z.array(FulfilmentSchema).meta({
      description: 'Rewards redeemed for points and their delivery (address opened) or pickup, newest first.',
    }),
  })
  .meta({ id: 'CustomerExport' });

/** The data subject's rights over what perkflow holds about a customer: erasure and export. */
export function createCustomerDataModule(customerData: CustomerDataService): ApiModule {
  return defineModule({
    name: 'customer-data',
    description: 'Customers’ personal data: erasure and export (data-subject requests).',
    routes: [
      defineRoute({
        method: 'delete',
        path: '/v1/customers/:id',
        operationId: 'eraseCustomer',
        summary: 'Erase a customer’s personal data and stop their journeys',
        description:
          'Wipes email, phone, device id and payment fingerprint (and their matching hashes) from the profile, from ' +
          'the stored events and the email log, and cancels the customer’s running journeys; no email goes to them ' +
          'again. Ledger entries, orders, points and KPIs stay under the customer id (a pseudonym). Repeating the ' +
          'request answers 200 with the first erasure’s time.',
        auth: ['support-manager'],
        request: { params: z.strictObject({ id: Id }) },
        response: { status: 200, schema: ErasureSchema },
        problemStatuses: [404],
        handler: ({ params }) => customerData.erase(params.id),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/customers/:id/export',
        operationId: 'exportCustomer',
        summary: 'Everything held about a customer, for the customer',
        description:
          'Profile (personal fields decrypted), events as received, orders, wallet lots, the whole credit statement, ' +
          'points, member tiers, referrals and the emails sent (template, subject, when).',
        auth: ['support-manager', 'storefront'],
        request: { params: z.strictObject({ id: Id }) },
        response: { status: 200, schema: ExportSchema },
        problemStatuses: [404, 422],
        audit: 'reads-too',
        handler: async ({ params }) => {
          const exported = await customerData.export(params.id);
          return { ...exported, fulfilments: exported.fulfilments.map(fulfilmentDetail) };
        },
      }),
    ],
  });
}
