import { z } from 'zod';
import { FreeText, Id, Label } from './text';

/** Integer minor units (e.g. fen for CNY); they travel as JSON numbers, so they must stay safe integers. */
export const MinorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * How far from the receiving clock an event's occurredAt may be: late deliveries up to 400 days (a rolling 12-month
 * spend still counts them, with room for a month of backfill), early ones up to a day (clock skew, time zones). The
 * API checks it against its own clock (`occurredAtIssue`); the schema itself stays clock-free so workflows and tests
 * on a skipped clock can parse events.
 */
export const OCCURRED_AT_WINDOW = { pastDays: 400, futureDays: 1 } as const;
const DAY_MS = 86_400_000;

/** Why `occurredAt` is outside OCCURRED_AT_WINDOW around `nowMs`, or null when it is inside. */
export function occurredAtIssue(occurredAt: string, nowMs: number): string | null {
  const at = Date.parse(occurredAt);
  if (at < nowMs - OCCURRED_AT_WINDOW.pastDays * DAY_MS)
    return `must be at most ${OCCURRED_AT_WINDOW.pastDays} days in the past`;
  if (at > nowMs + OCCURRED_AT_WINDOW.futureDays * DAY_MS)
    return `must be at most ${OCCURRED_AT_WINDOW.futureDays} day in the future`;
  return null;
}

const base = {
  /** Unique per event from the storefront; a redelivered event is recognised and ignored. */
  eventId: Id,
  customerId: Id,
  occurredAt: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({
      description:
        `When it happened (default: when received). At most ${OCCURRED_AT_WINDOW.pastDays} days in the past and ` +
        `${OCCURRED_AT_WINDOW.futureDays} day in the future of the API's clock; outside that the event is refused ` +
        'with 422.',
    }),
};

/** Opaque single-line values from the storefront (device ids, fingerprints, codes): any visible text. */
const Token = (max: number) => FreeText({ max });

export const SignedUpEvent = z.strictObject({
  ...base,
  type: z.literal('signed_up'),
  // The HTML living standard's rule: what a browser's <input type=email> accepts, and what JSON Schema's `email` format
  // generators produce (zod's default rule refuses valid addresses such as a`b@example.com).
  email: z.email({ pattern: z.regexes.html5Email }).max(254),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  phone: FreeText({ min: 3, max: 32 }).optional(),
  deviceId: Token(128).optional(),
  paymentFingerprint: Token(128).optional(),
  referralCode: Token(64).optional(),
});

export const OrderPlacedEvent = z.strictObject({
  ...base,
  type: z.literal('order_placed'),
  orderId: Id,
  amount: MinorUnits,
  categories: z.array(Label).max(50).default([]),
  paymentFingerprint: Token(128).optional(),
});

export const OrderRefundedEvent = z.strictObject({
  ...base,
  type: z.literal('order_refunded'),
  orderId: Id,
  amount: MinorUnits.optional().meta({
    description:
      'How much of the order this refund covers, in the terms of the order amount at checkout: that share of the ' +
      'cash and rebate credit redeemed on it comes back (coupons with the refund completing the order). Left out: ' +
      'the rest of the order.',
  }),
});

export const ActiveEvent = z.strictObject({
  ...base,
  type: z.literal('active'),
  activity: Label.default('visit'),
});

export const ReviewSubmittedEvent = z.strictObject({
  ...base,
  type: z.literal('review_submitted'),
  orderId: Id.optional(),
  rating: z.number().int().min(1).max(5),
});

/** The name of a custom event type (`webinar_attended`): declared once in the event catalog, then reported. */
export const CustomEventName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and _ (at most 64), starting with a letter')
  .meta({ example: 'webinar_attended' });

const PROPERTY_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A property name of a custom event: the same rule as event names, camelCase allowed. */
export const CustomPropertyName = z
  .string()
  .regex(PROPERTY_NAME_PATTERN, 'letters, digits and _ (at most 64), starting with a letter');

/** One property value: JSON scalars, or a short list of them. Objects stay out (filters address one level). */
const CustomPropertyScalar = z.union([FreeText({ max: 1000, allowBlank: true }), z.number(), z.boolean()]);
export const CustomPropertyValue = z.union([
  CustomPropertyScalar,
  z.null(),
  z.array(CustomPropertyScalar).max(100),
]);
export type CustomPropertyValue = z.infer<typeof CustomPropertyValue>;

/**
 * An event the storefront or CRM names itself (a webinar attended, a cart abandoned). Its properties are checked on
 * ingest against the JSON Schema declared for its name in the event catalog (`PUT /v1/event-types/{name}`); an
 * undeclared name is refused.
 */
export const CustomEvent = z.strictObject({
  ...base,
  type: z.literal('custom'),
  name: CustomEventName,
  properties: z
    .record(CustomPropertyName, CustomPropertyValue)
    .refine((p) => Object.keys(p).length <= 50, 'at most 50 properties')
    // The key rule and the count, published (a record's key schema and a refinement are not).
    .meta({ propertyNames: { type: 'string', pattern: PROPERTY_NAME_PATTERN.source }, maxProperties: 50 })
    .default({}),
});

export const CustomerEventSchema = z.discriminatedUnion('type', [
  SignedUpEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  ActiveEvent,
  ReviewSubmittedEvent,
  CustomEvent,
]);

/** Every event type, built-in and `custom`. */
export const CUSTOMER_EVENT_TYPES = [
  'signed_up',
  'order_placed',
  'order_refunded',
  'active',
  'review_submitted',
  'custom',
] as const satisfies readonly z.infer<typeof CustomerEventSchema>['type'][];

export type CustomerEvent = z.infer<typeof CustomerEventSchema>;
export type CustomerEventInput = z.input<typeof CustomerEventSchema>;
export type CustomerEventType = CustomerEvent['type'];
export type OrderPlaced = z.infer<typeof OrderPlacedEvent>;
export type OrderRefunded = z.infer<typeof OrderRefundedEvent>;
export type SignedUp = z.infer<typeof SignedUpEvent>;
export type CustomEvent = z.infer<typeof CustomEvent>;
