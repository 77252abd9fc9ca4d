import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Ledger } from '../../ledger';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { FreeText, Id, IsoInstant, orderedPeriod, PositiveAmount } from './schemas';

const ByCampaign = z.array(z.object({ campaignId: z.string(), amount: z.number().int() }));
const PeriodQuery = z.strictObject({
  from: IsoInstant.meta({ example: '2026-01-01T00:00:00Z' }),
  to: IsoInstant.meta({ example: '2027-01-01T00:00:00Z' }),
});

/** Finance: outstanding credit liability, breakage, marketing expense, and the program budget that caps it all. */
export function createFinanceModule(ledger: Ledger): ApiModule {
  return defineModule({
    name: 'finance',
    description: 'Credit liability, breakage and marketing expense (seed 000: 财务合规).',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/finance/liability',
        operationId: 'getLiability',
        summary: 'Outstanding credit liability (unexpired, unused credit) by campaign',
        auth: ['finance'],
        response: {
          status: 200,
          schema: z.object({
            currency: z.string(),
            asOf: z.string(),
            total: z.number().int(),
            byCampaign: ByCampaign,
          }),
        },
        handler: () => ledger.outstandingLiability(new Date().toISOString()),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/finance/breakage',
        operationId: 'getBreakage',
        summary: 'Credit that expired unused in a period, by campaign',
        auth: ['finance'],
        request: { query: PeriodQuery.superRefine(orderedPeriod) },
        response: {
          status: 200,
          schema: z.object({
            currency: z.string(),
            from: z.string(),
            to: z.string(),
            total: z.number().int(),
            byCampaign: ByCampaign,
          }),
        },
        problemStatuses: [422],
        handler: ({ query }) => ledger.breakage(query),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/finance/expense',
        operationId: 'getMarketingExpense',
        summary: 'Marketing expense per campaign in a period (granted, redeemed, expired, revoked)',
        auth: ['finance'],
        request: { query: PeriodQuery.extend({ campaignId: Id.optional() }).superRefine(orderedPeriod) },
        response: {
          status: 200,
          schema: z.object({
            currency: z.string(),
            from: z.string(),
            to: z.string(),
            total: z.number().int(),
            campaigns: z.array(
              z.object({
                campaignId: z.string(),
                granted: z.number().int(),
                redeemed: z.number().int(),
                expired: z.number().int(),
                revoked: z.number().int(),
                released: z.number().int().meta({
                  description:
                    'Percent and free-shipping coupons: the unused part of their caps, back in the campaign budget.',
                }),
                points: z.number().int().meta({
                  description:
                    'Money value of points spent at checkout on this campaign’s points, net of refunds.',
                }),
                expense: z.number().int().meta({ description: 'redeemed + points.' }),
              }),
            ),
          }),
        },
        problemStatuses: [404, 422],
        handler: ({ query }) => ledger.marketingExpense(query),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/finance/program-budget',
        operationId: 'getProgramBudget',
        summary: 'The program-wide marketing budget: funded, allocated to campaigns, remaining',
        auth: ['finance', 'growth'],
        response: {
          status: 200,
          schema: z.object({
            currency: z.string(),
            funded: z.number().int(),
            allocated: z.number().int(),
            remaining: z.number().int(),
          }),
        },
        handler: () => ledger.programBudget(),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/finance/program-budget',
        operationId: 'fundProgramBudget',
        summary: 'Add money to the program-wide marketing budget (total cap of all campaigns)',
        auth: ['finance'],
        request: {
          body: z.strictObject({
            amount: PositiveAmount,
            memo: FreeText({ max: 200, allowBlank: true }).optional(),
          }),
        },
        response: {
          status: 201,
          schema: z.object({
            currency: z.string(),
            funded: z.number().int(),
            allocated: z.number().int(),
            remaining: z.number().int(),
          }),
        },
        problemStatuses: [422],
        handler: async ({ body, idempotencyKey, principal }) => {
          await ledger.fundProgram({
            // Idempotency-Keys are scoped per API key (hashed: a 255-character key must still fit the ledger's
            // 200); without one every request is a new funding: the X-Request-Id is the caller's and may repeat.
            idempotencyKey: `program-funding/${
              idempotencyKey
                ? createHash('sha256')
                    .update(`${principal?.keyId ?? ''}\n${idempotencyKey}`)
                    .digest('hex')
                : randomUUID()
            }`,
            amount: body.amount,
            asOf: new Date().toISOString(),
            ...(body.memo ? { memo: body.memo } : {}),
          });
          return ledger.programBudget();
        },
      }),
    ],
  });
}
