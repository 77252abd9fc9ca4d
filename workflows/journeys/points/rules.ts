import type { PointsConfig } from './config';

/** floor(amount / minorPerMajor) × pointsPerUnit × the highest multiplier among the order's categories (default 1). */
export function pointsFor(order: { amount: number; categories: readonly string[] }, c: PointsConfig): number {
  const units = Math.floor(order.amount / c.minorPerMajor);
  const multipliers = order.categories
    .map((cat) => c.categoryMultipliers[cat])
    .filter((m): m is number => m !== undefined);
  const multiplier = multipliers.length > 0 ? Math.max(...multipliers) : 1;
  return units * c.pointsPerUnit * multiplier;
}
