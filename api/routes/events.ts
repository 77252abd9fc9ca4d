import { z } from 'zod';
import type { EventRouter } from '../../services/event-router';
import { CustomerEventSchema, occurredAtIssue } from '../../contracts/customer-events';
import { refuseIntakeWhenBehind, type Backpressure } from '../platform/backpressure';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';

const EventAccepted = z
  .object({
    eventId: z.string(),
    duplicate: z
      .boolean()
      .meta({ description: 'The event id was seen before (delivered again, harmlessly).' }),
    creditRestored: z
      .number()
      .int()
      .meta({
        description:
          'Credit returned to the customer’s wallet for a refunded order (a lot clawed back meanwhile returns its ' +
          'share to the campaign budget instead: not counted).',
      }),
    deliveries: z.array(
      z.object({
        campaignId: z.string(),
        journeyType: z.string(),
        delivery: z.enum(['delivered', 'signalled', 'already-finished', 'not-running', 'not-applicable']),
        occurrence: z.iso.date().optional().meta({
          description:
            'For a date or calendar entry’s journey: the occurrence (local date) it belongs to; every open one hears the event.',
        }),
      }),
    ),
  })
  .meta({ id: 'EventAccepted' });

/** The event schema, plus the occurredAt window checked against this server's clock (a 422 outside it). */
const EventBody = CustomerEventSchema.superRefine((event, ctx) => {
  const issue = event.occurredAt === undefined ? null : occurredAtIssue(event.occurredAt, Date.now());
  if (issue) ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: issue });
}).meta({ id: 'CustomerEvent' });

/** POST /v1/events: storefront events become signals (signal-with-start) of the journeys they concern. */
export function createEventsModule(
  router: EventRouter,
  onDelivered?: (journeyType: string) => void,
  backpressure?: Backpressure,
): ApiModule {
  return defineModule({
    name: 'events',
    description: 'Customer events from the storefront / CRM.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/events',
        operationId: 'postCustomerEvent',
        audit: false, // customer traffic: the journal and the ledger record it
        summary: 'Report a customer event',
        description:
          'signed_up (optionally with a referral code), order_placed, order_refunded, active, review_submitted, and ' +
          'custom events (`{"type": "custom", "name": …, "properties": {…}}`) of a type declared in the event catalog ' +
          '(an undeclared name or properties its schema rejects: 422, nothing written). An eventId already recorded ' +
          'with the same content is a duplicate (202, `duplicate: true`, applied once); with other content it is a ' +
          "409 and nothing is written. An order that would take the customer's total spend past 2^53 - 1 minor " +
          "units is a 422, and so is a refund of more than its order's amount. " +
          'Each launched campaign whose journey concerns the event gets it as a signal; the journey starts if needed. ' +
          'While journeys are further behind than the configured limit the event is refused with 503 and Retry-After.',
        auth: ['storefront'],
        request: { body: EventBody },
        response: { status: 202, schema: EventAccepted },
        problemStatuses: [409, 422, 503],
        handler: async ({ body }) => {
          refuseIntakeWhenBehind(backpressure);
          const routed = await router.route(body);
          for (const d of routed.deliveries) if (d.delivery === 'delivered') onDelivered?.(d.journeyType);
          return { eventId: body.eventId, ...routed };
        },
      }),
    ],
  });
}
