import { daysBetween, journal, type JournalRow } from '../../../test/support/journey-assertions';
import { recordHistory, testSlug } from '../../../test/support/histories';
import { useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { journeyWorkflowId } from '../../shared/definitions';
import { TrialCreditConfig } from './config';

describe('trial-credit journey', () => {
  const stack = useJourneyStack();
  beforeEach(() => {
    // Each test launches its own campaign; earlier tests' campaigns must not start journeys for later customers.
    stack.campaigns.length = 0;
  });

  async function signUp(campaignId: string, locale: 'en' | 'zh-CN' = 'en') {
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('trial');
    const eventId = uniqueId('ev');
    const routed = await stack.emit({ type: 'signed_up', eventId, customerId, email, locale });
    expect(routed.deliveries).toEqual([{ campaignId, journeyType: 'trial-credit', delivery: 'delivered' }]);
    const startedAt = await stack.env.currentTimeMs();
    const workflowId = journeyWorkflowId(campaignId, customerId);
    return { customerId, email, eventId, startedAt, workflowId };
  }

  const order = (customerId: string) =>
    stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId: uniqueId('order'),
      amount: 12000,
      categories: ['tea'],
    });

  const result = async (workflowId: string) => {
    const outcome = await stack.result(workflowId);
    await recordHistory(stack.env.client.workflow.getHandle(workflowId), `trial-credit--${testSlug()}`);
    return outcome;
  };

  /**
   * Workflow time of a journey's last journal row. Business-time assertions after result() use it rather than the
   * server clock: once result() has returned, the time-skipping server may already have skipped far ahead.
   */
  const endedAt = (rows: JournalRow[]) => rows.at(-1)!.occurredAt.toISOString();

  it('grants 50.00 for 30 days, reminds on day 23 and ends expired-unused on day 30 without an order', async () => {
    const campaign = await stack.launch('trial-credit');
    const { customerId, email, startedAt, workflowId } = await signUp(campaign.campaignId);

    expect(await result(workflowId)).toBe('expired-unused');

    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => r.step)).toEqual(['grant', 'email:granted', 'email:reminder', 'end']);
    const at = (step: string) => rows.find((r) => r.step === step)!.occurredAt;
    expect(daysBetween(startedAt, at('grant'))).toBeLessThan(0.01);
    expect(Math.round(daysBetween(startedAt, at('email:reminder')))).toBe(23);
    expect(Math.round(daysBetween(startedAt, at('end')))).toBe(30);
    expect(rows.at(-1)).toMatchObject({ kind: 'journey-completed', detail: { outcome: 'expired-unused' } });

    const state = await stack.journeys.state(workflowId);
    expect(state).toMatchObject({ status: 'completed', outcome: 'expired-unused' });
    const expiresAt = String(state.details.expiresAt);
    expect(daysBetween(startedAt, new Date(expiresAt))).toBeCloseTo(30, 2);

    // The lot as the ledger holds it, right after the grant: 50.00 cash, 30-day expiry.
    const wallet = await stack.ledger.wallet(customerId, at('grant').toISOString());
    expect(wallet.balance).toBe(5000);
    expect(wallet.lots).toEqual([
      expect.objectContaining({
        lotId: state.details.lotId,
        kind: 'cash',
        original: 5000,
        remaining: 5000,
        expiresAt,
        campaignId: campaign.campaignId,
      }),
    ]);
    // Past its expiry the credit is gone from the wallet.
    expect((await stack.ledger.wallet(customerId, at('end').toISOString())).balance).toBe(0);

    const mail = await mailTo(email);
    expect(mail.map((m) => m.subject)).toEqual([
      'Your 50.00 CNY trial credit is ready',
      'Your trial credit expires in 7 days',
    ]);
    expect(mail[0]!.text).toContain(`valid until ${expiresAt.slice(0, 10)}`);
    expect(mail[1]!.text).toContain(`50.00 CNY trial credit expires on ${expiresAt.slice(0, 10)}`);
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(5000);
  });

  it('emails a zh-CN lead in Chinese and converts on a day-3 order without any reminder', async () => {
    const campaign = await stack.launch('trial-credit');
    const { customerId, email, startedAt, workflowId } = await signUp(campaign.campaignId, 'zh-CN');
    await stack.advance('3 days');
    const routed = await order(customerId);
    expect(routed.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'trial-credit', delivery: 'signalled' },
    ]);
    expect(await result(workflowId)).toBe('converted');

    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => r.step)).toEqual(['grant', 'email:granted', 'end']);
    const end = rows.at(-1)!;
    expect(end.detail).toMatchObject({ outcome: 'converted' });
    expect(Math.round(daysBetween(startedAt, end.occurredAt))).toBe(3);

    // Well past the would-be reminder day: still only the welcome email.
    await stack.advance('25 days');
    const mail = await mailTo(email);
    expect(mail.map((m) => m.subject)).toEqual(['您的新品体验金 50.00 CNY 已到账']);
    expect(mail[0]!.text).toContain('50.00 CNY 新品体验金');
    expect((await stack.journeys.state(workflowId)).outcome).toBe('converted');
  });

  it('still converts on an order after the reminder (day 25)', async () => {
    const campaign = await stack.launch('trial-credit');
    const { customerId, email, startedAt, workflowId } = await signUp(campaign.campaignId);
    await stack.advance('25 days');
    await order(customerId);
    expect(await result(workflowId)).toBe('converted');
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => r.step)).toEqual(['grant', 'email:granted', 'email:reminder', 'end']);
    expect(Math.round(daysBetween(startedAt, rows.at(-1)!.occurredAt))).toBe(25);
    expect(await mailTo(email)).toHaveLength(2);
  });

  it('skips the reminder when the credit was already spent', async () => {
    const campaign = await stack.launch('trial-credit');
    const { customerId, email, workflowId } = await signUp(campaign.campaignId);
    await stack.advance('2 days');
    // Spent at checkout; the order event itself never reached the journey.
    const redeemed = await stack.ledger.redeem({
      idempotencyKey: uniqueId('redeem'),
      customerId,
      order: { orderId: uniqueId('order'), amount: 8000, categories: ['tea'] },
      asOf: new Date(await stack.env.currentTimeMs()).toISOString(),
    });
    expect(redeemed.transactionId).toBeDefined();
    expect(await result(workflowId)).toBe('expired-unused');
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => r.step)).toEqual(['grant', 'email:granted', 'reminder-skipped', 'end']);
    expect(rows[2]!.detail).toMatchObject({ remaining: 0 });
    expect((await mailTo(email)).map((m) => m.subject)).toEqual(['Your 50.00 CNY trial credit is ready']);
  });

  it('sends no reminder when the campaign disables it (remindDaysBeforeExpiry 0)', async () => {
    const campaign = await stack.launch('trial-credit', { remindDaysBeforeExpiry: 0, amount: 1888 });
    const { email, startedAt, workflowId } = await signUp(campaign.campaignId);
    expect(await result(workflowId)).toBe('expired-unused');
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => r.step)).toEqual(['grant', 'email:granted', 'end']);
    expect(Math.round(daysBetween(startedAt, rows.at(-1)!.occurredAt))).toBe(30);
    expect((await mailTo(email)).map((m) => m.subject)).toEqual(['Your 18.88 CNY trial credit is ready']);
  });

  it('refuses a second account sharing a phone or device (MULTI_ACCOUNT) unless antiFraud is off', async () => {
    const phone = `+86 138 ${uniqueId('p')}`;
    const deviceId = uniqueId('device');
    const signUpWith = async (extra: Record<string, string>) => {
      const customerId = uniqueId('cust');
      await stack.emit({
        type: 'signed_up',
        eventId: uniqueId('ev'),
        customerId,
        email: uniqueRecipient('trial-fraud'),
        locale: 'en',
        ...extra,
      });
      return customerId;
    };
    const guarded = await stack.launch('trial-credit');
    const first = await signUpWith({ phone });
    const second = await signUpWith({ phone: ` ${phone} `.replace('138', '138-'), deviceId });
    const third = await signUpWith({ deviceId });
    const [firstWf, secondWf, thirdWf] = [first, second, third].map((c) =>
      journeyWorkflowId(guarded.campaignId, c),
    );
    await stack.awaitState(firstWf!, (st) => st.details.lotId !== undefined, 'the first account granted');
    expect(await result(secondWf!)).toBe('MULTI_ACCOUNT');
    expect(await result(thirdWf!)).toBe('MULTI_ACCOUNT');
    const refused = (await journal(stack.db.pool, thirdWf!)).at(-1)!;
    expect(refused).toMatchObject({ kind: 'journey-refused' });
    // Ids and which fields matched, never the values.
    expect(refused.detail.sharedWith).toEqual([{ customerId: second, shared: ['device'] }]);
    expect(JSON.stringify(refused.detail)).not.toContain(deviceId);
    expect((await stack.ledger.campaignBudget(guarded.campaignId)).granted).toBe(5000);
    await stack.workflows.terminate([firstWf!]);

    stack.campaigns.length = 0;
    const open = await stack.launch('trial-credit', { antiFraud: false });
    const fourth = await signUpWith({ phone });
    const state = await stack.awaitState(
      journeyWorkflowId(open.campaignId, fourth),
      (st) => st.details.lotId !== undefined || st.status === 'refused',
      'the fourth account granted',
    );
    expect(state.status).not.toBe('refused');
    await stack.workflows.terminate([journeyWorkflowId(open.campaignId, fourth)]);
  });

  it('refuses a customer who already ordered (not-a-lead) and grants nothing', async () => {
    const campaign = await stack.launch('trial-credit');
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('trial-customer');
    const early = await order(customerId);
    expect(early.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'trial-credit', delivery: 'not-running' },
    ]);
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale: 'en' });
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);

    expect(await result(workflowId)).toBe('not-a-lead');
    const state = await stack.journeys.state(workflowId);
    expect(state).toMatchObject({ status: 'refused', outcome: 'not-a-lead' });
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows).toEqual([
      expect.objectContaining({
        step: 'end',
        kind: 'journey-refused',
        detail: expect.objectContaining({ orderCount: 1 }),
      }),
    ]);
    expect((await stack.ledger.wallet(customerId, endedAt(rows))).lots).toHaveLength(0);
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(0);
    expect(await mailTo(email)).toHaveLength(0);
  });

  it('ends with BUDGET_EXCEEDED when the budget cannot cover the credit', async () => {
    const campaign = await stack.launch('trial-credit', {}, 4999);
    const { customerId, email, workflowId } = await signUp(campaign.campaignId);
    expect(await result(workflowId)).toBe('BUDGET_EXCEEDED');
    const state = await stack.journeys.state(workflowId);
    expect(state).toMatchObject({ status: 'refused', outcome: 'BUDGET_EXCEEDED' });
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => [r.step, r.kind])).toEqual([
      ['grant:refused', 'credit-refused'],
      ['end', 'journey-refused'],
    ]);
    expect((await stack.ledger.wallet(customerId, endedAt(rows))).lots).toHaveLength(0);
    expect(await stack.ledger.campaignBudget(campaign.campaignId)).toMatchObject({
      granted: 0,
      remaining: 4999,
    });
    expect(await mailTo(email)).toHaveLength(0);
  });

  it('ignores a redelivered sign-up and never starts again for the same customer', async () => {
    const campaign = await stack.launch('trial-credit');
    const { customerId, email, eventId, workflowId } = await signUp(campaign.campaignId);
    const firstRunId = (await stack.env.client.workflow.getHandle(workflowId).describe()).runId;

    const again = await stack.emit({ type: 'signed_up', eventId, customerId, email, locale: 'en' });
    expect(again.duplicate).toBe(true);
    await stack.advance('1 day');
    await order(customerId);
    expect(await result(workflowId)).toBe('converted');

    const later = await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId,
      email,
      locale: 'en',
    });
    expect(later.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'trial-credit', delivery: 'already-finished' },
    ]);
    const description = await stack.env.client.workflow.getHandle(workflowId).describe();
    expect(description.runId).toBe(firstRunId);
    expect(description.status.name).toBe('COMPLETED');

    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.filter((r) => r.step === 'grant')).toHaveLength(1);
    expect((await stack.ledger.wallet(customerId, endedAt(rows))).lots).toHaveLength(1);
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(5000);
    expect(await mailTo(email)).toHaveLength(1);
  });

  it('validates its config', () => {
    expect(TrialCreditConfig.parse({})).toMatchObject({
      amount: 5000,
      validityDays: 30,
      remindDaysBeforeExpiry: 7,
    });
    expect(TrialCreditConfig.safeParse({ amount: 0 }).success).toBe(false);
  });
});
