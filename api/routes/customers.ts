import { z } from 'zod';
import type { CustomerService } from '../../services/customers';
import type { JourneyOverview } from '../../services/journey-overview';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { TIER_RANKS } from '../../contracts/segment-filter';
import { AttributesSchema } from './customer-attributes';
import { JourneyStateSchema } from './journeys';
import { Id } from './schemas';

const CustomerSchema = z
  .object({
    profile: z.object({
      customerId: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      locale: z.enum(['zh-CN', 'en']),
      referralCode: z.string(),
      signedUpAt: z.string().nullable(),
      firstOrderId: z.string().nullable(),
      firstOrderAt: z.string().nullable(),
      lastOrderAt: z.string().nullable(),
      orderCount: z.number().int(),
      totalSpent: z.number().int().meta({ description: 'Minor units, refunds taken off.' }),
      lastActiveAt: z.string().nullable(),
    }),
    attributes: AttributesSchema,
    facts: z
      .object({
        orderCount: z.number().int(),
        totalSpent: z.number().int().meta({ description: 'Minor units, refunds taken off.' }),
        totalSpentLast365Days: z.number().int().meta({
          description: 'Orders of the last 365 days not refunded (as the member tier counts spend).',
        }),
        daysSinceLastOrder: z.number().int().nullable(),
        daysSinceLastActive: z.number().int().nullable(),
        lead: z.boolean().meta({ description: 'No order yet.' }),
        walletBalance: z
          .number()
          .int()
          .meta({ description: 'Usable credit now (minor units), as the wallet.' }),
        pointsBalance: z.number().int().meta({ description: 'Live points now.' }),
        tier: z
          .enum(TIER_RANKS)
          .nullable()
          .meta({ description: 'Member tier in the member-tier campaign that changed it last; null: none.' }),
        referralsPaid: z.number().int().meta({ description: 'Referrals this customer made that were paid.' }),
      })
      .meta({ description: 'Computed at asOf; the same definitions segment filters use.' }),
    asOf: z.string(),
  })
  .meta({ id: 'Customer' });

const UiLink = z
  .string()
  .nullable()
  .meta({ description: 'Into the Temporal Web UI; null when none is configured.' });

const CustomerJourneysSchema = z
  .object({
    customerId: z.string(),
    source: z.enum(['visibility', 'derived']).meta({
      description:
        'visibility: listed by the CustomerId search attribute; derived: each campaign’s journey id and the journal ' +
        '(a server that cannot list workflows).',
    }),
    temporalUiUrl: UiLink,
    items: z.array(JourneyStateSchema.extend({ temporalUiUrl: UiLink })),
  })
  .meta({ id: 'CustomerJourneys' });

const JourneyOverviewSchema = z
  .object({
    temporalUiUrl: UiLink,
    campaigns: z.array(
      z.object({
        campaignId: z.string(),
        name: z.string(),
        journeyType: z.string(),
        status: z.string(),
        started: z.number().int(),
        open: z.number().int().meta({ description: 'Started, not ended: running or waiting.' }),
        completed: z.number().int(),
        cancelled: z.number().int(),
        refused: z.number().int(),
        failed: z.number().int(),
        temporalUiUrl: UiLink,
      }),
    ),
  })
  .meta({ id: 'JourneyOverview' });

/** Customer 360 for support (profile, journeys) and journeys per campaign for ops. */
export function createCustomersModule(customers: CustomerService, overview: JourneyOverview): ApiModule {
  const READERS = ['support', 'support-manager', 'growth', 'ops'] as const;
  return defineModule({
    name: 'customers',
    description: 'Customer 360: profile and journeys; journeys per campaign and state.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/customers',
        operationId: 'findCustomers',
        // Who looked people up by contact data is recorded; the address itself never is (the path has no query).
        audit: 'reads-too',
        summary: 'Customers by email or phone (exact match), for support’s search',
        description:
          'Matched on the keyed hash of the contact field (email ignoring case, phone ignoring spaces, dashes and ' +
          'brackets), never by decrypting; both given: a customer must match both. Oldest first, at most 20 (several ' +
          'accounts may share an address). Request logs never carry the query string.',
        auth: READERS,
        request: {
          query: z
            .strictObject({
              email: z.string().trim().min(3).max(320).optional(),
              phone: z.string().trim().min(3).max(40).optional(),
            })
            .refine((q) => q.email !== undefined || q.phone !== undefined, {
              message: 'give email or phone',
              path: ['email'],
            }),
        },
        response: {
          status: 200,
          schema: z
            .object({
              items: z.array(z.object({ customerId: z.string(), signedUpAt: z.string().nullable() })),
            })
            .meta({ id: 'CustomerSearch' }),
        },
        problemStatuses: [422],
        handler: async ({ query }) => ({ items: await customers.findByContact(query) }),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/customers/:id',
        operationId: 'getCustomer',
        summary:
          'A customer’s stored profile, its typed attributes, and the facts computed from orders, the ledger, tiers ' +
          'and referrals',
        auth: READERS,
        request: { params: z.strictObject({ id: Id }) },
        response: { status: 200, schema: CustomerSchema },
        problemStatuses: [404],
        audit: 'reads-too',
        handler: ({ params }) => customers.overview(params.id),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/customers/:id/journeys',
        operationId: 'listCustomerJourneys',
        summary: 'Every journey of a customer with its current step and next wake (newest first, at most 50)',
        auth: READERS,
        request: { params: z.strictObject({ id: Id }) },
        response: { status: 200, schema: CustomerJourneysSchema },
        handler: ({ params }) => customers.journeysOf(params.id),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/ops/journeys',
        operationId: 'getJourneyOverview',
        summary: 'Journeys per campaign and state (started, open, completed, cancelled, refused, failed)',
        description:
          'Counted from the journey journal; each campaign links into the Temporal UI filtered by it.',
        auth: ['ops'],
        response: { status: 200, schema: JourneyOverviewSchema },
        handler: () => overview.byCampaign(),
      }),
    ],
  });
}
