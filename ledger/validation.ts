import { z } from 'zod';
import { LedgerError } from './errors';

export const idempotencyKey = z.string().min(1).max(200);
export const identifier = z.string().min(1).max(200);

/** Parses input or throws INVALID_INPUT with zod's issues; nothing has been written at that point. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, operation: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new LedgerError('INVALID_INPUT', `${operation}: invalid input`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return parsed.data;
}
