import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/**
 * Histories of the current workflow code are recorded here. When a change means running journeys have histories the
 * current code no longer produces (a patched() change), the recordings made before it move into a subfolder named for
 * that change and are replayed for as long as journeys from before it may run: test/histories/before-typed-contracts/
 * holds runs with the single `carried` input and reads scheduled as ordinary activities.
 */
export const HISTORIES_DIR = join(__dirname, '..', 'histories');

export interface RecordedHistory {
  /** Path under test/histories/, e.g. `before-typed-contracts/dormancy--….pb`. */
  name: string;
  path: string;
  /** The subfolder it was archived in, or 'current' for the recordings of the current code. */
  era: string;
  journeyType: string;
}

/** Every recorded history, current and archived. */
export function recordedHistories(dir: string = HISTORIES_DIR): RecordedHistory[] {
  const found: RecordedHistory[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...recordedHistories(path));
    else if (entry.name.endsWith('.pb')) {
      found.push({
        name: relative(HISTORIES_DIR, path),
        path,
        era: relative(HISTORIES_DIR, dir) || 'current',
        journeyType: entry.name.split('--')[0]!,
      });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * With RECORD_HISTORIES=1 (`npm run record-histories`), journey tests save the histories of the runs they drive
 * into test/histories/; test/replay.test.ts replays every saved history against the current workflow code on every
 * run, so a change that breaks determinism of a running journey fails CI. Without the variable this does nothing.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  // Binary protobuf: the SDK's JSON helper trips over duplicate protobufjs copies inside jest's module registry.
  writeFileSync(join(HISTORIES_DIR, `${name}.pb`), temporal.api.history.v1.History.encode(history).finish());
}

/** A file-name-safe slug of the running jest test's name. */
export function testSlug(): string {
  const name = expect.getState().currentTestName ?? 'unnamed';
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The activity type of a local activity's marker (core records it as JSON in the marker's `data`). */
function localActivityType(event: HistoryEvent): string | undefined {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== 'core_local_activity') return undefined;
  const data = marker.details?.data?.payloads?.[0]?.data;
  if (!data) return undefined;
  return (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string }).activity_type;
}

/** How a history called activities of one type: scheduled (ActivityTaskScheduled) and local (markers) calls. */
export function activityCalls(
  events: readonly HistoryEvent[],
  activityType: string,
): { scheduled: number; local: number } {
  return {
    scheduled: events.filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType,
    ).length,
    local: events.filter((e) => localActivityType(e) === activityType).length,
  };
}
