import { z } from 'zod';

/**
 * Business time is always passed in (`asOf`): callers are workflows on a time-skipping server whose clock is not the
 * wall clock, so the database's now() must never decide expiry or daily caps.
 */
export const instant = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((v) => new Date(v))
  .refine((d) => !Number.isNaN(d.getTime()), 'must be a valid date');

export type Instant = string | Date;

/** The UTC calendar day of an instant, e.g. '2025-03-01' (daily caps count per UTC day). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function iso(at: Date | string | null): string | null {
  if (at === null) return null;
  return (at instanceof Date ? at : new Date(at)).toISOString();
}

export const DAY_MS = 86_400_000;
