import { z } from 'zod';
import { LedgerError } from './errors';

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
 * An exact value as a number, or AMOUNT_OUT_OF_RANGE when it is past the most an amount can be (either sign): a
 * refusal, not a fault. Every stored amount is within range, but a report's total over many of them need not be, and
 * rounding it would state a wrong total.
 */
export function exactAmount(value: bigint, what: string, hint?: string): number {
  if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER))
    return Number(value);
  throw new LedgerError(
    'AMOUNT_OUT_OF_RANGE',
    `${what} comes to ${value}, past the most an amount can be (${Number.MAX_SAFE_INTEGER} minor units)` +
      (hint ? `: ${hint}` : ''),
  );
}

/** What a report past the range can ask instead. */
export const SMALLER_REPORT = 'a report over a shorter period or a single campaign stays within it';

/** The total of amounts, exact, or AMOUNT_OUT_OF_RANGE past the most an amount can be (never a rounded total). */
export function totalOf(amounts: readonly number[], what = 'the total', hint?: string): number {
  return exactAmount(
    amounts.reduce((sum, amount) => sum + BigInt(amount), 0n),
    what,
    hint,
  );
}

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
    return exactAmount(BigInt(text), what);
  }
  throw new Error(`${what} from the database has an unexpected type: ${typeof value}`);
}
