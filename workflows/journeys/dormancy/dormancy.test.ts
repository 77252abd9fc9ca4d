import { eventually } from '../../../test/support/eventually';
import { daysBetween, journal } from '../../../test/support/journey-assertions';
import { SUPPORT_INBOX, uniqueId } from '../../../test/support/journey-stack';
import { stopJourneysAfterEach, useJourneyStack } from '../../../test/support/per-file';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { journeyWorkflowId } from '../../shared/definitions';
import { DormancyConfig } from './config';

/** Short clocks so a whole dormancy cycle fits in a few skipped weeks. */
const SMALL = { dormantDays: 10, callbackAfterDays: 2, giftAfterDays: 2, eventsPerRun: 10 };

describe('dormancy journey', () => {
  const stack = useJourneyStack();
  // The journey never ends by itself: stop it so it does not keep waking up while later tests skip time.
  const started = stopJourneysAfterEach(stack, 'dormancy');
  beforeEach(() => {
    // Each test launches its own campaign; earlier tests' campaigns must not start journeys for later customers.
    stack.campaigns.length = 0;
  });

  async function signUp(campaignId: string) {
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('dormant');
    const routed = await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId,
      email,
      locale: 'en',
    });
    expect(routed.deliveries).toEqual([{ campaignId, journeyType: 'dormancy', delivery: 'delivered' }]);
    const startedAt = await stack.env.currentTimeMs();
    const workflowId = journeyWorkflowId(campaignId, customerId);
    started.push(workflowId);
    const name = email.split('@')[0]!;
    return { customerId, email, name, startedAt, workflowId };
  }

  const active = (customerId: string) =>
    stack.emit({ type: 'active', eventId: uniqueId('ev'), customerId, activity: 'visit' });
  const order = (customerId: string) =>
    stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId: uniqueId('order'),
      amount: 9900,
      categories: [],
    });

  const runId = async (workflowId: string) =>
    (await stack.env.client.workflow.getHandle(workflowId).describe()).runId;
  const steps = async (workflowId: string) => (await journal(stack.db.pool, workflowId)).map((r) => r.step);
  const supportTasks = async (customerId: string) =>
    (
      await stack.db.pool.query<{
        kind: string;
        title: string;
        detail: Record<string, unknown>;
        due_at: Date;
      }>('SELECT kind, title, detail, due_at FROM support_tasks WHERE customer_id = $1 ORDER BY task_id', [
        customerId,
      ])
    ).rows;
  const supportMailFor = async (customerId: string) =>
    (await mailTo(SUPPORT_INBOX)).filter((m) => m.subject.includes(customerId));

  it('postpones dormancy when the customer is active on day 8', async () => {
    const campaign = await stack.launch('dormancy', SMALL);
    const { customerId, email, name, startedAt, workflowId } = await signUp(campaign.campaignId);

    await stack.advance('8 days');
    const routed = await active(customerId);
    expect(routed.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'dormancy', delivery: 'delivered' },
    ]);
    await stack.advance('2 days');
    await stack.advance('1 hour');

    // Day 10: without the activity this is when the customer would have gone dormant.
    expect(await mailTo(email)).toHaveLength(0);
    expect(await steps(workflowId)).toEqual([]);
    const state = await stack.journeys.state(workflowId);
    expect(state.status).toBe('waiting');
    expect(Math.round(daysBetween(startedAt, new Date(String(state.details.lastActivityAt))))).toBe(8);
    expect(Math.round(daysBetween(startedAt, new Date(state.nextWakeAt!)))).toBe(18);

    await stack.advance('8 days');
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => r.step)).toEqual(['cycle-1:dormant', 'cycle-1:email-offer']);
    expect(Math.round(daysBetween(startedAt, rows[0]!.occurredAt))).toBe(18);
    const mail = await mailTo(email);
    expect(mail.map((m) => m.subject)).toEqual([`We miss you, ${name}: a welcome-back offer`]);
    expect(mail[0]!.text).toContain('It has been 10 days since your last visit.');
  });

  it('emails an offer, then opens a support callback, then grants a gift; an order then reactivates', async () => {
    const campaign = await stack.launch('dormancy', SMALL);
    const { customerId, email, name, startedAt, workflowId } = await signUp(campaign.campaignId);

    await stack.advance('14 days');
    await stack.advance('1 hour');

    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => r.step)).toEqual([
      'cycle-1:dormant',
      'cycle-1:email-offer',
      'cycle-1:callback',
      'cycle-1:gift',
      'cycle-1:email-gift',
    ]);
    const day = (step: string) =>
      Math.round(daysBetween(startedAt, rows.find((r) => r.step === step)!.occurredAt));
    expect([day('cycle-1:email-offer'), day('cycle-1:callback'), day('cycle-1:gift')]).toEqual([10, 12, 14]);

    const tasks = await supportTasks(customerId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'callback', detail: { workflowId, cycle: 1 } });
    expect(tasks[0]!.title).toContain(customerId);
    expect(Math.round(daysBetween(startedAt, tasks[0]!.due_at))).toBe(14);
    const supportMail = await supportMailFor(customerId);
    expect(supportMail.map((m) => m.subject)).toEqual([
      `[perkflow support] Call back dormant customer ${customerId} (10+ days inactive)`,
    ]);

    const giftAt = rows.find((r) => r.step === 'cycle-1:gift')!;
    const wallet = await stack.ledger.wallet(customerId, giftAt.occurredAt.toISOString());
    expect(wallet.lots).toEqual([
      expect.objectContaining({
        lotId: giftAt.detail.lotId,
        kind: 'cash',
        original: 10000,
        remaining: 10000,
        campaignId: campaign.campaignId,
      }),
    ]);
    expect(Math.round(daysBetween(giftAt.occurredAt, new Date(wallet.lots[0]!.expiresAt!)))).toBe(30);
    expect((await mailTo(email)).map((m) => m.subject)).toEqual([
      `We miss you, ${name}: a welcome-back offer`,
      'A welcome-back gift: 100.00 CNY credit',
    ]);
    const waiting = await stack.journeys.state(workflowId);
    expect(waiting).toMatchObject({ status: 'waiting', step: 'cycle-1:awaiting-order' });

    // Weeks later, still no second gift and no second task while the customer stays away.
    await stack.advance('20 days');
    expect(await supportTasks(customerId)).toHaveLength(1);
    expect(await mailTo(email)).toHaveLength(2);

    const before = await runId(workflowId);
    await order(customerId);
    const after = await eventually(() => stack.journeys.state(workflowId), {
      until: (s) => s.details.reactivations === 1 && s.step === 'watching',
      description: 'reactivation',
    });
    expect(after.details.cycle).toBe(1);
    expect(await runId(workflowId)).not.toBe(before);
    const reactivated = (await journal(stack.db.pool, workflowId)).find(
      (r) => r.step === 'cycle-1:reactivated',
    );
    expect(reactivated?.detail).toMatchObject({ afterStage: 'gift', cycle: 1 });
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(10000);
  });

  it('an order after the email offer reactivates without a callback; the watch then starts over', async () => {
    const campaign = await stack.launch('dormancy', SMALL);
    const { customerId, email, startedAt, workflowId } = await signUp(campaign.campaignId);

    await stack.advance('11 days');
    expect(await mailTo(email)).toHaveLength(1);
    await order(customerId);
    await eventually(() => steps(workflowId), {
      until: (s) => s.includes('cycle-1:reactivated'),
      description: 'cycle 1 reactivation',
    });
    const cycle1 = (await journal(stack.db.pool, workflowId)).find((r) => r.step === 'cycle-1:reactivated')!;
    expect(cycle1.detail).toMatchObject({ afterStage: 'email-offer', cycle: 1 });
    expect(Math.round(daysBetween(startedAt, cycle1.occurredAt))).toBe(11);

    // Past the would-be callback and gift days of cycle 1: neither happened.
    await stack.advance('5 days');
    expect(await supportTasks(customerId)).toHaveLength(0);
    expect(await supportMailFor(customerId)).toHaveLength(0);
    expect(await steps(workflowId)).toEqual([
      'cycle-1:dormant',
      'cycle-1:email-offer',
      'cycle-1:reactivated',
    ]);

    // Cycle 2: dormant 10 days after the order (day 21), callback on day 23, an order on day 24 ends it before the gift.
    await stack.advance('8 days');
    await order(customerId);
    await eventually(() => steps(workflowId), {
      until: (s) => s.includes('cycle-2:reactivated'),
      description: 'cycle 2 reactivation',
    });
    const rows = await journal(stack.db.pool, workflowId);
    const day = (step: string) =>
      Math.round(daysBetween(startedAt, rows.find((r) => r.step === step)!.occurredAt));
    expect([day('cycle-2:dormant'), day('cycle-2:callback'), day('cycle-2:reactivated')]).toEqual([
      21, 23, 24,
    ]);
    expect(rows.find((r) => r.step === 'cycle-2:reactivated')!.detail).toMatchObject({
      afterStage: 'callback',
      cycle: 2,
    });
    expect(rows.map((r) => r.step)).not.toContain('cycle-2:gift');
    expect(await supportTasks(customerId)).toEqual([
      expect.objectContaining({ kind: 'callback', detail: expect.objectContaining({ cycle: 2 }) }),
    ]);
    const now = new Date(await stack.env.currentTimeMs()).toISOString();
    expect((await stack.ledger.wallet(customerId, now)).lots).toHaveLength(0);
    // The reactivation starts the watch over in a new run: its state is `pending` until that run's first step ran.
    const state = await stack.awaitState(workflowId, (s) => s.status !== 'pending', 'the new watch running');
    expect(state.details).toMatchObject({ reactivations: 2, cycle: 2 });
  });

  it('continues as new after eventsPerRun activity events, keeping its state, and still goes dormant later', async () => {
    const campaign = await stack.launch('dormancy', SMALL);
    const { customerId, email, startedAt, workflowId } = await signUp(campaign.campaignId);

    // One reactivation first, so there is a count to carry over.
    await stack.advance('11 days');
    const firstRun = await runId(workflowId);
    await order(customerId);
    await eventually(() => stack.journeys.state(workflowId), {
      until: (s) => s.details.reactivations === 1 && s.step === 'watching',
      description: 'reactivation',
    });
    const secondRun = await runId(workflowId);
    expect(secondRun).not.toBe(firstRun);

    await stack.advance('1 day');
    for (let i = 0; i < SMALL.eventsPerRun; i++) await active(customerId);
    const thirdRun = await eventually(() => runId(workflowId), {
      until: (id) => id !== secondRun,
      description: 'continue-as-new',
    });

    await stack.advance('2 days');
    await active(customerId);
    await active(customerId);
    const state = await eventually(() => stack.journeys.state(workflowId), {
      until: (s) => Math.round(daysBetween(startedAt, new Date(String(s.details.lastActivityAt)))) === 14,
      description: 'the day-14 activity',
    });
    expect(state.details).toMatchObject({ reactivations: 1, cycle: 1 });
    expect(state.step).toBe('watching');
    expect(await runId(workflowId)).toBe(thirdRun);
    const description = await stack.env.client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('RUNNING');

    // Dormant again 10 days after the last activity (day 24), as cycle 2.
    await stack.advance('9 days');
    expect(await steps(workflowId)).not.toContain('cycle-2:dormant');
    await stack.advance('1 day');
    await stack.advance('1 hour');
    const rows = await journal(stack.db.pool, workflowId);
    const dormant = rows.find((r) => r.step === 'cycle-2:dormant');
    expect(dormant).toBeDefined();
    expect(Math.round(daysBetween(startedAt, dormant!.occurredAt))).toBe(24);
    expect(await mailTo(email)).toHaveLength(2);
  });

  it('after the gift keeps waiting for an order across continue-as-new while the customer is only active', async () => {
    const campaign = await stack.launch('dormancy', SMALL);
    const { customerId, email, startedAt, workflowId } = await signUp(campaign.campaignId);
    await stack.advance('14 days');
    await stack.advance('1 hour');
    expect((await stack.journeys.state(workflowId)).step).toBe('cycle-1:awaiting-order');
    const giftRun = await runId(workflowId);

    // Visits without an order: they must not pile up in one run's history for ever.
    for (let i = 0; i < SMALL.eventsPerRun + 2; i++) await active(customerId);
    await eventually(() => runId(workflowId), {
      until: (id) => id !== giftRun,
      description: 'continue-as-new while awaiting the order',
    });
    const state = await eventually(() => stack.journeys.state(workflowId), {
      until: (s) => s.step === 'cycle-1:awaiting-order',
      description: 'the new run awaiting the order',
    });
    expect(state.details).toMatchObject({ cycle: 1, reactivations: 0 });

    // Still in cycle 1: no new dormancy cycle, no second task or gift.
    await stack.advance('30 days');
    expect((await steps(workflowId)).filter((s) => s.startsWith('cycle-2'))).toEqual([]);
    expect(await supportTasks(customerId)).toHaveLength(1);
    expect(await mailTo(email)).toHaveLength(2);

    await order(customerId);
    await eventually(() => steps(workflowId), {
      until: (s) => s.includes('cycle-1:reactivated'),
      description: 'reactivation',
    });
    const reactivated = (await journal(stack.db.pool, workflowId)).find(
      (r) => r.step === 'cycle-1:reactivated',
    )!;
    expect(reactivated.detail).toMatchObject({ afterStage: 'gift', cycle: 1 });
    expect(Math.round(daysBetween(startedAt, reactivated.occurredAt))).toBe(44);
    const after = await eventually(() => stack.journeys.state(workflowId), {
      until: (s) => s.step === 'watching',
      description: 'watching again',
    });
    expect(after.details).toMatchObject({ cycle: 1, reactivations: 1 });
  });

  it('validates its config', () => {
    expect(DormancyConfig.parse({})).toMatchObject({
      dormantDays: 90,
      callbackAfterDays: 7,
      giftAfterDays: 7,
      eventsPerRun: 200,
    });
    expect(DormancyConfig.safeParse({ eventsPerRun: 5 }).success).toBe(false);
  });
});
