import { formatMinor } from './money';

/** floor(amount × bp / 10 000) in exact integer arithmetic (BigInt: amount × bp may pass 2^53). */
export function applyBasisPoints(amount: number, bp: number): number {
  return Number((BigInt(amount) * BigInt(bp)) / 10_000n);
}

/** "3", "2.5", "0.75": a rate in basis points as a percentage for emails. */
export function percent(bp: number): string {
  return formatMinor(bp).replace(/\.?0+$/, '');
}

/** The rate of the highest tier an order amount reaches (≥ minAmount), 0 below the first tier. */
export function tierRate(tiers: readonly { minAmount: number; rateBp: number }[], amount: number): number {
  let rate = 0;
  for (const t of tiers) if (amount >= t.minAmount) rate = t.rateBp;
  return rate;
}
