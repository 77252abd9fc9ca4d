import { z } from 'zod';
import type { Ledger } from '../../ledger';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { DecimalInteger, Id } from './schemas';

export const LotSchema = z
  .object({
    lotId: z.string(),
    kind: z.enum(['cash', 'threshold', 'rebate', 'percent', 'shipping', 'gift']),
    remaining: z.number().int(),
    original: z.number().int(),
    expiresAt: z.string().nullable(),
    scope: z.unknown(),
    stacking: z.string(),
    minOrderAmount: z.number().int().nullable(),
    percentBp: z.number().int().nullable().meta({
      description: 'Percent coupons: basis points off (1000 = 10 %); remaining is the most they take off.',
    }),
    giftSku: z.string().nullable().meta({
      description:
        'Gift items (赠品): the SKU one unit of which the lot pays for; remaining is the most it pays.',
    }),
    campaignId: z.string(),
  })
  .meta({ id: 'CreditLot' });

export const StatementEntrySchema = z.object({
  transactionId: z.string(),
  type: z.string(),
  amount: z.number().int(),
  lotId: z.string(),
  occurredAt: z.string(),
  memo: z.string().nullable(),
});

const WalletSchema = z
  .object({
    customerId: z.string(),
    currency: z.string(),
    balance: z.number().int(),
    byKind: z.record(z.string(), z.number().int()),
    lots: z.array(LotSchema),
    expiringSoon: z.array(LotSchema.extend({ customerId: z.string() }).partial({ customerId: true })),
    points: z.number().int(),
  })
  .meta({ id: 'Wallet' });

const READERS = ['storefront', 'support', 'support-manager', 'finance', 'ops'] as const;

/** What a customer sees through the storefront: balance, lots with expiry, history. */
export function createWalletModule(ledger: Ledger): ApiModule {
  return defineModule({
    name: 'wallet',
    description: 'Customer wallets: balance by kind, lots with expiry, statement.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/customers/:id/wallet',
        operationId: 'getWallet',
        summary: 'A customer’s wallet',
        auth: READERS,
        request: {
          params: z.strictObject({ id: Id }),
          query: z.strictObject({
            expiringWithinDays: DecimalInteger(1, 365).default(7),
          }),
        },
        response: { status: 200, schema: WalletSchema },
        handler: async ({ params, query }) => {
          const asOf = new Date().toISOString();
          const [wallet, expiring, points] = await Promise.all([
            ledger.wallet(params.id, asOf),
            ledger.lotsExpiringWithin({ days: query.expiringWithinDays, asOf, customerId: params.id }),
            ledger.pointsBalance(params.id, asOf),
          ]);
          return { ...wallet, expiringSoon: expiring, points: points.balance };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/customers/:id/statement',
        operationId: 'getStatement',
        summary: 'A customer’s credit statement (newest first, keyset-paginated)',
        auth: READERS,
        request: {
          params: z.strictObject({ id: Id }),
          query: z.strictObject({
            limit: DecimalInteger(1, 200).default(50),
            cursor: z
              .string()
              .min(1)
              .max(200)
              .regex(/^[A-Za-z0-9_-]+$/, 'must be a nextCursor of this statement')
              .optional()
              .meta({ description: 'The nextCursor of the previous page.' }),
          }),
        },
        response: {
          status: 200,
          schema: z.object({
            entries: z.array(StatementEntrySchema),
            nextCursor: z.string().nullable(),
          }),
        },
        problemStatuses: [422],
        handler: ({ params, query }) =>
          ledger.statement(params.id, {
            limit: query.limit,
            ...(query.cursor ? { cursor: query.cursor } : {}),
          }),
      }),
    ],
  });
}
