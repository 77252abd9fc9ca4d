import { z } from 'zod';
import { MinorUnits } from '../../contracts/customer-events';
import { Label } from '../../contracts/text';

/** Pieces shared by journey config schemas, so every plugin describes credit the same way. */
export const CreditScope = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('all') }),
    z.strictObject({
      type: z.literal('categories'),
      categories: z.array(Label).min(1).max(50),
    }),
  ])
  .default({ type: 'all' });

export const Stacking = z.enum(['stackable', 'exclusive']).default('stackable');

/** At least one minor unit: `minimum: 1` in the published campaign schemas. */
export const PositiveMinorUnits = MinorUnits.min(1);

export const Days = z.number().int().min(1).max(3650);

/** A credit lot a journey grants: cash credit or a threshold coupon (满减: minOrderAmount off amount). */
export const CreditOffer = z
  .strictObject({
    kind: z.enum(['cash', 'threshold', 'rebate']).default('cash'),
    amount: PositiveMinorUnits,
    minOrderAmount: MinorUnits.optional(),
    validityDays: Days,
    scope: CreditScope,
    stacking: Stacking,
  })
  .refine((o) => o.kind !== 'threshold' || (o.minOrderAmount !== undefined && o.minOrderAmount > o.amount), {
    message: 'a threshold coupon needs minOrderAmount greater than its amount',
    path: ['minOrderAmount'],
  });

export type CreditOffer = z.infer<typeof CreditOffer>;

/**
 * What a journey step may grant: a CreditOffer, or a percent-off, free-shipping or gift coupon (only flows offer those, in
 * their grant node: the coded plugins' emails speak of an amount of credit, which a coupon's cap is not).
 */
export type GrantOffer = Omit<CreditOffer, 'kind'> &
  (
    | { kind: CreditOffer['kind']; percentBp?: undefined; giftSku?: undefined }
    | { kind: 'shipping'; percentBp?: undefined; giftSku?: undefined }
    | { kind: 'percent'; percentBp: number; giftSku?: undefined }
    | { kind: 'gift'; giftSku: string; percentBp?: undefined }
  );

/** Minor units where 0 is meaningful (a threshold that is off). */
export const MinorUnitsOptional = MinorUnits;
