import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/activity';
import { useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { recordHistory } from '../../../test/support/histories';
import { invariantViolations } from '../../../test/support/ledger';
import { countFailedJourneys } from '../../../stores/journey-events';
import { compensationPlugin } from './plugin';

/** Grants whose reason carries this fail for good, as a request the database refuses on every attempt would. */
const POISON = 'poison-pill';

describe('compensation journey whose grant fails for good (the runtime failure path, issue 12 bug 2)', () => {
  const stack = useJourneyStack({
    wrapActivities: (real) => ({
      grantCredit: async (req, journal) => {
        if (req.source.reason.includes(POISON)) {
          throw ApplicationFailure.create({
            // Text of the failure: it must not reach the journey state or the task (messages may carry data).
            message: 'invalid byte sequence near "secret-customer-note"',
            type: 'PoisonedRequest',
            nonRetryable: true,
          });
        }
        return real.grantCredit(req, journal);
      },
    }),
  });

  async function requestCredit(agentId: string, amount: number, reason: string) {
    const campaign = stack.campaigns[0]!;
    const customerId = uniqueId('cust');
    const requestId = uniqueId('req');
    const workflowId = `journey/${campaign.campaignId}/${customerId}/${requestId}`;
    const handle = await stack.journeys.startJourney(compensationPlugin, campaign, customerId, workflowId, {
      request: { requestId, agentId, amount, reason },
    });
    return { customerId, workflowId, handle };
  }

  it('gives the agent quota back, reports failed, opens a task, is counted; the ledger balances', async () => {
    await stack.launch('compensation', {
      agentDailyQuota: 30_000,
      agentMonthlyQuota: 50_000,
      approvalThreshold: 40_000,
      maxAmount: 40_000,
    });
    const agentId = uniqueId('agent');
    const failedBefore = (await countFailedJourneys(stack.db.pool)).compensation ?? 0;

    const poisoned = await requestCredit(agentId, 20_000, `${POISON} late parcel`);
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
    const next = await requestCredit(agentId, 25_000, 'damaged parcel');
    expect(await stack.result(next.workflowId)).toBe('granted');

    // (3) counted in the journal every process reads; (4) one support task for ops, naming the run.
    expect((await countFailedJourneys(stack.db.pool)).compensation).toBe(failedBefore + 1);
    const tasks = await stack.db.pool.query<{ task_id: string; status: string; detail: unknown }>(
      `SELECT task_id, status, detail FROM support_tasks WHERE kind = 'journey-failed' AND detail->>'workflowId' = $1`,
      [poisoned.workflowId],
    );
    expect(tasks.rows).toEqual([
      {
        task_id: String(state.failure?.supportTaskId),
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
});
