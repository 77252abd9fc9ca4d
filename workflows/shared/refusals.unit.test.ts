import { RetryState } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { LEDGER_ERROR_CODES } from '../../contracts/ledger-error-codes';
import { grantRefusalOf, ledgerRefusalOf } from './refusals';

/** How a failed activity reaches workflow code: an ActivityFailure whose cause is the activity's failure. */
function failedActivity(cause: Error): ActivityFailure {
  return new ActivityFailure(
    'Activity task failed',
    'grantCredit',
    '1',
    RetryState.NON_RETRYABLE_FAILURE,
    'w',
    cause,
  );
}

// The journey tests (e.g. trial-credit's budget-exceeded run) cover the whole path through a real worker; these pin
// down what the workflow side accepts as a refusal and what it must rethrow.
describe('workflows: ledgerRefusalOf recognises ledger refusals and nothing else', () => {
  it.each(LEDGER_ERROR_CODES)('a non-retryable %s failure is a refusal with its code and message', (code) => {
    const refusal = ledgerRefusalOf(
      failedActivity(ApplicationFailure.nonRetryable(`refused: ${code}`, code)),
    );
    expect(refusal).toEqual({ code, message: `refused: ${code}` });
  });

  it('recognises the failure without its ActivityFailure wrapper too', () => {
    expect(ledgerRefusalOf(ApplicationFailure.nonRetryable('spent', 'BUDGET_EXCEEDED'))).toEqual({
      code: 'BUDGET_EXCEEDED',
      message: 'spent',
    });
  });

  it('a non-retryable failure of another type is no ledger refusal (e.g. an activity the worker lacks)', () => {
    expect(
      ledgerRefusalOf(failedActivity(ApplicationFailure.nonRetryable('no such activity', 'NotFoundError'))),
    ).toBe(undefined);
  });

  it('a retryable failure that ran out of attempts is no refusal, even with a ledger code', () => {
    expect(ledgerRefusalOf(failedActivity(ApplicationFailure.retryable('flaky', 'BUDGET_EXCEEDED')))).toBe(
      undefined,
    );
  });

  it('a timeout or any other error is no refusal', () => {
    expect(ledgerRefusalOf(failedActivity(new Error('timed out')))).toBe(undefined);
    expect(ledgerRefusalOf(new Error('BUDGET_EXCEEDED'))).toBe(undefined);
    expect(ledgerRefusalOf(undefined)).toBe(undefined);
  });
});

describe('workflows: grantRefusalOf adds exclusion to the ledger refusals', () => {
  it('a non-retryable EXCLUDED failure is the refusal `excluded`; a ledger refusal stays itself', () => {
    expect(
      grantRefusalOf(failedActivity(ApplicationFailure.nonRetryable('paid by cmp_a', 'EXCLUDED'))),
    ).toEqual({
      code: 'excluded',
      message: 'paid by cmp_a',
    });
    expect(
      grantRefusalOf(failedActivity(ApplicationFailure.nonRetryable('spent', 'BUDGET_EXCEEDED'))),
    ).toEqual({
      code: 'BUDGET_EXCEEDED',
      message: 'spent',
    });
  });

  it('a retryable EXCLUDED failure or another type is no refusal (the journey fails visibly instead)', () => {
    expect(grantRefusalOf(failedActivity(ApplicationFailure.retryable('?', 'EXCLUDED')))).toBe(undefined);
    expect(grantRefusalOf(failedActivity(ApplicationFailure.nonRetryable('?', 'Excluded')))).toBe(undefined);
    expect(grantRefusalOf(new Error('EXCLUDED'))).toBe(undefined);
  });
});
