import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { EventType, PendingActivityState } = temporal.api.enums.v1;
const POLL_MS = 40;

/**
 * Waits (at most `withinMs`) until none of the workflows is mid-step: no activity started or scheduled for its first
 * attempt, no workflow task pending, the history ending outside a workflow task and no longer growing. The test server
 * returns from a skip when its clock reaches the target; work a timer woke right at that instant may still be running,
 * and the report must not be read under it. An activity waiting out a retry backoff counts as quiet.
 */
export async function waitUntilQuiet(
  client: Client,
  workflowIds: readonly string[],
  withinMs: number,
): Promise<void> {
  const giveUpAt = Date.now() + withinMs;
  const lengths = new Map<string, number>();
  for (;;) {
    let busy = false;
    for (const id of workflowIds) {
      const handle = client.workflow.getHandle(id);
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING') continue;
      const { raw, historyLength } = description;
      const working = (raw.pendingActivities ?? []).some(
        (a) => a.state === PendingActivityState.PENDING_ACTIVITY_STATE_STARTED || (a.attempt ?? 1) <= 1,
      );
      const growing = lengths.get(id) !== historyLength;
      lengths.set(id, historyLength);
      if (working || raw.pendingWorkflowTask || growing) {
        busy = true;
        continue;
      }
      const events = (await handle.fetchHistory()).events ?? [];
      const last = events.at(-1)?.eventType;
      if (
        last === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED ||
        last === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED
      )
        busy = true;
    }
    if (!busy || Date.now() > giveUpAt) return;
    await delay(POLL_MS);
  }
}
