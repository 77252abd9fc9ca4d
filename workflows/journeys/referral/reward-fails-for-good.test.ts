import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/activity';
import { useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { recordHistory } from '../../../test/support/histories';
import { invariantViolations } from '../../../test/support/ledger';
import { uniqueRecipient } from '../../../test/support/mail';
import { approvalSignal, journeyWorkflowId } from '../../shared/definitions';

/** Referrers whose reward grant fails for good (fault injected at the activity). */
const poisonedReferrers = new Set<string>();

describe('referral journey whose referrer reward fails for good (the runtime failure path)', () => {
  const stack = useJourneyStack({
    wrapActivities: (real) => ({
      grantCredit: async (req, journal) => {
        if (poisonedReferrers.has(req.customerId)) {
          throw ApplicationFailure.create({
            message: 'refused',
            type: 'PoisonedRequest',
            nonRetryable: true,
          });
        }
        return real.grantCredit(req, journal);
      },
    }),
  });

  it('takes the referee’s reward back, cancels the referral, reports failed and opens a task', async () => {
    const campaign = await stack.launch('referral');
    const referrerId = uniqueId('referrer');
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId: referrerId,
      email: uniqueRecipient('referrer'),
      locale: 'en',
      phone: uniqueId('p'),
    });
    await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId: referrerId,
      orderId: uniqueId('o'),
      amount: 30000,
      categories: [],
    });
    poisonedReferrers.add(referrerId);
    const refereeId = uniqueId('referee');
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId: refereeId,
      email: uniqueRecipient('referee'),
      locale: 'en',
      referralCode: referrerId,
    });
    const workflowId = journeyWorkflowId(campaign.campaignId, refereeId);
    await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId: refereeId,
      orderId: uniqueId('order'),
      amount: 20000,
      categories: [],
    });
    await stack.awaitState(workflowId, (s) => s.step === 'awaiting-verification', 'verification task');
    const handle = stack.env.client.workflow.getHandle(workflowId);
    await handle.signal(approvalSignal, { decision: 'approve', by: 'sales-1' });

    await expect(stack.result(workflowId)).rejects.toBeInstanceOf(WorkflowFailedError);
    await recordHistory(handle, 'referral--referrer-reward-failed-for-good');
    const state = await stack.journeys.state(workflowId);
    expect(state).toMatchObject({
      status: 'failed',
      failure: {
        activity: 'grantCredit',
        afterStep: 'reward:referee',
        reason: 'non-retryable:PoisonedRequest',
        // Latest first: the referee's reward, then the referral itself.
        released: ['referee-reward', 'referral'],
      },
    });
    const referral = await stack.db.pool.query('SELECT status, reason FROM referrals WHERE referee_id = $1', [
      refereeId,
    ]);
    expect(referral.rows).toEqual([{ status: 'cancelled', reason: 'journey-failed' }]);
    // Neither side keeps a reward: the referee's lot was revoked to its budget.
    expect((await stack.ledger.wallet(refereeId, await stack.now())).balance).toBe(0);
    expect((await stack.ledger.wallet(referrerId, await stack.now())).balance).toBe(0);
    const tasks = await stack.db.pool.query(
      `SELECT status FROM support_tasks WHERE kind = 'journey-failed' AND detail->>'workflowId' = $1`,
      [workflowId],
    );
    expect(tasks.rows).toEqual([{ status: 'open' }]);
    expect(await invariantViolations(stack.db.pool)).toEqual([]);
  });
});
