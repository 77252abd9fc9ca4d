import { useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { recordHistory } from '../../../test/support/histories';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { approvalSignal } from '../../shared/definitions';
import type { RunningCampaign } from '../../../services/journey-client';
import { SupportService } from '../../../services/support';
import { CampaignStore } from '../../../stores/campaigns';
import type { CompensationRequest } from './config';
import { compensationPlugin } from './plugin';

describe('compensation journey', () => {
  const stack = useJourneyStack();
  let campaign: RunningCampaign;

  beforeAll(async () => {
    campaign = await stack.launch('compensation', {
      agentDailyQuota: 30000,
      agentMonthlyQuota: 50000,
      approvalThreshold: 20000,
      maxAmount: 40000,
    });
  });

  async function customer() {
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('comp');
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale: 'zh-CN' });
    return { customerId, email };
  }

  function request(customerId: string, r: Omit<CompensationRequest, 'requestId'>) {
    const requestId = uniqueId('req');
    const workflowId = `journey/${campaign.campaignId}/${customerId}/${requestId}`;
    return stack.journeys
      .startJourney(compensationPlugin, campaign, customerId, workflowId, { request: { requestId, ...r } })
      .then((handle) => ({ handle, workflowId }));
  }

  it('grants a small credit within quota at once and emails the customer in their locale', async () => {
    const c = await customer();
    const { workflowId } = await request(c.customerId, {
      agentId: uniqueId('agent'),
      amount: 5000,
      reason: '物流延误补偿',
    });
    expect(await stack.result(workflowId)).toBe('granted');
    expect((await stack.ledger.wallet(c.customerId, await stack.now())).balance).toBe(5000);
    const mail = await mailTo(c.email);
    expect(mail.map((m) => m.subject)).toEqual(['客情维护金 50.00 CNY 已到账']);
    expect(mail[0]!.text).toContain('物流延误补偿');
  });

  it('needs a manager above the threshold: approve → granted, reject → refused and quota given back', async () => {
    const agentId = uniqueId('agent');
    const c = await customer();
    // Rejected first: its reservation must be given back, or the approved 25,000 would not fit the 30,000 day.
    const rejected = await request(c.customerId, { agentId, amount: 21000, reason: 'second claim' });
    await waitForApprovalTask(rejected.workflowId);
    await rejected.handle.signal(approvalSignal, { decision: 'reject', by: 'manager-1', note: 'duplicate' });
    expect(await stack.result(rejected.workflowId)).toBe('REJECTED_BY_MANAGER');

    const approved = await request(c.customerId, { agentId, amount: 25000, reason: 'damaged parcel' });
    await waitForApprovalTask(approved.workflowId);
    await approved.handle.signal(approvalSignal, { decision: 'approve', by: 'manager-1' });
    expect(await stack.result(approved.workflowId)).toBe('granted');
    await recordHistory(approved.handle, 'compensation--approved');
    expect((await stack.ledger.wallet(c.customerId, await stack.now())).balance).toBe(25000);
    const usage = await stack.db.pool.query(
      `SELECT amount::int, status FROM compensation_quota_usage WHERE agent_id = $1 ORDER BY created_at`,
      [agentId],
    );
    expect(usage.rows).toEqual([
      { amount: 21000, status: 'released' },
      { amount: 25000, status: 'reserved' },
    ]);
  });

  it('treats 24 h without a manager decision as rejected', async () => {
    const c = await customer();
    const { workflowId } = await request(c.customerId, {
      agentId: uniqueId('agent'),
      amount: 22000,
      reason: 'late',
    });
    expect(await stack.result(workflowId)).toBe('APPROVAL_TIMEOUT');
    expect((await stack.ledger.wallet(c.customerId, await stack.now())).balance).toBe(0);
  });

  it('a decision arriving after the 24 h deadline is refused as expired and closes the task', async () => {
    const c = await customer();
    const agentId = uniqueId('agent');
    const { workflowId } = await request(c.customerId, { agentId, amount: 22000, reason: 'late decision' });
    expect(await stack.result(workflowId)).toBe('APPROVAL_TIMEOUT');
    const task = await stack.db.pool.query<{ task_id: string }>(
      `SELECT task_id FROM support_tasks WHERE kind = 'compensation-approval' AND detail->>'workflowId' = $1`,
      [workflowId],
    );
    const taskId = Number(task.rows[0]!.task_id);
    const support = new SupportService(stack.db.pool, new CampaignStore(stack.db.pool), stack.journeys);
    await expect(
      support.decide(taskId, { decision: 'approve', by: 'manager-2' }, ['support-manager']),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'APPROVAL_EXPIRED' });
    const after = await stack.db.pool.query('SELECT status FROM support_tasks WHERE task_id = $1', [taskId]);
    expect(after.rows).toEqual([{ status: 'cancelled' }]);
    expect((await stack.ledger.wallet(c.customerId, await stack.now())).balance).toBe(0);
  });

  it('refuses with a reason once the agent’s daily quota is used up', async () => {
    const agentId = uniqueId('agent');
    const c = await customer();
    const first = await request(c.customerId, { agentId, amount: 20000, reason: 'first' });
    // Both in the same business day (no time skipped before both ran): 20,000 + 15,000 overruns the 30,000 day.
    const second = await request(c.customerId, { agentId, amount: 15000, reason: 'second' });
    const outcomes = await stack.results([first.workflowId, second.workflowId]);
    expect([...outcomes].sort()).toEqual(['DAILY_QUOTA_EXCEEDED', 'granted']);
    const refused = outcomes[0] === 'granted' ? second : first;
    const state = await stack.journeys.state(refused.workflowId);
    expect(state.status).toBe('refused');
    expect(state.outcome).toBe('DAILY_QUOTA_EXCEEDED');
  });

  it('never overruns a quota under concurrency: 10 parallel requests of 5,000 against a 30,000 daily quota', async () => {
    const agentId = uniqueId('agent');
    const c = await customer();
    const started = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(c.customerId, { agentId, amount: 5000, reason: `parallel ${i}` }),
      ),
    );
    const outcomes = await stack.results(started.map((s) => s.workflowId));
    expect(outcomes.filter((o) => o === 'granted')).toHaveLength(6);
    expect(outcomes.filter((o) => o === 'DAILY_QUOTA_EXCEEDED')).toHaveLength(4);
    expect((await stack.ledger.wallet(c.customerId, await stack.now())).balance).toBe(30000);
  });

  it('refuses an amount above the maximum without touching the quota', async () => {
    const agentId = uniqueId('agent');
    const c = await customer();
    const { workflowId } = await request(c.customerId, { agentId, amount: 45000, reason: 'too much' });
    expect(await stack.result(workflowId)).toBe('AMOUNT_ABOVE_MAXIMUM');
    const usage = await stack.db.pool.query('SELECT 1 FROM compensation_quota_usage WHERE agent_id = $1', [
      agentId,
    ]);
    expect(usage.rowCount).toBe(0);
  });

  const waitForApprovalTask = (workflowId: string) =>
    stack.awaitState(workflowId, (s) => s.step === 'awaiting-approval', 'approval task');
});
