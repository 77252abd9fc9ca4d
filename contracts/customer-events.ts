import { z } from 'zod';

/** Integer minor units (e.g. fen for CNY); they travel as JSON numbers, so they must stay safe integers. */
export const MinorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const Id = z.string().trim().min(1).max(128);

const base = {
  /** Unique per event from the storefront; a redelivered event is recognised and ignored. */
  eventId: Id,
  customerId: Id,
  occurredAt: z.iso.datetime({ offset: true }).optional(),
};

export const SignedUpEvent = z.strictObject({
  ...base,
  type: z.literal('signed_up'),
  email: z.email().max(254),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  phone: z.string().trim().min(3).max(32).optional(),
  deviceId: z.string().trim().min(1).max(128).optional(),
  paymentFingerprint: z.string().trim().min(1).max(128).optional(),
  referralCode: z.string().trim().min(1).max(64).optional(),
});

export const OrderPlacedEvent = z.strictObject({
  ...base,
  type: z.literal('order_placed'),
  orderId: Id,
  amount: MinorUnits,
  categories: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  paymentFingerprint: z.string().trim().min(1).max(128).optional(),
});

export const OrderRefundedEvent = z.strictObject({
  ...base,
  type: z.literal('order_refunded'),
  orderId: Id,
  amount: MinorUnits.optional(),
});

export const ActiveEvent = z.strictObject({
  ...base,
  type: z.literal('active'),
  activity: z.string().trim().min(1).max(64).default('visit'),
});

export const ReviewSubmittedEvent = z.strictObject({
  ...base,
  type: z.literal('review_submitted'),
  orderId: Id.optional(),
  rating: z.number().int().min(1).max(5),
});

export const CustomerEventSchema = z.discriminatedUnion('type', [
  SignedUpEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  ActiveEvent,
  ReviewSubmittedEvent,
]);

export type CustomerEvent = z.infer<typeof CustomerEventSchema>;
export type CustomerEventInput = z.input<typeof CustomerEventSchema>;
export type CustomerEventType = CustomerEvent['type'];
export type OrderPlaced = z.infer<typeof OrderPlacedEvent>;
export type OrderRefunded = z.infer<typeof OrderRefundedEvent>;
export type SignedUp = z.infer<typeof SignedUpEvent>;
