import type { WorkflowHandle } from '@temporalio/client';
import { DAY_MS, daysBetween, journal } from '../../../test/support/journey-assertions';
import { stopWhenIdle } from '../../../test/support/long-lived-journeys';
import { useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { activityCalls } from '../../../test/support/histories';
import { journeyWorkflowId } from '../../shared/definitions';
import { findJourneyPlugin } from '../registry';
import { ExpiryReminderConfig } from './config';

const HOUR_MS = 3_600_000;

describe('expiry-reminder journey', () => {
  const stack = useJourneyStack();
  const handles: WorkflowHandle[] = [];
  beforeEach(() => {
    stack.campaigns.length = 0;
  });
  // The sweep runs forever (continue-as-new): stop it so it does not keep waking up in later tests.
  afterEach(() =>
    stopWhenIdle(
      stack,
      handles.splice(0).map((h) => h.workflowId),
      'expiry-reminder',
    ),
  );

  const now = async () => stack.env.currentTimeMs();
  const iso = (ms: number) => new Date(ms).toISOString();

  /** A campaign whose lots the sweep watches (lots are granted straight from its budget). */
  async function lotCampaign(): Promise<string> {
    const campaignId = uniqueId('lots');
    await stack.ledger.openCampaignBudget({
      idempotencyKey: `budget/${campaignId}`,
      campaignId,
      amount: 1_000_000,
      asOf: iso(await now()),
    });
    return campaignId;
  }

  /** A signed-up customer (so the sweep finds an email address) holding one lot. */
  async function customerWithLot(campaignId: string, amount: number, expiresAtMs: number) {
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('expiry');
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale: 'en' });
    const lot = await stack.ledger.grantCredit({
      idempotencyKey: uniqueId('grant'),
      campaignId,
      customerId,
      amount,
      kind: 'cash',
      scope: { type: 'all' },
      stacking: 'stackable',
      expiresAt: iso(expiresAtMs),
      asOf: iso(await now()),
      source: { reason: 'expiry-reminder test' },
    });
    return { customerId, email, lotId: lot.lotId, expiresAtMs };
  }

  async function spend(customerId: string, amount: number) {
    await stack.ledger.redeem({
      idempotencyKey: uniqueId('redeem'),
      customerId,
      order: { orderId: uniqueId('order'), amount: 100_000, categories: [] },
      maxAmount: amount,
      asOf: iso(await now()),
    });
  }

  async function startSweep(config: unknown) {
    const campaign = await stack.launch('expiry-reminder', config);
    const workflowId = journeyWorkflowId(campaign.campaignId, '_campaign');
    const handle = await stack.journeys.startJourney(
      findJourneyPlugin('expiry-reminder')!,
      campaign,
      '_campaign',
      workflowId,
    );
    handles.push(handle);
    return { handle, workflowId };
  }

  const subjects = async (email: string) => (await mailTo(email)).map((m) => m.subject);

  /** Value still in a lot's wallet account (the sweep moves an expired lot's value to breakage). */
  async function lotBalance(lotId: string): Promise<number> {
    const res = await stack.db.pool.query<{ balance: string }>(
      'SELECT a.balance FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id WHERE l.id = $1',
      [lotId],
    );
    return Number(res.rows[0]!.balance);
  }

  it('reminds each lot once within N days of its expiry, skips spent lots and moves expired ones to breakage', async () => {
    const campaignId = await lotCampaign();
    const otherCampaignId = await lotCampaign();
    const t0 = await now();
    const soon = await customerWithLot(campaignId, 1234, t0 + 3 * DAY_MS);
    const mid = await customerWithLot(campaignId, 3000, t0 + 10.5 * DAY_MS);
    const late = await customerWithLot(campaignId, 4500, t0 + 20.5 * DAY_MS);
    const spent = await customerWithLot(campaignId, 2000, t0 + 10.5 * DAY_MS);
    const partly = await customerWithLot(campaignId, 6000, t0 + 10.5 * DAY_MS);
    const otherCampaign = await customerWithLot(otherCampaignId, 999, t0 + 5 * DAY_MS);
    await spend(spent.customerId, 2000);
    await spend(partly.customerId, 1000);

    const { handle, workflowId } = await startSweep({
      remindDaysBefore: 7,
      sweepEveryHours: 24,
      sweepsPerRun: 5,
      campaignIds: [campaignId],
    });
    const firstRunId = (await handle.describe()).runId;

    // First sweep (day 0): only the lot already inside the 7-day window.
    await stack.advance('1 hour');
    expect(await subjects(soon.email)).toEqual(['12.34 CNY of your credit expires soon']);
    expect((await mailTo(soon.email))[0]!.text).toContain('(in 3 days)');
    for (const c of [mid, late, spent, partly, otherCampaign]) expect(await mailTo(c.email)).toHaveLength(0);
    expect((await stack.journeys.state(workflowId)).details).toMatchObject({ sweeps: 1, lastReminded: 1 });

    // Day 4: the lots expiring on day 10.5 entered the window (6.5 days before expiry).
    await stack.advance('4 days');
    expect(await subjects(mid.email)).toEqual(['30.00 CNY of your credit expires soon']);
    expect((await mailTo(mid.email))[0]!.text).toContain('(in 7 days)');
    // A partly spent lot is reminded of what is left; a fully spent one not at all.
    expect(await subjects(partly.email)).toEqual(['50.00 CNY of your credit expires soon']);
    expect(await mailTo(spent.email)).toHaveLength(0);
    expect(await mailTo(late.email)).toHaveLength(0);
    const rows = await journal(stack.db.pool, workflowId);
    const remindedAt = (lotId: string) => rows.find((r) => r.step === `remind:${lotId}`)!.occurredAt;
    const before = (c: { lotId: string; expiresAtMs: number }) =>
      daysBetween(remindedAt(c.lotId), c.expiresAtMs);
    expect(before(mid)).toBeGreaterThan(6);
    expect(before(mid)).toBeLessThanOrEqual(7);
    expect(Math.round(daysBetween(t0, remindedAt(mid.lotId)))).toBe(4);
    // The day-3 lot expired and the sweep moved it to breakage.
    expect(await lotBalance(soon.lotId)).toBe(0);

    // Day 12: mid expired on day 10.5; it was reminded once only, across sweeps and continue-as-new.
    await stack.advance('8 days');
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    expect(await mailTo(mid.email)).toHaveLength(1);
    expect(await mailTo(soon.email)).toHaveLength(1);
    expect(await mailTo(late.email)).toHaveLength(0);
    expect(await lotBalance(mid.lotId)).toBe(0);
    expect(await lotBalance(partly.lotId)).toBe(0);
    expect((await stack.ledger.wallet(mid.customerId, iso(await now()))).balance).toBe(0);

    // Day 15: the day-20.5 lot got its reminder on day 14.
    await stack.advance('3 days');
    expect(await subjects(late.email)).toEqual(['45.00 CNY of your credit expires soon']);
    const lateRows = await journal(stack.db.pool, workflowId);
    const lateAt = lateRows.find((r) => r.step === `remind:${late.lotId}`)!.occurredAt;
    expect(Math.round(daysBetween(t0, lateAt))).toBe(14);
    expect(daysBetween(lateAt, late.expiresAtMs)).toBeLessThanOrEqual(7);
    // The day-15 sweep saw that lot in its window again and left it alone.
    expect((await stack.journeys.state(workflowId)).details).toMatchObject({ sweeps: 16, lastReminded: 0 });

    // Day 22: everything expired; each lot had exactly one reminder, the spent and foreign lots none.
    await stack.advance('7 days');
    const counts = await Promise.all(
      [soon, mid, late, spent, partly, otherCampaign].map((c) => mailTo(c.email)),
    );
    expect(counts.map((m) => m.length)).toEqual([1, 1, 1, 0, 1, 0]);
    const reminderSteps = (await journal(stack.db.pool, workflowId)).filter((r) =>
      r.step.startsWith('remind:'),
    );
    expect(reminderSteps.map((r) => r.step).sort()).toEqual(
      [soon, mid, late, partly].map((c) => `remind:${c.lotId}`).sort(),
    );
    expect(await lotBalance(late.lotId)).toBe(0);
    const breakage = await stack.ledger.breakage({ from: iso(t0), to: iso((await now()) + HOUR_MS) });
    expect(breakage.byCampaign).toEqual(
      expect.arrayContaining([
        { campaignId, amount: 1234 + 3000 + 4500 + 5000 },
        // The sweep expires every due lot; the campaign filter only concerns reminders.
        { campaignId: otherCampaignId, amount: 999 },
      ]),
    );
  });

  it('reminds a short-lived lot granted after a sweep, even though it expires inside the window already swept', async () => {
    const campaignId = await lotCampaign();
    const { workflowId } = await startSweep({
      remindDaysBefore: 7,
      sweepEveryHours: 24,
      campaignIds: [campaignId],
    });
    await stack.advance('1 hour');
    expect((await stack.journeys.state(workflowId)).details).toMatchObject({ sweeps: 1 });

    // A 3-day flash credit, granted between two sweeps.
    const flash = await customerWithLot(campaignId, 800, (await now()) + 3 * DAY_MS);
    await stack.advance('1 day');
    expect(await subjects(flash.email)).toEqual(['8.00 CNY of your credit expires soon']);

    await stack.advance('3 days');
    expect(await mailTo(flash.email)).toHaveLength(1);
    expect(await lotBalance(flash.lotId)).toBe(0);
  });

  it('pages a window larger than one activity result: 230 lots reminded once each, none again next sweep', async () => {
    const campaignId = await lotCampaign();
    const t0 = await now();
    const lots = [];
    for (let i = 0; i < 230; i++)
      lots.push(await customerWithLot(campaignId, 100, t0 + 2 * DAY_MS + i * 60_000));
    const { handle, workflowId } = await startSweep({
      remindDaysBefore: 7,
      sweepEveryHours: 24,
      campaignIds: [campaignId],
    });
    await stack.advance('1 hour');
    expect((await stack.journeys.state(workflowId)).details).toMatchObject({ sweeps: 1, lastReminded: 230 });
    // 200 + 30, read as local activities.
    expect(activityCalls((await handle.fetchHistory()).events!, 'lotsInExpiryWindow')).toEqual({
      scheduled: 0,
      local: 2,
    });
    const reminded = (await journal(stack.db.pool, workflowId)).filter((r) => r.step.startsWith('remind:'));
    expect(new Set(reminded.map((r) => r.step)).size).toBe(230);

    await stack.advance('1 day');
    expect((await stack.journeys.state(workflowId)).details).toMatchObject({ sweeps: 2, lastReminded: 0 });
    for (const c of [lots[0]!, lots[199]!, lots[200]!, lots[229]!])
      expect(await mailTo(c.email)).toHaveLength(1);
    // Not recorded for replay: 230 reminders make a 600 KB history that exercises nothing the smaller sweeps' do not.
    handles.splice(handles.indexOf(handle), 1);
    await stopWhenIdle(stack, [workflowId]);
  });

  it('reminds a lot spent to zero at one sweep and refunded before the next', async () => {
    const campaignId = await lotCampaign();
    const lot = await customerWithLot(campaignId, 700, (await now()) + 4 * DAY_MS);
    const orderId = uniqueId('order');
    await stack.ledger.redeem({
      idempotencyKey: uniqueId('redeem'),
      customerId: lot.customerId,
      order: { orderId, amount: 700, categories: [] },
      asOf: iso(await now()),
    });
    const { workflowId } = await startSweep({
      remindDaysBefore: 7,
      sweepEveryHours: 24,
      campaignIds: [campaignId],
    });
    await stack.advance('1 hour');
    expect((await stack.journeys.state(workflowId)).details).toMatchObject({ sweeps: 1, lastReminded: 0 });
    expect(await mailTo(lot.email)).toHaveLength(0);

    // The order is refunded: the credit is back, inside the window the first sweep already covered.
    await stack.ledger.reverseRedemption({
      idempotencyKey: uniqueId('refund'),
      orderId,
      asOf: iso(await now()),
    });
    await stack.advance('1 day');
    expect(await subjects(lot.email)).toEqual(['7.00 CNY of your credit expires soon']);
    await stack.advance('1 day');
    expect(await mailTo(lot.email)).toHaveLength(1);
  });

  it('validates its config', () => {
    expect(ExpiryReminderConfig.parse({})).toMatchObject({
      remindDaysBefore: 7,
      sweepEveryHours: 24,
      expireDueLots: true,
      campaignIds: [],
    });
    expect(ExpiryReminderConfig.safeParse({ sweepEveryHours: 0 }).success).toBe(false);
  });
});
