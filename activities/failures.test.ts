import { ApplicationFailure } from '@temporalio/activity';
import { LEDGER_ERROR_CODES, LedgerError, type LedgerErrorCode } from '../ledger/errors';
import { fundedCampaign, grantRequest, useLedgerDatabase } from '../test/support/ledger';
import { RETRY_CAN_SUCCEED, refusalsAsFailures } from './failures';

// Compile-time check (tsc runs over tests): the activity boundary decides every code; dropping one does not compile.
const { LOT_IN_USE: _lotInUse, ...retryMapMissingACode } = RETRY_CAN_SUCCEED;
// @ts-expect-error a ledger code without a retry decision does not compile
const _incompleteRetryMap: Record<LedgerErrorCode, boolean> = retryMapMissingACode;

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

describe('activities: ledger refusals cross into workflows as non-retryable failures typed by their code', () => {
  const t = useLedgerDatabase({ poolSize: 4 });

  it('a real refusal of the ledger becomes a non-retryable ApplicationFailure with its code, message and details', async () => {
    await fundedCampaign(t.ledger, 'activities-small-budget', 100);
    const failure = await failureOf(
      refusalsAsFailures(() =>
        t.ledger.grantCredit(
          grantRequest({ campaignId: 'activities-small-budget', customerId: 'c-1', amount: 500 }),
        ),
      ),
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    const af = failure as ApplicationFailure;
    expect(af.type).toBe('BUDGET_EXCEEDED');
    expect(af.nonRetryable).toBe(true);
    expect(af.message).toMatch(/budget/i);
    expect(af.details).toHaveLength(1);
  });

  it.each(LEDGER_ERROR_CODES)('%s is typed by its code and not retried', async (code) => {
    const failure = await failureOf(
      refusalsAsFailures(() => Promise.reject(new LedgerError(code, `refused: ${code}`, { code }))),
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: code,
      nonRetryable: true,
      message: `refused: ${code}`,
      details: [{ code }],
    });
  });

  it('a database fault propagates as it is, so Temporal retries the activity', async () => {
    const failure = await failureOf(refusalsAsFailures(() => t.db.pool.query('SELECT 1 / 0')));
    expect(failure).not.toBeInstanceOf(ApplicationFailure);
    expect((failure as { code?: string }).code).toBe('22012');
  });

  it('an error that only looks like a refusal (a code property, not a LedgerError) is not one', async () => {
    const impostor = Object.assign(new Error('not from the ledger'), { code: 'BUDGET_EXCEEDED' });
    const failure = await failureOf(refusalsAsFailures(() => Promise.reject(impostor)));
    expect(failure).toBe(impostor);
  });
});
