import { z } from 'zod';
import type { ManualAdjustmentService } from '../../services/manual-adjustments';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { idFromIdempotencyKey } from '../platform/idempotency';
import { problems } from '../platform/problem';
import { DecimalInteger, FreeText, Id, pageOf, PositiveAmount } from './schemas';

// 480: the ledger keeps 500 characters of a reason, and a void or clawback prefixes it ('manual clawback: ').
const Reason = FreeText({ min: 3, max: 480, multiline: true }).meta({
  example: 'duplicate grant, ticket #4411',
});

const AdjustmentRequest = z
  .discriminatedUnion('action', [
    z
      .strictObject({
        action: z.literal('grant'),
        campaignId: Id.meta({ description: 'The launched or paused campaign whose budget pays.' }),
        amount: PositiveAmount.meta({
          description: 'The credit; for percent and shipping coupons, their cap.',
        }),
        creditKind: z.enum(['cash', 'rebate', 'percent', 'shipping']).default('cash'),
        percentBp: z.number().int().min(1).max(10_000).optional().meta({
          description: 'Percent coupons only: the rate off in basis points (1000 = 10 % off, 九折).',
        }),
        minOrderAmount: PositiveAmount.optional().meta({
          description: 'Percent and shipping coupons only: the order (goods) they need.',
        }),
        validForDays: z.number().int().min(1).max(3650).optional(),
        reason: Reason,
      })
      .superRefine((g, ctx) => {
        if ((g.creditKind === 'percent') !== (g.percentBp !== undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: ['percentBp'],
            message: 'percent coupons, and only they, have percentBp',
          });
        }
        if (g.minOrderAmount !== undefined && g.creditKind !== 'percent' && g.creditKind !== 'shipping') {
          ctx.addIssue({
            code: 'custom',
            path: ['minOrderAmount'],
            message: 'only coupons have minOrderAmount',
          });
        }
      }),
    z.strictObject({
      action: z
        .literal('void')
        .meta({ description: 'Withdraw a lot nobody has used yet (Stripe’s void grant).' }),
      lotId: z.uuid(),
      reason: Reason,
    }),
    z.strictObject({
      action: z
        .literal('clawback')
        .meta({ description: 'Withdraw what is left of a lot; what was spent stays.' }),
      lotId: z.uuid(),
      reason: Reason,
    }),
  ])
  .meta({ id: 'ManualAdjustmentRequest' });

const AdjustmentSchema = z
  .object({
    adjustmentId: z.string(),
    customerId: z.string(),
    action: z.enum(['grant', 'void', 'clawback']),
    campaignId: z.string().nullable(),
    lotId: z.string().nullable(),
    amount: z
      .number()
      .int()
      .meta({ description: 'grant: the amount; void/clawback: the lot’s value left when asked.' }),
    creditKind: z.string().nullable(),
    percentBp: z.number().int().nullable(),
    minOrderAmount: z.number().int().nullable(),
    validForDays: z.number().int().nullable(),
    reason: z.string(),
    status: z.enum(['pending-approval', 'approved', 'executed', 'rejected', 'refused']),
    requestedBy: z.string(),
    requestedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    outcome: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'ManualAdjustment' });

const AUTHORITY = ['support-manager', 'finance'] as const;

/** Credit granted, voided or clawed back by hand, with a reason, four eyes above the approval threshold. */
export function createAdjustmentsModule(adjustments: ManualAdjustmentService): ApiModule {
  return defineModule({
    name: 'adjustments',
    description: 'Manual credit operations (grant, void, claw back) with a reason and four-eyes approval.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/customers/:id/adjustments',
        operationId: 'requestAdjustment',
        summary: 'Grant, void or claw back credit by hand',
        description:
          'Below the approval threshold it runs at once (status executed); at or above it waits for a second ' +
          'support manager or finance key (status pending-approval, decided with POST /v1/adjustments/{id}/decision). ' +
          'With an Idempotency-Key a retried request answers the same adjustment.',
        auth: AUTHORITY,
        request: { params: z.strictObject({ id: Id }), body: AdjustmentRequest },
        response: { status: 201, schema: AdjustmentSchema },
        problemStatuses: [404, 409, 422],
        handler: async ({ params, body, principal, idempotencyKey }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          const id = idempotencyKey
            ? idFromIdempotencyKey('adj', principal.keyId, idempotencyKey)
            : undefined;
          return adjustments.request(params.id, body, principal.keyId, id);
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/adjustments',
        operationId: 'listAdjustments',
        summary: 'Manual adjustments, newest first, in pages (e.g. those waiting for approval)',
        auth: [...AUTHORITY, 'ops'],
        request: {
          query: z.strictObject({
            status: z.enum(['pending-approval', 'approved', 'executed', 'rejected', 'refused']).optional(),
            customerId: Id.optional(),
            limit: DecimalInteger(1, 200).default(50),
            after: Id.optional().meta({
              description: 'The `next` of the previous page (absent: the newest).',
            }),
          }),
        },
        response: { status: 200, schema: pageOf(AdjustmentSchema) },
        problemStatuses: [422],
        handler: ({ query: { after, ...filter } }) =>
          adjustments.list({ ...filter, ...(after ? { after } : {}) }),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/adjustments/:adjustmentId/decision',
        operationId: 'decideAdjustment',
        summary: 'Approve (and run) or reject an adjustment waiting for a second person',
        description: 'The person who asked cannot decide (422 own-request).',
        auth: AUTHORITY,
        request: {
          params: z.strictObject({ adjustmentId: Id }),
          body: z.strictObject({
            decision: z.enum(['approve', 'reject']),
            note: FreeText({ max: 500, multiline: true }).optional(),
          }),
        },
        response: { status: 200, schema: AdjustmentSchema },
        problemStatuses: [404, 409, 422],
        handler: async ({ params, body, principal }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          return adjustments.decide(params.adjustmentId, body.decision, body.note ?? null, principal.keyId);
        },
      }),
    ],
  });
}
