import { z } from 'zod';

/** Integer minor units of the ledger currency (e.g. 5000 = 50.00 CNY). */
export const Amount = z
  .number()
  .int()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)
  .meta({ description: 'Integer minor units of the ledger currency (5000 = 50.00).', example: 5000 });

export const PositiveAmount = Amount.refine((v) => v > 0, 'must be greater than 0');

export const IdParam = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'may contain letters, digits and . _ : - only');

export const IsoInstant = z.iso.datetime({ offset: true });
