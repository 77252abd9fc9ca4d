import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  RetryState,
  TimeoutFailure,
} from '@temporalio/common';
import { stepFailureOf } from './permanent-failure';

const activityFailure = (retryState: RetryState, cause: Error) =>
  new ActivityFailure('activity failed', 'grantCredit', '7', retryState, 'worker-1', cause);

describe('stepFailureOf: which failures end a journey `failed`, and the reason it reports', () => {
  it('a non-retryable application failure: its type, never its message', () => {
    const failure = stepFailureOf(
      activityFailure(
        RetryState.NON_RETRYABLE_FAILURE,
        ApplicationFailure.create({
          message: 'customer c-42 said …',
          type: 'PoisonedRequest',
          nonRetryable: true,
        }),
      ),
    );
    expect(failure).toEqual({ activity: 'grantCredit', reason: 'non-retryable:PoisonedRequest' });
  });

  it('retries that ran out of the 7-day schedule-to-close window', () => {
    const failure = stepFailureOf(
      activityFailure(RetryState.TIMEOUT, new TimeoutFailure('timed out', undefined, 'SCHEDULE_TO_CLOSE')),
    );
    expect(failure).toEqual({
      activity: 'grantCredit',
      reason: 'retries-exhausted:timeout-SCHEDULE_TO_CLOSE',
    });
  });

  it('retries that ran out of attempts, on an untyped error', () => {
    const failure = stepFailureOf(
      activityFailure(
        RetryState.MAXIMUM_ATTEMPTS_REACHED,
        ApplicationFailure.create({ message: 'ECONNRESET' }),
      ),
    );
    expect(failure).toEqual({ activity: 'grantCredit', reason: 'retries-exhausted:Error' });
  });

  it('not a step failure: a cancellation, or an error of workflow code', () => {
    expect(
      stepFailureOf(activityFailure(RetryState.CANCEL_REQUESTED, new CancelledFailure('cancelled'))),
    ).toBe(undefined);
    expect(stepFailureOf(new CancelledFailure('cancelled'))).toBeUndefined();
    expect(stepFailureOf(new TypeError('x is undefined'))).toBeUndefined();
  });
});
