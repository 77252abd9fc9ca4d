import { z } from 'zod';

/** Ids (bodies, query and path parameters alike) and human text: one rule each, see contracts/text.ts. */
export { FreeText, Id, Label } from '../../contracts/text';

/** Integer minor units of the ledger currency (e.g. 5000 = 50.00 CNY). */
export const Amount = z
  .number()
  .int()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)
  .meta({ description: 'Integer minor units of the ledger currency (5000 = 50.00).', example: 5000 });

/** An amount that must be at least one minor unit; `minimum: 1` in the OpenAPI document, as the server checks. */
export const PositiveAmount = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).meta({
  description: 'Integer minor units of the ledger currency (5000 = 50.00), at least 1.',
  example: 5000,
});

export const IsoInstant = z.iso.datetime({ offset: true });
