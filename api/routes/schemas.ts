import { z } from 'zod';

/** Ids (bodies, query and path parameters alike) and human text: one rule each, see contracts/text.ts. */
import { Id } from '../../contracts/text';

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

/**
 * The query of a list kept oldest first, keyset-paged: `after` is the `next` of the previous page. The default page
 * is large enough for the console's everyday lists; a longer list is walked by `next`.
 */
export const CreationOrderPageQuery = {
  after: Id.optional().meta({ description: 'The `next` of the previous page (absent: the first page).' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
};

/** A page of a list: its items and the `after` of the next page (null: this is the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next: z.string().nullable().meta({ description: 'Pass as `after` for the next page; null on the last.' }),
  });
