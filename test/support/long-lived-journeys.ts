import { recordHistory, testSlug } from './histories';
import type { JourneyStack } from './journey-stack';
import { terminateWhenIdle } from './temporal';

/**
 * Waits until a long-lived journey is blocked waiting for events or timers (no activity in flight), so a test can
 * terminate it: a run terminated while its activity is running leaves the time-skipping test server holding that
 * activity as outstanding, and later test files then crawl in real time.
 */
export async function idle(stack: JourneyStack, workflowId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const state = await stack.journeys.state(workflowId).catch(() => undefined);
    if (!state || state.status === 'waiting') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Stops long-lived journeys a test started (they would keep waking up while later tests skip time): each once idle,
 * its history recorded first as `<historyPrefix>--<test>-<n>` when a prefix is given.
 */
export async function stopWhenIdle(
  stack: JourneyStack,
  workflowIds: readonly string[],
  historyPrefix?: string,
): Promise<void> {
  for (const [i, id] of workflowIds.entries()) {
    await idle(stack, id);
    if (historyPrefix) {
      await recordHistory(stack.env.client.workflow.getHandle(id), `${historyPrefix}--${testSlug()}-${i}`);
    }
    await terminateWhenIdle(stack.env, id);
  }
}

/** Polls a read (in real time, every 100 ms for up to 10 s) until `ok` holds; returns that value. */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
