import { rmSync } from 'node:fs';
import { getHarness } from './handles';

export default async function globalTeardown(): Promise<void> {
  const h = getHarness();
  if (!h) return;
  await Promise.allSettled([h.mail?.stop(), h.pg?.stop()]);
  rmSync(h.workDir, { recursive: true, force: true });
}
