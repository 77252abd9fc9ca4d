import { z } from 'zod';
import type { KpiService } from '../../services/kpis';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { Id } from './schemas';

const Money = z.number().int();
const Count = z.number().int().nonnegative();
const Ratio = z
  .string()
  .regex(/^-?\d+\.\d{4}$/)
  .nullable();

const DailyPointSchema = z.object({
  day: z.string().meta({ description: 'UTC calendar day (YYYY-MM-DD) of business time.' }),
  lotsGranted: Count,
  amountGranted: Money,
  amountRedeemed: Money.meta({ description: 'Credit applied to orders that day.' }),
  amountReversed: Money.meta({
    description: 'Credit given back that day by refunds of earlier redemptions.',
  }),
  amountRedeemedNet: Money,
});

const MetricsSchema = z
  .object({
    journeysStarted: Count.meta({
      description: 'Distinct journey workflow ids with recorded steps for the campaign.',
    }),
    journeysExcluded: Count.meta({
      description:
        'Of those, journeys refused with the outcome `excluded`: another campaign of the exclusivity group pays ' +
        'the customer (a refusal, not a failure).',
    }),
    customersReached: Count.meta({ description: 'Distinct customers of those journeys.' }),
    credits: z.object({
      lotsGranted: Count.meta({ description: 'Credit lots the campaign granted (one grant = one lot).' }),
      amountGranted: Money.meta({ description: 'Their original amounts (minor units).' }),
      customersGranted: Count,
      lotsClaimed: Count.meta({
        description:
          'Lots claimed: a lot counts as claimed once any of it was redeemed on an order that was not refunded ' +
          '(its net redeemed amount is > 0). perkflow grants credit straight into the wallet, so the coupon-centre ' +
          'sense of 领取 (pressing “claim”) does not exist; using the credit is the customer’s first act on it.',
      }),
      customersConverted: Count.meta({ description: 'Customers owning at least one claimed lot.' }),
      amountRedeemed: Money.meta({ description: 'Credit applied to orders (gross, before refunds).' }),
      amountReversed: Money.meta({ description: 'Credit given back by refunded orders.' }),
    }),
    grantRate: Ratio.meta({
      description:
        'customersGranted / customersReached: share of reached customers who got credit (decimal string).',
    }),
    claimRate: Ratio.meta({ description: '领取率: lotsClaimed / lotsGranted (decimal string, 4 places).' }),
    redemptionRate: Ratio.meta({
      description: '核销率: cost / amountGranted — redeemed net of refunds over granted.',
    }),
    attributedGmv: Money.meta({
      description:
        '带来的GMV: order amounts of the orders that redeemed this campaign’s credit, refunded orders excluded. An order ' +
        'paid with credit of several campaigns counts in full for each of them.',
    }),
    ordersAttributed: Count,
    ordersRefunded: Count.meta({
      description: 'Orders that redeemed the campaign’s credit and were refunded.',
    }),
    refundedGmv: Money,
    cost: Money.meta({
      description:
        'Credit cost: redeemed net of reversals — the marketing expense the finance view recognises ' +
        '(granted but unused credit is a liability, breakage is not a cost).',
    }),
    roi: Ratio.meta({
      description:
        '投入产出比: (attributedGmv − cost) / cost as a decimal string (4 places); null while cost is 0.',
    }),
    series: z
      .array(DailyPointSchema)
      .meta({ description: 'Days with issuance or redemption activity, ascending.' }),
  })
  .meta({ id: 'KpiMetrics' });

const IntervalSchema = z.object({ low: z.number(), high: z.number() }).nullable();

const CampaignKpisSchema = z
  .object({
    campaignId: z.string(),
    journeyType: z.string(),
    currency: z.string(),
    generatedAt: z.string(),
    totals: MetricsSchema,
    referrals: z
      .object({
        referrals: Count,
        valid: Count.meta({ description: 'Referrals not refused as ineligible.' }),
        paid: Count,
        conversion: Ratio.meta({ description: '推荐→成交: paid / referrals.' }),
      })
      .optional()
      .meta({ description: 'Referral campaigns only.' }),
    codes: z
      .object({
        issued: Count,
        claimed: Count,
        claimRate: Ratio.meta({ description: '领取率: codes claimed / codes issued.' }),
      })
      .optional()
      .meta({ description: 'Campaigns that issued promotion codes only.' }),
    abTest: z
      .object({
        metric: z.literal('customer-conversion'),
        confidence: z.literal(0.95),
        variants: z.array(
          z.object({
            name: z.string(),
            weight: z.number().int(),
            customersAssigned: Count,
            conversion: z
              .object({
                converted: Count,
                assigned: Count,
                rate: z.number().nullable(),
                ci95: IntervalSchema.meta({ description: 'Wilson score interval.' }),
              })
              .meta({
                description:
                  'Customers assigned to the variant who converted (own a claimed lot of the campaign): the unit of ' +
                  'randomisation is the customer, so this is the proportion the test compares.',
              }),
            metrics: MetricsSchema,
          }),
        ),
        // A union, not .nullable(): nullable on a registered schema is published as allOf [$ref, null], which null fails.
        unassigned: z.union([MetricsSchema, z.null()]),
        comparisons: z.array(
          z.object({
            variant: z.string(),
            baseline: z.string().meta({ description: 'The first declared variant.' }),
            difference: z.number().nullable(),
            ci95: IntervalSchema.meta({
              description: 'Newcombe hybrid score interval (from the Wilson intervals).',
            }),
            significant: z.boolean().nullable(),
          }),
        ),
      })
      .optional()
      .meta({ description: 'Campaigns with A/B variants only.' }),
  })
  .meta({ id: 'CampaignKpis' });

const LeaderboardSchema = z
  .object({
    month: z.string(),
    from: z.string(),
    to: z.string(),
    entries: z.array(
      z.object({
        rank: z.number().int(),
        referrerId: z.string(),
        paidReferrals: Count,
        reachedAt: z
          .string()
          .meta({ description: 'When the month’s last paid referral was paid (tie-break).' }),
        paidReferralsAllTime: Count,
        ambassador: z.boolean().meta({ description: '品牌推荐官: at least 10 paid referrals all-time.' }),
      }),
    ),
  })
  .meta({ id: 'ReferralLeaderboard' });

const currentMonth = () => new Date().toISOString().slice(0, 7);

export function createKpisModule(kpis: KpiService): ApiModule {
  return defineModule({
    name: 'kpis',
    description:
      'Campaign KPIs (claim and redemption rates, GMV, ROI, A/B comparison) and the referral leaderboard.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/campaigns/:id/kpis',
        operationId: 'getCampaignKpis',
        summary: 'KPIs of a campaign',
        description:
          'Seed 000 监控指标: claim rate, redemption rate, attributed GMV and ROI, with daily issuance/redemption ' +
          'series; per A/B variant with a 95 % Wilson interval on customer conversion. Money in integer minor units, ' +
          'ratios as decimal strings. A chart page is at /kpis/{campaignId}.',
        auth: ['growth', 'finance', 'ops'],
        request: { params: z.strictObject({ id: Id }) },
        response: { status: 200, schema: CampaignKpisSchema },
        problemStatuses: [404],
        handler: ({ params }) => kpis.campaignKpis(params.id),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/referrals/leaderboard',
        operationId: 'getReferralLeaderboard',
        summary: 'Monthly top-10 referrers (推荐达人TOP10)',
        description:
          'Referrers ranked by referrals paid in the UTC calendar month; ties go to whoever reached the count first, ' +
          'then to the referrer id. Default month: the current one.',
        auth: ['growth', 'finance', 'ops'],
        request: {
          query: z.strictObject({
            month: z
              .string()
              .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
              .optional(),
          }),
        },
        response: { status: 200, schema: LeaderboardSchema },
        handler: ({ query }) => kpis.leaderboard(query.month ?? currentMonth()),
      }),
    ],
  });
}
