import type { JourneyStack } from '../../../test/harness/journey-stack';

/**
 * Waits until a long-lived loyalty journey is blocked waiting for events or timers (no activity in flight), so a test
 * can terminate it: a run terminated while its activity is running leaves the time-skipping test server holding
 * that activity as outstanding, and later test files then crawl in real time.
 */
export async function idle(stack: JourneyStack, workflowId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const state = await stack.journeys.state(workflowId).catch(() => undefined);
    if (!state || state.status === 'waiting') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
