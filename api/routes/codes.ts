import { z } from 'zod';
import type { PromotionCodeService } from '../../services/promotion-codes';
import { displayCode } from '../../services/code-format';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { CodeText } from './code-text';
import { DecimalInteger, Id, IsoInstant, Label, PositiveAmount } from './schemas';

const Reward = z
  .strictObject({
    amount: PositiveAmount.meta({
      description:
        'The value of one claim; for percent and shipping coupons, their cap (reserved from the budget).',
    }),
    creditKind: z.enum(['cash', 'threshold', 'rebate', 'percent', 'shipping', 'gift']).default('cash'),
    giftSku: Id.optional().meta({
      description:
        'Gift items (赠品) only: the SKU one unit of which the claimed lot pays for; amount is its value.',
    }),
    percentBp: z.number().int().min(1).max(10_000).optional().meta({
      description: 'Percent coupons only: the rate off in basis points (2000 = 20 % off, 八折).',
    }),
    scope: z
      .discriminatedUnion('type', [
        z.strictObject({ type: z.literal('all') }),
        z.strictObject({ type: z.literal('categories'), categories: z.array(Label).min(1).max(50) }),
      ])
      .default({ type: 'all' }),
    stacking: z.enum(['stackable', 'exclusive']).default('stackable'),
    minOrderAmount: PositiveAmount.optional().meta({
      description:
        'Threshold coupons (满减): required. Percent and shipping coupons: optional. Others: none.',
    }),
    validForDays: z.number().int().min(1).max(3650).optional().meta({
      description: 'Days the claimed lot stays usable; without it the lot never expires.',
    }),
  })
  .superRefine((r, ctx) => {
    if (r.creditKind === 'threshold' && r.minOrderAmount === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['minOrderAmount'],
        message: 'threshold coupons need minOrderAmount',
      });
    }
    if ((r.creditKind === 'cash' || r.creditKind === 'rebate') && r.minOrderAmount !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['minOrderAmount'], message: 'only coupons have minOrderAmount' });
    }
    if ((r.creditKind === 'gift') !== (r.giftSku !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['giftSku'], message: 'gift items, and only they, have giftSku' });
    }
    if (r.creditKind === 'gift' && r.scope.type !== 'all') {
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: 'a gift item applies to its SKU, not to categories',
      });
    }
    if ((r.creditKind === 'percent') !== (r.percentBp !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['percentBp'],
        message: 'percent coupons, and only they, have percentBp',
      });
    }
  })
  .meta({ id: 'CodeReward', description: 'What one claim grants, from the campaign’s budget.' });

const expiresAt = IsoInstant.optional().meta({ description: 'No claims after this instant.' });

const NewCodeBatch = z
  .discriminatedUnion('kind', [
    z
      .strictObject({
        kind: z.literal('unique'),
        count: z.number().int().min(1).max(100_000).optional().meta({
          description: 'Unassigned codes: anyone may claim one. Give count or customerIds.',
        }),
        customerIds: z.array(Id).min(1).max(100_000).optional().meta({
          description: 'One code per customer, claimable only by them. Give count or customerIds.',
        }),
        reward: Reward,
        expiresAt,
      })
      .refine((b) => (b.count === undefined) !== (b.customerIds === undefined), {
        message: 'give either count or customerIds',
        path: ['count'],
      }),
    z.strictObject({
      kind: z.literal('shared'),
      code: CodeText.meta({ description: 'The public code, e.g. SPRING2026.' }),
      totalLimit: z.number().int().min(1).max(10_000_000).optional(),
      perCustomerLimit: z.number().int().min(1).max(1000).default(1),
      reward: Reward,
      expiresAt,
    }),
  ])
  .meta({ id: 'NewCodeBatch' });

const CodeBatchSchema = z
  .object({
    batchId: z.string(),
    campaignId: z.string(),
    kind: z.enum(['unique', 'shared']),
    reward: z.unknown(),
    expiresAt: z.string().nullable(),
    totalLimit: z.number().int().nullable(),
    perCustomerLimit: z.number().int(),
    codes: z.number().int(),
    claimed: z.number().int(),
    voided: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'CodeBatch' });

const CodeSchema = z
  .object({
    code: z.string(),
    display: z.string(),
    customerId: z.string().nullable(),
    status: z.enum(['active', 'void']),
    claims: z.number().int(),
  })
  .meta({ id: 'PromotionCode' });

const CodeView = z
  .object({
    code: z.string(),
    display: z.string(),
    status: z.enum(['active', 'void']),
    campaignId: z.string(),
    kind: z.enum(['unique', 'shared']),
    reward: z.unknown(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'PromotionCodeTerms' });

const ClaimSchema = z
  .object({
    claimId: z.string(),
    code: z.string(),
    customerId: z.string(),
    lotId: z.string(),
    amount: z.number().int(),
    expiresAt: z.string().nullable(),
    claimedAt: z.string(),
    created: z.boolean(),
  })
  .meta({ id: 'CodeClaim' });

const toCode = (c: {
  code: string;
  customerId: string | null;
  status: 'active' | 'void';
  claims: number;
}) => ({
  code: c.code,
  display: displayCode(c.code),
  customerId: c.customerId,
  status: c.status,
  claims: c.claims,
});

const toView = (found: Awaited<ReturnType<PromotionCodeService['lookup']>>) => ({
  code: found.code.code,
  display: displayCode(found.code.code),
  status: found.code.status,
  campaignId: found.batch.campaignId,
  kind: found.batch.kind,
  reward: found.batch.reward,
  expiresAt: found.batch.expiresAt,
});

const CodeParams = z.strictObject({ code: CodeText });

/** Promotion codes: bulk unique codes and shared codes per campaign, claimed into wallets (领取), voided by growth. */
export function createCodesModule(codes: PromotionCodeService): ApiModule {
  return defineModule({
    name: 'codes',
    description: 'Promotion codes (券码): generation, claim into the wallet, void.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/campaigns/:id/code-batches',
        operationId: 'createCodeBatch',
        summary: 'Generate unique codes or create a shared code for a campaign',
        description:
          'Unique codes are random (10 symbols + a check symbol, no 0/O/1/I/L), one claim each, optionally bound ' +
          'to given customers; a shared code has an optional total limit and a per-customer limit. A claim grants ' +
          'the reward from the campaign’s budget. Codes are listed by GET /v1/code-batches/{batchId}/codes.',
        auth: ['growth'],
        request: { params: z.strictObject({ id: Id }), body: NewCodeBatch },
        response: { status: 201, schema: CodeBatchSchema },
        problemStatuses: [404, 409, 422],
        handler: ({ params, body, principal }) =>
          codes.createBatch(params.id, body, principal?.keyId ?? null),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/code-batches/:batchId',
        operationId: 'getCodeBatch',
        summary: 'A code batch with its issued, claimed and voided counts',
        auth: ['growth', 'ops', 'finance'],
        request: { params: z.strictObject({ batchId: Id }) },
        response: { status: 200, schema: CodeBatchSchema },
        problemStatuses: [404],
        handler: ({ params }) => codes.summary(params.batchId),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/code-batches/:batchId/codes',
        operationId: 'listCodes',
        summary: 'A batch’s codes, in pages (for export to print or send)',
        auth: ['growth'],
        request: {
          params: z.strictObject({ batchId: Id }),
          query: z.strictObject({
            after: CodeText.optional().meta({ description: 'The last code of the previous page.' }),
            limit: DecimalInteger(1, 1000).default(100),
          }),
        },
        response: {
          status: 200,
          schema: z.object({ items: z.array(CodeSchema), next: z.string().nullable() }),
        },
        problemStatuses: [404, 422],
        handler: async ({ params, query }) => {
          const page = await codes.codes(params.batchId, {
            limit: query.limit,
            ...(query.after ? { after: query.after } : {}),
          });
          return { items: page.items.map(toCode), next: page.next };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/codes/:code',
        operationId: 'getCode',
        summary: 'A code’s status and terms (what a claim would grant)',
        auth: ['storefront', 'support', 'support-manager', 'growth'],
        request: { params: CodeParams },
        response: { status: 200, schema: CodeView },
        problemStatuses: [404, 422],
        handler: async ({ params }) => toView(await codes.lookup(params.code)),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/codes/:code/claim',
        operationId: 'claimCode',
        audit: false, // customer traffic: the journal and the ledger record it
        summary: 'Claim a code into a customer’s wallet (领取)',
        description:
          'Grants the code’s reward as a lot from the campaign’s budget. Claiming a single-use code the customer ' +
          'already holds answers the same claim again (created: false). 404 for unknown codes and codes bound to ' +
          'another customer; 409 void, exhausted or over the per-customer limit; 422 expired, mistyped (check ' +
          'symbol) or the campaign’s budget exhausted.',
        auth: ['storefront', 'support', 'support-manager'],
        request: { params: CodeParams, body: z.strictObject({ customerId: Id }) },
        response: { status: 201, schema: ClaimSchema },
        problemStatuses: [404, 409, 422],
        handler: async ({ params, body, principal }) => {
          const { claim, lot, created } = await codes.claim(
            params.code,
            body.customerId,
            principal?.keyId ?? null,
          );
          return {
            claimId: claim.claimId,
            code: claim.code,
            customerId: claim.customerId,
            lotId: lot.lotId,
            amount: lot.amount,
            expiresAt: lot.expiresAt,
            claimedAt: claim.claimedAt,
            created,
          };
        },
      }),
      defineRoute({
        method: 'post',
        path: '/v1/codes/:code/void',
        operationId: 'voidCode',
        summary: 'Void a code: no further claims (lots already claimed stay)',
        auth: ['growth'],
        request: { params: CodeParams },
        response: { status: 200, schema: CodeView },
        problemStatuses: [404, 409, 422],
        handler: async ({ params }) => toView(await codes.void(params.code)),
      }),
    ],
  });
}
