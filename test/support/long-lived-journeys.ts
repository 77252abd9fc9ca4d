import { recordHistory, testSlug } from './histories';
import type { TestStack } from './stack';

/**
 * Stops long-lived journeys a test started (they would keep waking up while later tests skip time): once they are
 * quiet (no workflow task or activity in flight), each history is recorded as `<historyPrefix>--<test>-<n>` when a
 * prefix is given, and those still running are terminated. Throws when they do not settle (after terminating them).
 */
export async function stopWhenIdle(
  stack: TestStack,
  workflowIds: readonly string[],
  historyPrefix?: string,
): Promise<void> {
  try {
    await stack.workflows.settle(workflowIds);
    if (historyPrefix) {
      for (const [i, id] of workflowIds.entries()) {
        await recordHistory(stack.env.client.workflow.getHandle(id), `${historyPrefix}--${testSlug()}-${i}`);
      }
    }
  } finally {
    // Even when they never settled: left running, they would hold the shared test server's clock for certain.
    await stack.workflows.terminate(workflowIds, { settle: false });
  }
}
