import { journal } from '../../../test/support/journey-assertions';
import { useJourneyStack } from '../../../test/support/per-file';
import { SUPPORT_INBOX, uniqueId } from '../../../test/support/journey-stack';
import { recordHistory } from '../../../test/support/histories';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { approvalSignal, journeyWorkflowId } from '../../shared/definitions';
import { ReferralConfig } from './config';

describe('referral journey', () => {
  const stack = useJourneyStack();

  /** A referrer who qualifies (bought recently). */
  async function referrer() {
    const customerId = uniqueId('referrer');
    const email = uniqueRecipient('referrer');
    const phone = uniqueId('p');
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId,
      email,
      locale: 'en',
      phone,
    });
    await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId: uniqueId('o'),
      amount: 30000,
      categories: [],
    });
    return { customerId, email, phone };
  }

  async function refereeSignsUp(
    campaignId: string,
    referralCode: string,
    extra: Record<string, string> = {},
  ) {
    const customerId = uniqueId('referee');
    const email = uniqueRecipient('referee');
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId,
      email,
      locale: 'en',
      referralCode,
      ...extra,
    });
    return { customerId, email, workflowId: journeyWorkflowId(campaignId, customerId) };
  }

  async function firstOrder(customerId: string) {
    const orderId = uniqueId('order');
    await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId,
      amount: 20000,
      categories: [],
    });
    return orderId;
  }

  const waitForStep = (workflowId: string, step: string) =>
    stack.awaitState(workflowId, (s) => s.step === step, `step ${step}`);

  async function approve(workflowId: string, decision: 'approve' | 'reject') {
    await stack.env.client.workflow.getHandle(workflowId).signal(approvalSignal, { decision, by: 'sales-1' });
  }

  it('pays both sides after verification and 72 h without refund, and gives the referrer the first tier voucher', async () => {
    const campaign = await stack.launch('referral');
    const ref = await referrer();
    const referee = await refereeSignsUp(campaign.campaignId, ref.customerId);
    await firstOrder(referee.customerId);
    await waitForStep(referee.workflowId, 'awaiting-verification');
    const tasks = await stack.db.pool.query(`SELECT kind FROM support_tasks WHERE customer_id = $1`, [
      referee.customerId,
    ]);
    expect(tasks.rows).toEqual([{ kind: 'referral-review' }]);
    const startedAt = await stack.env.currentTimeMs();
    await approve(referee.workflowId, 'approve');

    const handle = stack.env.client.workflow.getHandle(referee.workflowId);
    expect(await stack.result(handle.workflowId)).toBe('rewarded');
    await recordHistory(handle, 'referral--rewarded');
    const rows = await journal(stack.db.pool, referee.workflowId);
    const paid = rows.find((r) => r.step === 'reward:referee')!;
    expect((paid.occurredAt.getTime() - startedAt) / 3_600_000).toBeGreaterThanOrEqual(72);

    const refereeWallet = await stack.ledger.wallet(
      referee.customerId,
      new Date(paid.occurredAt).toISOString(),
    );
    const referrerWallet = await stack.ledger.wallet(ref.customerId, new Date(paid.occurredAt).toISOString());
    expect(refereeWallet.balance).toBe(5000);
    // 50.00 referral reward + 100.00 first-tier voucher
    expect(referrerWallet.balance).toBe(15000);
    expect((await mailTo(referee.email)).map((m) => m.subject)).toEqual([
      'Your referral reward of 50.00 CNY is here',
    ]);
    expect((await mailTo(ref.email)).map((m) => m.subject)).toEqual([
      'Your referral reward of 50.00 CNY is here',
      'Congratulations: 1 successful referrals',
    ]);
    const status = await stack.db.pool.query('SELECT status FROM referrals WHERE referee_id = $1', [
      referee.customerId,
    ]);
    expect(status.rows).toEqual([{ status: 'paid' }]);
  });

  it('pays both sides or neither: a budget for only one reward takes the referee’s back', async () => {
    const campaign = await stack.launch('referral', {}, 5000);
    const ref = await referrer();
    const referee = await refereeSignsUp(campaign.campaignId, ref.customerId);
    await firstOrder(referee.customerId);
    await waitForStep(referee.workflowId, 'awaiting-verification');
    await approve(referee.workflowId, 'approve');
    expect(await stack.result(referee.workflowId)).toBe('BUDGET_EXCEEDED');
    const budget = await stack.ledger.campaignBudget(campaign.campaignId);
    expect(budget.granted).toBe(5000);
    expect(budget.spentNet).toBe(0);
    expect((await stack.ledger.wallet(referee.customerId, await stack.now())).balance).toBe(0);
    expect((await stack.ledger.wallet(ref.customerId, await stack.now())).balance).toBe(0);
    const status = await stack.db.pool.query('SELECT status, reason FROM referrals WHERE referee_id = $1', [
      referee.customerId,
    ]);
    expect(status.rows).toEqual([{ status: 'cancelled', reason: 'BUDGET_EXCEEDED' }]);
    expect(await mailTo(referee.email)).toHaveLength(0);
  });

  it('pays nothing when sales reject', async () => {
    const campaign = await stack.launch('referral');
    const ref = await referrer();
    const referee = await refereeSignsUp(campaign.campaignId, ref.customerId);
    await firstOrder(referee.customerId);
    await waitForStep(referee.workflowId, 'awaiting-verification');
    await approve(referee.workflowId, 'reject');
    expect(await stack.result(referee.workflowId)).toBe('rejected');
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(0);
    expect(await mailTo(referee.email)).toHaveLength(0);
  });

  it('pays nothing when the first order is refunded within 72 h', async () => {
    const campaign = await stack.launch('referral');
    const ref = await referrer();
    const referee = await refereeSignsUp(campaign.campaignId, ref.customerId);
    const orderId = await firstOrder(referee.customerId);
    await waitForStep(referee.workflowId, 'awaiting-verification');
    await approve(referee.workflowId, 'approve');
    await stack.advance('48 hours');
    await stack.emit({
      type: 'order_refunded',
      eventId: uniqueId('ev'),
      customerId: referee.customerId,
      orderId,
    });
    expect(await stack.result(referee.workflowId)).toBe('order-refunded');
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(0);
    const status = await stack.db.pool.query('SELECT status, reason FROM referrals WHERE referee_id = $1', [
      referee.customerId,
    ]);
    expect(status.rows).toEqual([{ status: 'cancelled', reason: 'order-refunded' }]);
  });

  it('escalates when sales do not verify within 12 h, and cancels when nobody decides', async () => {
    const campaign = await stack.launch('referral');
    const ref = await referrer();
    const referee = await refereeSignsUp(campaign.campaignId, ref.customerId);
    await firstOrder(referee.customerId);
    const handle = stack.env.client.workflow.getHandle(referee.workflowId);
    expect(await stack.result(handle.workflowId)).toBe('verification-timeout');
    await recordHistory(handle, 'referral--escalated-timeout');
    const tasks = await stack.db.pool.query(
      'SELECT kind FROM support_tasks WHERE customer_id = $1 ORDER BY task_id',
      [referee.customerId],
    );
    expect(tasks.rows.map((r) => r.kind)).toEqual(['referral-review', 'approval-escalation']);
    const notices = await mailTo(SUPPORT_INBOX);
    expect(notices.some((m) => m.subject.includes(`Escalated: referral of ${referee.customerId}`))).toBe(
      true,
    );
    const steps = (await journal(stack.db.pool, referee.workflowId)).map((r) => r.step);
    expect(steps).toContain('verification-escalated');
  });

  it('refuses a self-referral', async () => {
    const campaign = await stack.launch('referral');
    const customerId = uniqueId('self');
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId,
      email: uniqueRecipient('self'),
      locale: 'en',
      referralCode: customerId,
    });
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    expect(await stack.result(workflowId)).toBe('SELF_REFERRAL');
  });

  it('refuses a second account that shares the referrer’s phone (multi-account)', async () => {
    const campaign = await stack.launch('referral');
    const ref = await referrer();
    // Written differently (spaces): the keyed hash compares the number, not its formatting.
    const referee = await refereeSignsUp(campaign.campaignId, ref.customerId, {
      phone: `${ref.phone.slice(0, 3)} ${ref.phone.slice(3)}`,
    });
    expect(await stack.result(referee.workflowId)).toBe('MULTI_ACCOUNT');
    const status = await stack.db.pool.query('SELECT status, reason FROM referrals WHERE referee_id = $1', [
      referee.customerId,
    ]);
    expect(status.rows).toEqual([{ status: 'ineligible', reason: 'MULTI_ACCOUNT' }]);
  });

  it('refuses a referrer who neither bought within 365 days nor spent the minimum', async () => {
    const campaign = await stack.launch('referral');
    const lapsed = uniqueId('lapsed');
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId: lapsed,
      email: uniqueRecipient('lapsed'),
      locale: 'en',
    });
    const referee = await refereeSignsUp(campaign.campaignId, lapsed);
    expect(await stack.result(referee.workflowId)).toBe('REFERRER_NOT_QUALIFIED');
  });

  it('reaches the 3-referral tier: a gift fulfilment task for the referrer', async () => {
    const campaign = await stack.launch('referral');
    const ref = await referrer();
    for (let i = 0; i < 3; i++) {
      const referee = await refereeSignsUp(campaign.campaignId, ref.customerId);
      await firstOrder(referee.customerId);
      await waitForStep(referee.workflowId, 'awaiting-verification');
      await approve(referee.workflowId, 'approve');
      expect(await stack.result(referee.workflowId)).toBe('rewarded');
    }
    const gifts = await stack.db.pool.query(
      `SELECT kind, detail->>'referrals' AS referrals FROM support_tasks WHERE customer_id = $1`,
      [ref.customerId],
    );
    expect(gifts.rows).toEqual([{ kind: 'gift-fulfilment', referrals: '3' }]);
    const subjects = (await mailTo(ref.email)).map((m) => m.subject);
    expect(subjects.filter((s) => s.startsWith('Congratulations'))).toEqual([
      'Congratulations: 1 successful referrals',
      'Congratulations: 3 successful referrals',
    ]);
  });

  it('does not start for a sign-up without a referral code, and validates tiers', async () => {
    const campaign = await stack.launch('referral');
    const routed = await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId: uniqueId('plain'),
      email: uniqueRecipient('plain'),
    });
    expect(routed.deliveries.filter((d) => d.campaignId === campaign.campaignId)).toEqual([]);
    const dup = ReferralConfig.safeParse({
      tiers: [
        { referrals: 1, reward: { type: 'status', status: 'a' } },
        { referrals: 1, reward: { type: 'status', status: 'b' } },
      ],
    });
    expect(dup.success).toBe(false);
  });
});
