import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

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
