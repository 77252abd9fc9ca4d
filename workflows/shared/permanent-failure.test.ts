import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/activity';
import { useJourneyStack } from '../../test/support/per-file';
import { uniqueId } from '../../test/support/journey-stack';
import { recordHistory } from '../../test/support/histories';
import { invariantViolations } from '../../test/support/ledger';
import { uniqueRecipient } from '../../test/support/mail';
import { countFailedJourneys } from '../../stores/journey-events';
import { compensationPlugin } from '../journeys/compensation/plugin';
import { journeyWorkflowId } from './definitions';

/** Grants whose reason carries this fail for good, as a request the database refuses on every attempt would. */
const POISON = 'poison-pill';
/** Text of the injected failure: it must not reach the journey state (messages may carry data). */
const FAILURE_MESSAGE = 'invalid byte sequence near "secret-customer-note"';
/** Customers whose grants fail for good whatever the request (the trial-credit test: its reason is fixed). */
const poisonedCustomers = new Set<string>();
/** Customers whose grants fail with a retryable error on every attempt: an outage nobody fixes within the window. */
const stuckCustomers = new Set<string>();

describe('a journey step that fails for good (the runtime failure path)', () => {
  const stack = useJourneyStack({
    wrapActivities: (real) => ({
      grantCredit: async (req) => {
        if (req.source.reason.includes(POISON) || poisonedCustomers.has(req.customerId)) {
          throw ApplicationFailure.create({ message: FAILURE_MESSAGE, type: 'PoisonedRequest', nonRetryable: true });
        }
        if (stuckCustomers.has(req.customerId)) throw new Error('connection terminated unexpectedly');
        return real.grantCredit(req);
      },
    }),
  });

  async function compensationCampaign() {
    return stack.launch('compensation', {
      agentDailyQuota: 30_000,
      agentMonthlyQuota: 50_000,
      approvalThreshold: 40_000,
      maxAmount: 40_000,
    });
  }

  async function requestCredit(
    campaign: Awaited<ReturnType<typeof compensationCampaign>>,
    agentId: string,
    amount: number,
    reason: string,
  ) {
    const customerId = uniqueId('cust');
    const requestId = uniqueId('req');
    const workflowId = `journey/${campaign.campaignId}/${customerId}/${requestId}`;
    const handle = await stack.journeys.startJourney(compensationPlugin, campaign, customerId, workflowId, {
      request: { requestId, agentId, amount, reason },
    });
    return { customerId, workflowId, handle };
  }

  const failedTasks = (workflowId: string) =>
    stack.db.pool.query<{ kind: string; status: string; detail: Record<string, unknown> }>(
      `SELECT kind, status, detail FROM support_tasks WHERE kind = 'journey-failed' AND detail->>'workflowId' = $1`,
      [workflowId],
    );

  it('compensation: gives the agent quota back, reports failed, opens a task, is counted; the ledger balances', async () => {
    const campaign = await compensationCampaign();
    const agentId = uniqueId('agent');
    const failedBefore = (await countFailedJourneys(stack.db.pool)).compensation ?? 0;

    const poisoned = await requestCredit(campaign, agentId, 20_000, `${POISON} late parcel`);
    await expect(stack.result(poisoned.workflowId)).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(await stack.workflowStatus(poisoned.workflowId)).toBe('FAILED');
    await recordHistory(poisoned.handle, 'compensation--grant-failed-for-good');

    // (2) the journey-state query of the closed run says failed, where it failed and why, without the message.
    const state = await stack.journeys.state(poisoned.workflowId);
    expect(state).toMatchObject({
      status: 'failed',
      outcome: 'failed',
      step: 'failed',
      failure: {
        activity: 'grantCredit',
        afterStep: 'quota-reserved',
        reason: 'non-retryable:PoisonedRequest',
        released: ['agent-quota'],
        supportTaskId: expect.any(Number),
      },
    });
    expect(state.failure?.unfinished).toBeUndefined();
    expect(JSON.stringify(state)).not.toContain('secret-customer-note');

    // (1) the quota is released: 20,000 + 25,000 would overrun the 30,000 day if it were still reserved.
    const usage = await stack.db.pool.query(
      'SELECT amount::int, status FROM compensation_quota_usage WHERE agent_id = $1',
      [agentId],
    );
    expect(usage.rows).toEqual([{ amount: 20_000, status: 'released' }]);
    const next = await requestCredit(campaign, agentId, 25_000, 'damaged parcel');
    expect(await stack.result(next.workflowId)).toBe('granted');

    // (3) counted in the journal every process reads; (4) one support task for ops, naming the run.
    expect((await countFailedJourneys(stack.db.pool)).compensation).toBe(failedBefore + 1);
    const tasks = await failedTasks(poisoned.workflowId);
    expect(tasks.rows).toEqual([
      {
        kind: 'journey-failed',
        status: 'open',
        detail: expect.objectContaining({
          journeyType: 'compensation',
          activity: 'grantCredit',
          reason: 'non-retryable:PoisonedRequest',
          released: ['agent-quota'],
        }),
      },
    ]);
    expect(JSON.stringify(tasks.rows)).not.toContain('secret-customer-note');

    // Nothing was granted to the poisoned request's customer, and the ledger's invariants hold.
    expect((await stack.ledger.wallet(poisoned.customerId, await stack.now())).balance).toBe(0);
    expect((await stack.ledger.wallet(next.customerId, await stack.now())).balance).toBe(25_000);
    expect(await invariantViolations(stack.db.pool)).toEqual([]);
  });

  it('every plugin gets it: a trial-credit journey whose grant fails for good reports failed, with a task', async () => {
    const campaign = await stack.launch('trial-credit');
    const customerId = uniqueId('lead');
    poisonedCustomers.add(customerId);
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId,
      email: uniqueRecipient('stuck'),
      locale: 'en',
    });
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    await expect(stack.result(workflowId)).rejects.toBeInstanceOf(WorkflowFailedError);
    const state = await stack.journeys.state(workflowId);
    expect(state).toMatchObject({
      status: 'failed',
      failure: { activity: 'grantCredit', reason: 'non-retryable:PoisonedRequest', released: [] },
    });
    expect((await failedTasks(workflowId)).rows).toHaveLength(1);
    expect((await countFailedJourneys(stack.db.pool))['trial-credit']).toBe(1);
    expect(await invariantViolations(stack.db.pool)).toEqual([]);
  });

  it('a grant retried for its whole 7-day window fails the journey visibly when the window closes', async () => {
    const campaign = await stack.launch('trial-credit');
    const customerId = uniqueId('lead');
    stuckCustomers.add(customerId);
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId,
      email: uniqueRecipient('stuck'),
      locale: 'en',
    });
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
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
    expect((await failedTasks(workflowId)).rows).toHaveLength(1);
  });

  it('a run ended from outside (terminated while it waited) reads failed through the state API, not waiting', async () => {
    const campaign = await stack.launch('compensation', { approvalThreshold: 10_000, maxAmount: 40_000 });
    const waiting = await requestCredit(campaign, uniqueId('agent'), 15_000, 'needs a manager');
    await stack.awaitState(waiting.workflowId, (s) => s.step === 'awaiting-approval', 'approval task');
    await waiting.handle.terminate('operator ended it');
    const state = await stack.journeys.state(waiting.workflowId);
    expect(state).toMatchObject({
      status: 'failed',
      step: 'awaiting-approval',
      failure: { afterStep: 'awaiting-approval', reason: 'workflow-terminated', released: [] },
    });
  });
});
