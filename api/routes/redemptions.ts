import { z } from 'zod';
import type { Ledger } from '../../ledger';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { Id, Label, PositiveAmount } from './schemas';

const OrderSchema = z.strictObject({
  orderId: Id,
  amount: PositiveAmount,
  categories: z.array(Label).max(50).default([]),
  lines: z
    .array(z.strictObject({ category: Label, amount: PositiveAmount }))
    .max(200)
    .optional(),
});

const RedemptionBody = z
  .strictObject({
    customerId: Id,
    order: OrderSchema,
    /** false: only quote; true: apply the credit to the order. */
    commit: z.boolean().default(false),
    maxAmount: PositiveAmount.optional(),
  })
  .meta({ id: 'RedemptionRequest' });

const RedemptionSchema = z
  .object({
    redemptionId: z.string().optional(),
    committed: z.boolean(),
    applied: z.array(z.object({ lotId: z.string(), kind: z.string(), amount: z.number().int() })),
    total: z.number().int(),
    payable: z.number().int(),
  })
  .meta({ id: 'Redemption' });

/** Checkout: quote which credit applies to an order, then commit it (soonest-expiring lots first). */
export function createRedemptionsModule(ledger: Ledger): ApiModule {
  return defineModule({
    name: 'redemptions',
    description: 'Redeeming credit against an order at checkout.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/redemptions',
        operationId: 'redeemCredit',
        summary: 'Quote or commit a redemption of credit against an order',
        description:
          'Eligible lots apply soonest-expiring first; threshold coupons only when the order qualifies; exclusive ' +
          'lots never combine. With commit=true the credit is applied once per order: a different request for the ' +
          'same order is a 409. A refund of the order (order_refunded event) gives the credit back.',
        auth: ['storefront'],
        request: { body: RedemptionBody },
        response: { status: 200, schema: RedemptionSchema },
        problemStatuses: [409, 422],
        handler: async ({ body }) => {
          const input = {
            customerId: body.customerId,
            order: body.order,
            asOf: new Date().toISOString(),
            ...(body.maxAmount !== undefined ? { maxAmount: body.maxAmount } : {}),
          };
          if (!body.commit) return { ...(await ledger.quoteRedemption(input)), committed: false };
          const result = await ledger.redeem({ ...input, idempotencyKey: `order/${body.order.orderId}` });
          return { ...result, committed: true };
        },
      }),
    ],
  });
}
