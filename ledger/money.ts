import { z } from 'zod';

/**
 * Amounts are integer minor units. In TypeScript they are plain numbers (they travel as JSON through Temporal
 * payloads and the HTTP API), so every amount must be a safe integer; in SQL they are BIGINT.
 */
export const positiveAmount = z
  .number()
  .refine((n) => Number.isSafeInteger(n) && n > 0, 'must be a positive safe integer (minor units)');

export const nonNegativeAmount = z
  .number()
  .refine((n) => Number.isSafeInteger(n) && n >= 0, 'must be a non-negative safe integer (minor units)');

/**
 * pg returns BIGINT and NUMERIC (sums) as strings. Converts one to a number, refusing anything that is not an
 * integer or that would lose precision as a JS number: a silent rounding here would corrupt a balance.
 */
export function fromDb(value: unknown, what = 'amount'): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new Error(`${what} from the database is not a safe integer: ${value}`);
    return value;
  }
  if (typeof value === 'string' || typeof value === 'bigint') {
    const text = String(value);
    if (!/^-?\d+$/.test(text)) throw new Error(`${what} from the database is not an integer: ${text}`);
    const big = BigInt(text);
    if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new Error(`${what} from the database exceeds the safe integer range: ${text}`);
    }
    return Number(big);
  }
  throw new Error(`${what} from the database has an unexpected type: ${typeof value}`);
}
