import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LoyaltyService, type Reward } from '../../services/loyalty';
import type { Fulfilment } from '../../services/reward-fulfilment';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { idFromIdempotencyKey } from '../platform/idempotency';
import { problems } from '../platform/problem';
import { FreeText, Id } from './schemas';

const INT32_MAX = 2 ** 31 - 1;

const RewardSchema = z
  .object({
    rewardId: z.string(),
    name: z.string(),
    pointsCost: z.number().int(),
    stock: z.number().int(),
    lowStockThreshold: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: 'Reward' });

const RewardBody = z
  .strictObject({
    name: FreeText({ max: 200 }).meta({ example: 'Tea mug' }),
    pointsCost: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ example: 500 }),
    stock: z.number().int().nonnegative().max(INT32_MAX).meta({ example: 20 }),
    lowStockThreshold: z
      .number()
      .int()
      .nonnegative()
      .max(INT32_MAX)
      .meta({ description: 'A support alert goes out when a redemption takes stock to or below it.' }),
    active: z.boolean().optional().meta({ description: 'False retires the reward (default true).' }),
  })
  .meta({ id: 'RewardUpsert' });

const Line = (max: number) => FreeText({ max });

const FulfilmentBody = z
  .discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('delivery'),
      address: z.strictObject({
        recipient: Line(100),
        phone: z.string().regex(/^\+?[0-9 -]{5,20}$/),
        line1: Line(200),
        line2: Line(200).optional(),
        city: Line(100),
        postalCode: z.string().regex(/^[A-Za-z0-9 -]{2,12}$/),
        country: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .meta({ description: 'ISO 3166-1 alpha-2', example: 'CN' }),
      }),
    }),
    z.strictObject({ mode: z.literal('pickup'), storeId: Id }),
  ])
  .meta({
    id: 'RewardFulfilmentRequest',
    description:
      'Delivery to an address (stored sealed) or pickup at a store; opens a reward-fulfilment task.',
  });

const FulfilmentSummary = z
  .object({
    redemptionId: z.string(),
    mode: z.enum(['delivery', 'pickup']),
    status: z.enum(['requested', 'shipped', 'ready', 'delivered', 'picked-up', 'cancelling', 'cancelled']),
    storeId: z.string().nullable(),
    taskId: z.number().int().nullable(),
    pointsReturnedTransactionId: z.string().nullable(),
  })
  .meta({ id: 'RewardFulfilment' });

export const FulfilmentSchema = FulfilmentSummary.extend({
  customerId: z.string(),
  rewardId: z.string(),
  address: z
    .object({
      recipient: z.string(),
      phone: z.string(),
      line1: z.string(),
      line2: z.string().optional(),
      city: z.string(),
      postalCode: z.string(),
      country: z.string(),
    })
    .nullable(),
}).meta({ id: 'RewardFulfilmentDetail' });

/** A fulfilment with its customer, reward and (opened) address, as support and the data export see it. */
export const fulfilmentDetail = (f: Fulfilment) => ({
  ...summary(f),
  customerId: f.customerId,
  rewardId: f.rewardId,
  address: f.address,
});

function summary(f: Fulfilment) {
  return {
    redemptionId: f.redemptionKey,
    mode: f.mode,
    status: f.status,
    storeId: f.storeId,
    taskId: f.taskId,
    pointsReturnedTransactionId: f.pointsReturnedTxn,
  };
}

const toApi = (r: Reward) => ({
  rewardId: r.rewardId,
  name: r.title,
  pointsCost: r.pointsCost,
  stock: r.stock,
  lowStockThreshold: r.lowStockThreshold,
  active: r.active,
});

export const PointsSchema = z
  .object({
    customerId: z.string(),
    balance: z.number().int(),
    lots: z.array(
      z.object({ lotId: z.string(), remaining: z.number().int(), expiresAt: z.string().nullable() }),
    ),
  })
  .meta({ id: 'PointsBalance' });

export const TierRow = z.object({
  campaignId: z.string(),
  tier: z.enum(['standard', 'silver', 'gold', 'diamond']),
  rollingSpend: z.number().int(),
  since: z.string(),
  updatedAt: z.string(),
});

const TierSchema = TierRow.extend({
  customerId: z.string(),
  byCampaign: z.array(TierRow).meta({ description: 'The tier in each member-tier campaign.' }),
}).meta({ id: 'MemberTier' });

const DisputeBody = z
  .strictObject({
    customerId: Id,
    orderId: Id,
    campaignId: Id.optional().meta({
      description: 'The points campaign; the only launched one if absent.',
    }),
    note: FreeText({ max: 500, multiline: true, allowBlank: true }).optional(),
  })
  .meta({ id: 'PointsDisputeRequest' });

const DisputeAccepted = z
  .object({
    disputeId: z.string(),
    campaignId: z.string(),
    workflowId: z.string(),
    status: z.enum(['awaiting-review', 'checking', 'refused', 'completed']).meta({
      description:
        'awaiting-review: approve or reject taskId with POST /v1/approvals/{taskId}; refused: the re-check found ' +
        'nothing to review (outcome says why); checking: still re-checking, follow GET /v1/journeys.',
    }),
    taskId: z.number().int().nullable(),
    outcome: z.string().nullable(),
  })
  .meta({ id: 'PointsDisputeAccepted' });

const DonationBody = z
  .strictObject({
    charityId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
      .meta({ example: 'green-earth', description: 'One of the charities the points campaign lists.' }),
    points: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ example: 500 }),
    campaignId: Id.optional().meta({ description: 'The points campaign (default: the only launched one).' }),
  })
  .meta({ id: 'PointsDonationRequest' });

const DonationSchema = z
  .object({
    donationId: z.string(),
    customerId: z.string(),
    charityId: z.string(),
    charityName: z.string(),
    points: z.number().int(),
    balance: z.number().int().meta({ description: 'The customer’s live points after the donation.' }),
    ledgerTransactionId: z.string(),
    certificateWorkflowId: z.string().meta({ description: 'The run that emails the donation certificate.' }),
  })
  .meta({ id: 'PointsDonation' });

/** Loyalty (积分): reward catalog with stock, redemptions with points, balances, member tiers, points disputes. */
export function createLoyaltyModule(loyalty: LoyaltyService): ApiModule {
  const customer = z.strictObject({ id: Id });
  return defineModule({
    name: 'loyalty',
    description: 'Points, rewards catalog (赠品兑换), member tiers and points disputes.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/loyalty/catalog',
        operationId: 'listRewards',
        summary: 'Active rewards with their points cost and stock',
        description:
          'The storefront (customer-facing) list hides rewards that are out of stock; growth and ops see every ' +
          'active reward, out-of-stock ones included.',
        auth: ['storefront', 'growth', 'ops'],
        response: { status: 200, schema: z.object({ items: z.array(RewardSchema) }) },
        handler: async ({ principal }) => {
          const staff = principal?.roles.some((r) => r === 'growth' || r === 'ops' || r === 'admin') ?? false;
          return { items: (await loyalty.catalog({ inStockOnly: !staff })).map(toApi) };
        },
      }),
      defineRoute({
        method: 'put',
        path: '/v1/loyalty/catalog/:rewardId',
        operationId: 'upsertReward',
        summary: 'Create or replace a reward (restock by setting stock)',
        auth: ['growth'],
        request: { params: z.strictObject({ rewardId: Id }), body: RewardBody },
        response: { status: 200, schema: RewardSchema },
        handler: async ({ params, body }) =>
          toApi(
            await loyalty.upsertReward({
              rewardId: params.rewardId,
              title: body.name,
              pointsCost: body.pointsCost,
              stock: body.stock,
              lowStockThreshold: body.lowStockThreshold,
              ...(body.active !== undefined ? { active: body.active } : {}),
            }),
          ),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/customers/:id/rewards',
        operationId: 'redeemReward',
        audit: false, // customer traffic: the journal and the ledger record it
        summary: 'Redeem a reward with points',
        description:
          'Takes one item of stock and spends its points cost. Send an Idempotency-Key: a retry replays the first ' +
          'redemption instead of redeeming twice. 422 out-of-stock, insufficient-points or unknown-reward; 409 ' +
          'stock-pending while the last items are held by redemptions still in flight (one may come back: ask again).',
        auth: ['storefront'],
        request: {
          params: customer,
          body: z.strictObject({ rewardId: Id, fulfilment: FulfilmentBody.optional() }),
        },
        response: {
          status: 201,
          schema: z
            .object({
              customerId: z.string(),
              rewardId: z.string(),
              redemptionId: z.string(),
              points: z.number().int(),
              stockLeft: z.number().int(),
              ledgerTransactionId: z.string(),
              fulfilment: FulfilmentSummary.nullable(),
            })
            .meta({ id: 'RewardRedemption' }),
        },
        problemStatuses: [409, 422],
        handler: async ({ params, body, principal, idempotencyKey }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          // Customer and reward are part of the id: after the platform's 24 h replay window, a reused key for
          // another redemption starts a new one instead of colliding with the first.
          const redemptionId = idempotencyKey
            ? idFromIdempotencyKey('rdm', principal.keyId, params.id, body.rewardId, idempotencyKey)
            : `rdm_${randomBytes(16).toString('hex')}`;
          const r = await loyalty.redeem(params.id, body.rewardId, redemptionId, body.fulfilment);
          return {
            customerId: params.id,
            rewardId: r.rewardId,
            redemptionId,
            points: r.points,
            stockLeft: r.stockLeft,
            ledgerTransactionId: r.ledgerTransactionId,
            fulfilment: r.fulfilment ? summary(r.fulfilment) : null,
          };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/loyalty/fulfilments/:redemptionId',
        operationId: 'getRewardFulfilment',
        summary: 'A redeemed reward’s fulfilment, with the delivery address (for support to ship it)',
        auth: ['support', 'support-manager'],
        request: { params: z.strictObject({ redemptionId: Id }) },
        response: { status: 200, schema: FulfilmentSchema },
        problemStatuses: [404],
        // It discloses a delivery address: who read it is recorded (never the address).
        audit: 'reads-too',
        handler: async ({ params }) => {
          const f = await loyalty.fulfilment(params.redemptionId);
          return fulfilmentDetail(f);
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/customers/:id/reward-fulfilments',
        operationId: 'listCustomerRewardFulfilments',
        summary:
          'A customer’s redeemed rewards being delivered or picked up, with their status (newest first)',
        description: 'For the storefront’s order page: status, mode and store; never the delivery address.',
        auth: ['storefront', 'support', 'support-manager'],
        request: { params: customer },
        response: {
          status: 200,
          schema: z.object({ items: z.array(FulfilmentSummary.extend({ rewardId: z.string() })) }),
        },
        handler: async ({ params }) => ({
          items: (await loyalty.customerFulfilments(params.id)).map((f) => ({
            ...summary(f),
            rewardId: f.rewardId,
          })),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/loyalty/fulfilments/:redemptionId/status',
        operationId: 'advanceRewardFulfilment',
        summary: 'Move a reward fulfilment on: shipped → delivered, ready → picked-up, or cancelled',
        description:
          'Delivery: requested → shipped → delivered; pickup: requested → ready → picked-up. Closing the ' +
          'fulfilment support task done ships it / makes it ready. cancelled (until the customer has the item) ' +
          'gives the points back and puts the item back into stock. 409 fulfilment-status for a step that does ' +
          'not follow.',
        auth: ['support', 'support-manager'],
        request: {
          params: z.strictObject({ redemptionId: Id }),
          body: z.strictObject({
            status: z.enum(['shipped', 'ready', 'delivered', 'picked-up', 'cancelled']),
          }),
        },
        response: { status: 200, schema: FulfilmentSummary },
        problemStatuses: [404, 409],
        handler: async ({ params, body }) =>
          summary(await loyalty.advanceFulfilment(params.redemptionId, body.status)),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/customers/:id/points',
        operationId: 'getPoints',
        summary: 'A customer’s points: balance and live lots with expiry (soonest first)',
        auth: ['storefront', 'support', 'support-manager', 'ops'],
        request: { params: customer },
        response: { status: 200, schema: PointsSchema },
        handler: ({ params }) => loyalty.points(params.id),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/customers/:id/points/donations',
        operationId: 'donatePoints',
        audit: false, // customer traffic: the ledger and the certificate run record it
        summary: 'Donate points to a charity (积分捐赠公益)',
        description:
          'Moves the points to the charity’s points account in the ledger and emails the customer a donation ' +
          'certificate (zh-CN/en). Send an Idempotency-Key: a retry replays the first donation. 422 ' +
          'insufficient-points (nothing moved), unknown-charity or no-points-campaign.',
        auth: ['storefront'],
        request: { params: customer, body: DonationBody },
        response: { status: 201, schema: DonationSchema },
        problemStatuses: [422],
        handler: ({ params, body, principal, idempotencyKey }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          const donationId = idempotencyKey
            ? idFromIdempotencyKey('don', principal.keyId, params.id, idempotencyKey)
            : `don_${randomBytes(16).toString('hex')}`;
          return loyalty.donate({
            customerId: params.id,
            charityId: body.charityId,
            points: body.points,
            donationId,
            ...(body.campaignId ? { campaignId: body.campaignId } : {}),
          });
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/customers/:id/tier',
        operationId: 'getMemberTier',
        summary: 'A customer’s current member tier',
        auth: ['storefront', 'support', 'growth', 'ops'],
        request: { params: customer },
        response: { status: 200, schema: TierSchema },
        problemStatuses: [404],
        handler: async ({ params }) => {
          const tier = await loyalty.tier(params.id);
          if (!tier) throw problems.notFound(`Customer ${params.id} has no member tier.`);
          return tier;
        },
      }),
      defineRoute({
        method: 'post',
        path: '/v1/points/disputes',
        operationId: 'openPointsDispute',
        summary: 'Open a points dispute (积分遗漏争议) for review',
        description:
          'Starts the dispute review under the launched points campaign: the order is re-checked and, when points ' +
          'are missing, a points-dispute task waits for a support manager (POST /v1/approvals/{taskId}).',
        auth: ['support'],
        request: { body: DisputeBody },
        response: { status: 202, schema: DisputeAccepted },
        problemStatuses: [422],
        handler: ({ body, principal, idempotencyKey }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          return loyalty.openDispute({
            ...body,
            ...(idempotencyKey
              ? { disputeId: idFromIdempotencyKey('dsp', principal.keyId, idempotencyKey) }
              : {}),
          });
        },
      }),
    ],
  });
}
