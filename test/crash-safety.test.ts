import { Context } from '@temporalio/activity';
import { journeyWorkflowId } from '../workflows/shared/definitions';
import { useJourneyStack } from './support/per-file';
import { uniqueId } from './support/journey-stack';
import { uniqueRecipient } from './support/mail';

/**
 * A worker that dies after the ledger committed a grant but before Temporal heard the activity finished: the
 * activity runs again on the restarted worker with the same idempotency key, and the ledger returns the first
 * grant instead of making a second one.
 */
describe('crash safety', () => {
  let crashNextGrant = true;
  let grantAttempts = 0;
  let committed: () => void;
  const grantCommitted = new Promise<void>((r) => (committed = r));

  const stack = useJourneyStack({
    maxCachedWorkflows: 0,
    wrapActivities: (real) => ({
      grantCredit: async (req, journal) => {
        grantAttempts++;
        const result = await real.grantCredit(req, journal);
        if (crashNextGrant) {
          crashNextGrant = false;
          committed();
          // Hang like a process that froze after the commit; the worker shutdown cancels this attempt.
          await Context.current().cancelled;
        }
        return result;
      },
    }),
  });

  it('a worker stopped in the middle of a grant and restarted makes exactly one grant', async () => {
    const campaign = await stack.launch('trial-credit');
    const customerId = uniqueId('crash');
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId,
      email: uniqueRecipient('crash'),
    });
    await grantCommitted;

    await stack.restartWorker();
    const handle = stack.env.client.workflow.getHandle(journeyWorkflowId(campaign.campaignId, customerId));
    expect(await stack.result(handle.workflowId)).toBe('expired-unused');

    expect(grantAttempts).toBeGreaterThanOrEqual(2);
    const lots = await stack.db.pool.query(
      'SELECT count(*)::int AS n FROM ledger_lots WHERE customer_id = $1',
      [customerId],
    );
    expect(lots.rows[0].n).toBe(1);
    const budget = await stack.ledger.campaignBudget(campaign.campaignId);
    expect(budget.granted).toBe(5000);
  });
});
