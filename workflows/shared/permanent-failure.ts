import { RetryState } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, TimeoutFailure, isCancellation } from '@temporalio/workflow';
import { runningJourney } from './journey';
import type { StepFailure } from './journey-state';
import { isPatched, runStartedWith } from './patches';

/**
 * Journeys that fail a step for good run the failure path (Journey.failPermanently) before they end FAILED. Runs and
 * recorded histories from before it ended FAILED straight away; replaying them must not add the path's commands.
 * Deprecate (deprecatePatch) once no journey started before it is running.
 */
export const PERMANENT_FAILURE_PATH = 'journey-permanent-failure-path';

/**
 * A step failed for good: an activity (scheduled or local) that failed non-retryably or whose retries ran out (the
 * 7-day schedule-to-close window of every activity class, workflows/shared/activities.ts). Anything else is not a
 * step failure: a cancellation, continue-as-new, or a bug in workflow code (which fails the workflow task, and
 * Temporal retries it until the code is fixed). The reason names the failure's type, never its message.
 */
export function stepFailureOf(err: unknown): StepFailure | undefined {
  if (!(err instanceof ActivityFailure) || isCancellation(err)) return undefined;
  const cause = err.cause;
  const kind =
    cause instanceof ApplicationFailure
      ? (cause.type ?? 'Error')
      : cause instanceof TimeoutFailure
        ? `timeout-${cause.timeoutType ?? 'unknown'}`
        : (cause?.name ?? 'unknown');
  const exhausted =
    err.retryState === RetryState.TIMEOUT || err.retryState === RetryState.MAXIMUM_ATTEMPTS_REACHED;
  return {
    activity: err.activityType,
    reason: `${exhausted ? 'retries-exhausted' : 'non-retryable'}:${kind}`,
  };
}

/**
 * Wraps a journey workflow so that a step failing for good never leaves a journey that looks alive while it is dead:
 * it gives back what the journey reserved, reports `failed` through the journeyState query, opens a support task
 * and journals `journey-failed` (the source of the failed-journeys metric), then ends FAILED with the original
 * failure, so the Web UI shows the cause and ops can reset the run once it is fixed. workflows/index.ts wraps every
 * workflow the worker registers, so each plugin gets this without code of its own.
 */
export function failsVisibly<A extends unknown[], R>(
  workflow: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    // Every journey workflow's first argument is its start, which says which patches it began with on.
    runStartedWith(args[0]);
    try {
      return await workflow(...args);
    } catch (err) {
      const failure = stepFailureOf(err);
      const journey = runningJourney();
      if (failure && journey && isPatched(PERMANENT_FAILURE_PATH)) await journey.failPermanently(failure);
      throw err;
    }
  };
}
