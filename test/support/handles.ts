import type { MailCapture } from '../../infra/dev/mail-capture';

export interface HarnessHandles {
  workDir: string;
  pg?: { url: string; stop(): Promise<void> };
  mail?: MailCapture;
}

// Global setup and teardown run in the same context, so a global is how the teardown finds what setup started.
const KEY = '__perkflowHarness';

export function setHarness(h: HarnessHandles): void {
  (globalThis as Record<string, unknown>)[KEY] = h;
}

export function getHarness(): HarnessHandles | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as HarnessHandles | undefined;
}
