import { z } from 'zod';
import { linesWithinAmount } from '../../contracts/order-lines';
import type { Ledger } from '../../ledger';
import type { PromotionCodeService } from '../../services/promotion-codes';
import { CodeText } from './code-text';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { Id, Label, PositiveAmount } from './schemas';

const OrderSchema = z
  .strictObject({
    orderId: Id,
    amount: PositiveAmount,
    categories: z.array(Label).max(50).default([]),
    lines: z
      .array(
        z.strictObject({
          category: Label,
          amount: PositiveAmount,
          sku: Id.optional().meta({
            description: 'The item: gift lots (赠品) pay for one unit of the SKU they name.',
          }),
          quantity: z.number().int().min(1).max(1_000_000).optional().meta({
            description: 'Units in the line (default 1); one unit costs amount / quantity, rounded down.',
          }),
        }),
      )
      .max(200)
      .optional(),
    shippingAmount: z
      .number()
      .int()
      .nonnegative()
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .meta({
        description:
          'The shipping part of amount (outside the lines): what free-shipping coupons pay for; percent coupons never ' +
          'discount it. Lines and shipping together may not exceed amount (422).',
      }),
  })
  // Said here, at the field, rather than by the ledger's own check (which names its input, not this body).
  .refine(linesWithinAmount, {
    path: ['lines'],
    message: 'the lines and the shipping together exceed the order amount',
  });

const RedemptionBody = z
  .strictObject({
    customerId: Id,
    order: OrderSchema,
    /** false: only quote; true: apply the credit to the order. */
    commit: z.boolean().default(false),
    maxAmount: PositiveAmount.optional(),
    codes: z
      .array(CodeText)
      .max(10)
      .optional()
      .meta({
        description:
          'Promotion codes the shopper entered: each is claimed into the wallet first (as POST /v1/codes/{code}/claim; ' +
          'a code the customer already holds is not claimed again), also on a quote; its lot then applies with the ' +
          'stacking rules like any other.',
      }),
    points: z
      .number()
      .int()
      .min(1)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .meta({
        description:
          'Points to pay with, at the program rate (GET /v1/finance/points-terms), after all discounts and credit. ' +
          'A multiple of the rate step (a whole minor unit); at least minPoints; worth at most maxShareBp of the ' +
          'order amount and no more than credit left payable (422 points-below-minimum, points-above-maximum, ' +
          'insufficient-balance, invalid-input; nothing written). Also on a quote.',
        example: 500,
      }),
  })
  .meta({ id: 'RedemptionRequest' });

const RedemptionSchema = z
  .object({
    redemptionId: z.string().optional(),
    committed: z.boolean(),
    applied: z.array(
      z.object({
        lotId: z.string(),
        kind: z.string(),
        amount: z.number().int(),
        forfeited: z
          .number()
          .int()
          .optional()
          .meta({ description: 'Threshold coupon value beyond the order.' }),
        released: z.number().int().optional().meta({
          description: 'Percent and shipping coupons: the unused cap, given back to the campaign budget.',
        }),
        parts: z
          .array(
            z.object({
              line: z.number().int().optional(),
              shipping: z.boolean().optional(),
              amount: z.number().int(),
            }),
          )
          .optional()
          .meta({
            description: 'Orders with lines or shipping: what this lot paid for, by line index or shipping.',
          }),
      }),
    ),
    total: z.number().int(),
    payable: z.number().int(),
    lines: z
      .array(
        z.object({
          line: z.number().int(),
          category: z.string(),
          amount: z.number().int(),
          discount: z.number().int(),
        }),
      )
      .optional()
      .meta({ description: 'Orders with lines: each line with the credit and discounts applied to it.' }),
    shippingDiscount: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Orders with a shipping part: the credit applied to shipping.' }),
    points: z
      .object({
        points: z.number().int(),
        value: z.number().int(),
        rate: z.object({ points: z.number().int(), minor: z.number().int() }),
      })
      .optional()
      .meta({
        description: 'Points paying part of the order, their value (taken off payable) and the rate used.',
      }),
    codes: z
      .array(z.object({ code: z.string(), lotId: z.string(), applied: z.boolean() }))
      .optional()
      .meta({
        description: 'The codes named in the request, each with its lot and whether the plan used it.',
      }),
  })
  .meta({ id: 'Redemption' });

/** Checkout: quote which credit applies to an order, then commit it (soonest-expiring lots first). */
export function createRedemptionsModule(ledger: Ledger, codes: PromotionCodeService): ApiModule {
  return defineModule({
    name: 'redemptions',
    description: 'Redeeming credit against an order at checkout.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/redemptions',
        operationId: 'redeemCredit',
        audit: false, // customer traffic: the journal and the ledger record it
        summary: 'Quote or commit a redemption of credit against an order',
        description:
          'Eligible lots apply soonest-expiring first: percent coupons (rate off the eligible lines, capped), then ' +
          'free-shipping coupons, then threshold coupons when the order qualifies, then cash and rebate credit; ' +
          "exclusive lots never combine. With lines, the answer shows each line's discount. With commit=true the credit is applied once per order: a different request for the " +
          'same order is a 409. A refund of the order (order_refunded event) gives the credit back: a refund of part ' +
          'of the order (its amount) gives back that share of cash and rebate credit, coupons come back with the ' +
          'refund that completes the order. `points` pays part of what is left with points at the program rate ' +
          '(after discounts and credit); a refund gives points back in the same proportion.',
        auth: ['storefront'],
        request: { body: RedemptionBody },
        response: { status: 200, schema: RedemptionSchema },
        problemStatuses: [404, 409, 422],
        handler: async ({ body, principal }) => {
          const claimed: { code: string; lotId: string }[] = [];
          for (const text of new Set(body.codes ?? [])) {
            const { claim, lot } = await codes.ensureClaimed(text, body.customerId, principal?.keyId ?? null);
            claimed.push({ code: claim.code, lotId: lot.lotId });
          }
          const withCodes = <T extends { applied: { lotId: string }[] }>(plan: T) =>
            body.codes === undefined
              ? plan
              : {
                  ...plan,
                  codes: claimed.map((c) => ({
                    ...c,
                    applied: plan.applied.some((a) => a.lotId === c.lotId),
                  })),
                };
          const input = {
            customerId: body.customerId,
            order: body.order,
            asOf: new Date().toISOString(),
            ...(body.maxAmount !== undefined ? { maxAmount: body.maxAmount } : {}),
            ...(body.points !== undefined ? { points: body.points } : {}),
          };
          if (!body.commit) return withCodes({ ...(await ledger.quoteRedemption(input)), committed: false });
          const result = await ledger.redeem({ ...input, idempotencyKey: `order/${body.order.orderId}` });
          return withCodes({ ...result, committed: true });
        },
      }),
    ],
  });
}
