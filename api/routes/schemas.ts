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
 * A whole number in a query or a path, written in decimal digits (a query's values arrive as strings).
 * z.coerce.number() also took "0x10", "1e2", "1.0" and " 16", which Number() reads and the contract's `integer` does
 * not mean (an outside probe got 16 codes for limit=0x10). Documented as the integer it is.
 */
export const DecimalInteger = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value),
    z
      .number({
        // Only for a value that is no number at all: the bounds keep their own messages ("Too big: … <=500").
        error: (issue) =>
          issue.code === 'invalid_type' ? 'must be a whole number written in decimal digits' : undefined,
      })
      .int()
      .min(min)
      .max(max),
  );

/**
 * The query of a list kept oldest first, keyset-paged: `after` is the `next` of the previous page. The default page
 * is large enough for the console's everyday lists; a longer list is walked by `next`.
 */
export const CreationOrderPageQuery = {
  after: Id.optional().meta({ description: 'The `next` of the previous page (absent: the first page).' }),
  limit: DecimalInteger(1, 500).default(100),
};

/** A page of a list: its items and the `after` of the next page (null: this is the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next: z.string().nullable().meta({ description: 'Pass as `after` for the next page; null on the last.' }),
  });

/** A period ends after it starts: said at `to`, before the ledger (which names its own input) is asked. */
export function orderedPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (Date.parse(q.from) > Date.parse(q.to))
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
}
