/**
 * Whether an order's lines and shipping fit within its amount (no lines: they do). One rule for the API, which states
 * it at the field, and the ledger, which checks its own input again. Summed exactly (BigInt), whatever the count.
 */
export function linesWithinAmount(order: {
  amount: number;
  lines?: readonly { amount: number }[] | undefined;
  shippingAmount?: number | undefined;
}): boolean {
  if (order.lines === undefined) return true;
  const lines = order.lines.reduce((sum, line) => sum + BigInt(line.amount), 0n);
  return lines + BigInt(order.shippingAmount ?? 0) <= BigInt(order.amount);
}
