import { patched } from '@temporalio/workflow';
import { patchesOnThrough } from './patch-releases';

/**
 * The patches this run's start declared on (its `patchRelease`). Module state is the run's own: the SDK evaluates a
 * workflow's modules once per run. Set by `failsVisibly`, which wraps every journey workflow, before the workflow's
 * first line.
 */
let onFromStart: ReadonlySet<string> = new Set();

export function runStartedWith(start: unknown): void {
  const release =
    start !== null && typeof start === 'object'
      ? (start as { patchRelease?: unknown }).patchRelease
      : undefined;
  onFromStart = patchesOnThrough(release);
}

/**
 * `patched(patchId)` for a run that did not start on a release including it (runs and recorded histories from before
 * releases, starts built elsewhere); true at once, with nothing recorded, for one that did. Deterministic either way:
 * the start is in the history.
 */
export function isPatched(patchId: string): boolean {
  return onFromStart.has(patchId) || patched(patchId);
}
