/**
 * Runs `count` operations in `concurrency` loops (each takes the next index until none is left); returns operations
 * per second of wall-clock time.
 */
export async function opsPerSecond(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await op(i);
    }),
  );
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}
