import { z } from 'zod';
import type { Ledger } from '../../ledger';
import type { CampaignService } from '../../services/campaigns';
import { campaignPointsBudget } from '../../services/points-budgets';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { Id, IsoInstant, orderedPeriod } from './schemas';

const PointsTermsSchema = z
  .strictObject({
    points: z
      .number()
      .int()
      .min(1)
      .max(1_000_000_000)
      .meta({ description: 'This many points …', example: 100 }),
    minor: z
      .number()
      .int()
      .min(1)
      .max(1_000_000_000)
      .meta({ description: '… are worth this many minor units (100 points = 1.00: points 100, minor 100).' }),
    minPoints: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .meta({ description: 'Fewest points an order may spend.', example: 100 }),
    maxShareBp: z.number().int().min(1).max(10_000).meta({
      description: 'Most of an order amount points may pay, in basis points (5000 = 50 %).',
      example: 5000,
    }),
  })
  .meta({ id: 'PointsTerms' });

const PointsByCampaign = z.array(
  z.object({ campaignId: z.string().nullable(), points: z.number().int(), value: z.number().int() }),
);
const Activity = z.object({
  earned: z.number().int(),
  redeemed: z
    .number()
    .int()
    .meta({ description: 'Spent on catalog rewards or deducted for refunded orders.' }),
  spentAtCheckout: z
    .number()
    .int()
    .meta({ description: 'Spent at checkout, net of what refunds gave back.' }),
  expired: z.number().int(),
  expense: z
    .number()
    .int()
    .meta({ description: 'Money value of the points spent at checkout, net of refunds.' }),
});

/** Points economics: a campaign's points budget, points liability and activity, the program's points terms. */
export function createPointsEconomicsModule(ledger: Ledger, campaigns: CampaignService): ApiModule {
  return defineModule({
    name: 'points-economics',
    description: 'Points budgets, the money value of points, points liability and points spent at checkout.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/campaigns/:id/points-budget',
        operationId: 'getCampaignPointsBudget',
        summary: 'A campaign’s points budget: the cap, points earned, points left',
        description:
          'The cap is the points config’s pointsBudget (null: unlimited); earned counts every point the campaign’s ' +
          'journeys issued. An earn past the cap earns the part that fits, one at an empty budget nothing.',
        auth: ['growth', 'finance', 'ops'],
        request: { params: z.strictObject({ id: Id }) },
        response: {
          status: 200,
          schema: z.object({
            campaignId: z.string(),
            journeyType: z.string(),
            configured: z.number().int().nullable(),
            budget: z.number().int().nullable(),
            earned: z.number().int(),
            remaining: z.number().int().nullable(),
          }),
        },
        problemStatuses: [404],
        handler: ({ params }) => campaignPointsBudget(ledger, campaigns, params.id),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/finance/points-terms',
        operationId: 'getPointsTerms',
        summary: 'The money value of a point and the per-order minimum and maximum of points as payment',
        auth: ['finance', 'growth', 'storefront'],
        response: { status: 200, schema: PointsTermsSchema },
        handler: () => ledger.pointsTerms(),
      }),
      defineRoute({
        method: 'put',
        path: '/v1/finance/points-terms',
        operationId: 'setPointsTerms',
        summary: 'Set the money value of a point and the per-order minimum and maximum',
        description:
          'Applies to payments from now on (each redemption keeps the rate it was paid at, and its refunds use it); ' +
          'the points liability is valued at the current rate.',
        auth: ['finance'],
        request: { body: PointsTermsSchema },
        response: { status: 200, schema: PointsTermsSchema },
        problemStatuses: [422],
        handler: ({ body }) => ledger.setPointsTerms(body),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/finance/points-liability',
        operationId: 'getPointsLiability',
        summary: 'Outstanding points (unexpired, unspent) by campaign, with their money value',
        auth: ['finance'],
        response: {
          status: 200,
          schema: z.object({
            currency: z.string(),
            asOf: z.string(),
            rate: z.object({ points: z.number().int(), minor: z.number().int() }),
            points: z.number().int(),
            value: z.number().int(),
            byCampaign: PointsByCampaign,
          }),
        },
        handler: () => ledger.pointsLiability(new Date().toISOString()),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/finance/points',
        operationId: 'getPointsActivity',
        summary: 'Points earned, redeemed, spent at checkout and expired in a period, and the points expense',
        auth: ['finance'],
        request: {
          query: z
            .strictObject({
              from: IsoInstant.meta({ example: '2026-01-01T00:00:00Z' }),
              to: IsoInstant.meta({ example: '2027-01-01T00:00:00Z' }),
              campaignId: Id.optional(),
            })
            .superRefine(orderedPeriod),
        },
        response: {
          status: 200,
          schema: z.object({
            currency: z.string(),
            from: z.string(),
            to: z.string(),
            campaigns: z.array(Activity.extend({ campaignId: z.string().nullable() })),
            totals: Activity,
          }),
        },
        problemStatuses: [422],
        handler: ({ query }) => ledger.pointsActivity(query),
      }),
    ],
  });
}
