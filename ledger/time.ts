import { z } from 'zod';

/**
 * Business time is always passed in (`asOf`): callers are workflows on a time-skipping server whose clock is not the
 * wall clock, so the database's now() must never decide expiry or daily caps.
 */
export const instant = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((v) => new Date(v))
  .refine((d) => !Number.isNaN(d.getTime()), 'must be a valid date')
  // Four-digit years: what ISO 8601 text (how instants are sent to Postgres) can carry without an extended year.
  .refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, 'must be between years 1 and 9999');

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

/**
 * True when `later` is set and not after `earlier`. Cross-field refinements run even when a field failed to parse
 * (zod 4), so both sides are checked to be dates first.
 */
export function notAfter(later: unknown, earlier: unknown): boolean {
  return later instanceof Date && earlier instanceof Date && later.getTime() <= earlier.getTime();
}
