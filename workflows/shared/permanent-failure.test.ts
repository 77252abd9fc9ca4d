import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/activity';
import { useJourneyStack } from '../../test/support/per-file';
import { uniqueId } from '../../test/support/journey-stack';
import { invariantViolations } from '../../test/support/ledger';
import { uniqueRecipient } from '../../test/support/mail';
import { countFailedJourneys } from '../../stores/journey-events';
import { journeyWorkflowId } from './definitions';

/** Customers whose grants fail for good (a non-retryable failure), as a request the database refuses would. */
const poisonedCustomers = new Set<string>();
/** Customers whose grants fail with a retryable error on every attempt: an outage nobody fixes within the window. */
const stuckCustomers = new Set<string>();

/**
 * The runtime's failure path for any plugin (compensation, which holds a quota, has its own test next to it): these
 * use trial-credit, whose workflow has no code for it.
 */
describe('a journey step that fails for good (the runtime failure path)', () => {
  const stack = useJourneyStack({
    wrapActivities: (real) => ({
      grantCredit: async (req, journal) => {
        if (poisonedCustomers.has(req.customerId)) {
          throw ApplicationFailure.create({
            message: 'refused',
            type: 'PoisonedRequest',
            nonRetryable: true,
          });
        }
        if (stuckCustomers.has(req.customerId)) throw new Error('connection terminated unexpectedly');
        return real.grantCredit(req, journal);
      },
    }),
  });

  async function signUp(marks?: Set<string>) {
    const campaign = await stack.launch('trial-credit');
    const customerId = uniqueId('lead');
    marks?.add(customerId);
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId,
      email: uniqueRecipient('failing'),
      locale: 'en',
    });
    return journeyWorkflowId(campaign.campaignId, customerId);
  }

  const failedTasks = (workflowId: string) =>
    stack.db.pool.query(
      `SELECT status FROM support_tasks WHERE kind = 'journey-failed' AND detail->>'workflowId' = $1`,
      [workflowId],
    );

  it('a non-retryable failure: the journey reports failed, with a task, and is counted', async () => {
    const before = (await countFailedJourneys(stack.db.pool))['trial-credit'] ?? 0;
    const workflowId = await signUp(poisonedCustomers);
    await expect(stack.result(workflowId)).rejects.toBeInstanceOf(WorkflowFailedError);
    const state = await stack.journeys.state(workflowId);
    expect(state).toMatchObject({
      status: 'failed',
      failure: { activity: 'grantCredit', reason: 'non-retryable:PoisonedRequest', released: [] },
    });
    expect((await failedTasks(workflowId)).rows).toEqual([{ status: 'open' }]);
    expect((await countFailedJourneys(stack.db.pool))['trial-credit']).toBe(before + 1);
    expect(await invariantViolations(stack.db.pool)).toEqual([]);
  });

  it('a grant retried for its whole 7-day window fails the journey visibly when the window closes', async () => {
    const workflowId = await signUp(stuckCustomers);
    // Not stack.result: it settles first, and a retrying activity never settles. The test server runs every retry
    // that falls due on the way (about 2,000 over 7 days at the 5-minute ceiling).
    for (let day = 0; day < 8 && (await stack.workflowStatus(workflowId)) === 'RUNNING'; day++) {
      await stack.env.sleep('1 day');
    }
    expect(await stack.workflowStatus(workflowId)).toBe('FAILED');
    const state = await stack.journeys.state(workflowId);
    expect(state).toMatchObject({
      status: 'failed',
      // The server gives up before an attempt that would end past the window: the cause is that last attempt's error.
      failure: { activity: 'grantCredit', reason: 'retries-exhausted:Error', released: [] },
    });
    expect((await failedTasks(workflowId)).rows).toEqual([{ status: 'open' }]);
  });

  it('a run ended from outside (terminated while it waited) reads failed through the state API, not waiting', async () => {
    const workflowId = await signUp();
    const waiting = await stack.awaitState(workflowId, (s) => s.status === 'waiting', 'waiting for an order');
    await stack.temporal.workflow.getHandle(workflowId).terminate('operator ended it');
    const state = await stack.journeys.state(workflowId);
    expect(state).toMatchObject({
      status: 'failed',
      step: waiting.step,
      failure: { afterStep: waiting.step, reason: 'workflow-terminated', released: [] },
    });
    expect(state.nextWakeAt).toBeUndefined();
  });
});
