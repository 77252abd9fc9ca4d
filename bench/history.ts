import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/** A workflow's whole history from the server (every page) and its size as the server stores it (encoded bytes). */
export async function fetchHistoryWithBytes(
  client: Client,
  workflowId: string,
): Promise<{ events: temporal.api.history.v1.IHistoryEvent[]; bytes: number }> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let bytes = 0;
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId },
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    const pageEvents = page.history?.events ?? [];
    events.push(...pageEvents);
    bytes += temporal.api.history.v1.History.encode({ events: pageEvents }).finish().length;
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { events, bytes };
}
