import { createMailTransport } from '../../../email/mailer';
import { recordHistory } from '../../../test/support/histories';
import { daysBetween, journal } from '../../../test/support/journey-assertions';
import { SUPPORT_INBOX, uniqueId } from '../../../test/support/journey-stack';
import { stopJourneysAfterEach, useJourneyStack } from '../../../test/support/per-file';
import { eventually } from '../../../test/support/eventually';
import { mailTo, testSmtpSettings, uniqueRecipient } from '../../../test/support/mail';
import { LoyaltyRewards } from '../../../services/loyalty-rewards';
import { getReward, upsertReward } from '../../../stores/loyalty-catalog';
import { approvalSignal, journeyWorkflowId } from '../../shared/definitions';
import { PointsConfig } from './config';
import { openPointsDispute } from '../../../services/points-disputes';

describe('points journey', () => {
  const stack = useJourneyStack();
  const started = stopJourneysAfterEach(stack, 'points');

  async function customer(locale: 'en' | 'zh-CN' = 'en') {
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('points');
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale });
    return { customerId, email };
  }
  const order = async (
    customerId: string,
    amount: number,
    categories: string[] = [],
    orderId = uniqueId('o'),
  ) => {
    await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId,
      amount,
      categories,
    });
    return orderId;
  };
  const points = async (customerId: string) =>
    (await stack.ledger.pointsBalance(customerId, await stack.now())).balance;
  const steps = async (workflowId: string) => (await journal(stack.db.pool, workflowId)).map((r) => r.step);

  it('earns 1 point per currency unit × category multiplier up to the daily cap, once per order id, and takes a refunded order’s points back', async () => {
    const campaign = await stack.launch('points', { categoryMultipliers: { tea: 3 }, dailyCap: 1000 });
    const { customerId } = await customer();
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    const a = await order(customerId, 12_345); // 123.45 → 123 points
    started.push(workflowId);
    const tea = await order(customerId, 10_000, ['tea', 'cups']); // 100 × 3 = 300
    const c = await order(customerId, 57_700); // 577: exactly reaches the cap of 1000
    await eventually(() => steps(workflowId), {
      until: (s) => s.includes(`earn:${c}`),
      description: 'third earn',
    });
    expect(await points(customerId)).toBe(1000);
    const d = await order(customerId, 100); // 1 point, but the cap is reached
    await eventually(() => steps(workflowId), {
      until: (s) => s.includes(`earn:${d}`),
      description: 'capped earn',
    });
    const rows = await journal(stack.db.pool, workflowId);
    const detail = (step: string) => rows.find((r) => r.step === step)?.detail;
    expect(detail(`earn:${a}`)).toMatchObject({ requested: 123, earned: 123, cappedBy: 0 });
    expect(detail(`earn:${tea}`)).toMatchObject({ requested: 300, earned: 300 });
    expect(detail(`earn:${c}`)).toMatchObject({ requested: 577, earned: 577, cappedBy: 0 });
    expect(detail(`earn:${d}`)).toMatchObject({ requested: 1, earned: 0, cappedBy: 1 });

    // The storefront replays order a under a new event id: the ledger's transaction id makes it earn nothing twice.
    await order(customerId, 12_345, [], a);
    await eventually(() => steps(workflowId), {
      until: (s) => s.includes(`earn:${a}:refused`),
      description: 'replayed order',
    });
    expect(
      (await journal(stack.db.pool, workflowId)).find((r) => r.step === `earn:${a}:refused`)?.detail,
    ).toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    });

    // A new UTC day has room again.
    await stack.advance('1 day');
    const e = await order(customerId, 500);
    await eventually(() => steps(workflowId), {
      until: (s) => s.includes(`earn:${e}`),
      description: 'next-day earn',
    });
    expect(await points(customerId)).toBe(1005);

    await stack.emit({ type: 'order_refunded', eventId: uniqueId('ev'), customerId, orderId: tea });
    await eventually(() => steps(workflowId), {
      until: (s) => s.includes(`refund:${tea}`),
      description: 'refund',
    });
    expect(await points(customerId)).toBe(705);
    expect(
      (await journal(stack.db.pool, workflowId)).find((r) => r.step === `refund:${tea}`)?.detail,
    ).toMatchObject({
      earned: 300,
      deducted: 300,
      shortfall: 0,
    });
  });

  it('two points campaigns both earn on one order, each at its rate; the refund takes back what each earned, once', async () => {
    // An outside probe: with two points campaigns launched, each order earned in only one of them, at random.
    const one = await stack.launch('points', {});
    const ten = await stack.launch('points', { pointsPerUnit: 10 }, 10_000_000, true);
    const { customerId } = await customer();
    const journeys = [one, ten].map((c) => journeyWorkflowId(c.campaignId, customerId));
    started.push(...journeys);
    const placed = await order(customerId, 10_000); // 100.00: 100 points, and 1 000
    for (const wf of journeys) {
      await eventually(() => steps(wf), { until: (s) => s.includes(`earn:${placed}`), description: 'earn' });
    }
    expect(await points(customerId)).toBe(1_100);

    await stack.emit({ type: 'order_refunded', eventId: uniqueId('ev'), customerId, orderId: placed });
    for (const wf of journeys) {
      await eventually(() => steps(wf), {
        until: (s) => s.includes(`refund:${placed}`),
        description: 'refund heard',
      });
    }
    expect(await points(customerId)).toBe(0);
    const deducted = await Promise.all(
      journeys.map(
        async (wf) =>
          (await journal(stack.db.pool, wf)).find((r) => r.step === `refund:${placed}`)?.detail?.deducted,
      ),
    );
    // Each journey its own campaign's points (before, the first deducted both and the other was refused the key, so
    // points earned after that first deduction were never taken back).
    expect([...deducted].sort((a, b) => Number(a) - Number(b))).toEqual([100, 1_000]);
  });

  it('a points budget caps the campaign: the earn past it earns the part that fits, later earns nothing, journaled', async () => {
    const campaign = await stack.launch('points', { pointsBudget: 250, dailyCap: 10_000 });
    const first = await customer();
    const second = await customer();
    const firstWf = journeyWorkflowId(campaign.campaignId, first.customerId);
    const secondWf = journeyWorkflowId(campaign.campaignId, second.customerId);
    started.push(firstWf, secondWf);
    const a = await order(first.customerId, 20_000); // 200 points: all of them fit
    await eventually(() => steps(firstWf), {
      until: (s) => s.includes(`earn:${a}`),
      description: 'first earn',
    });
    const b = await order(second.customerId, 20_000); // 200 points, 50 left in the budget
    await eventually(() => steps(secondWf), {
      until: (s) => s.includes(`earn:${b}`),
      description: 'second earn',
    });
    const c = await order(first.customerId, 5_000); // the budget is spent
    await eventually(() => steps(firstWf), {
      until: (s) => s.includes(`earn:${c}`),
      description: 'third earn',
    });
    const detail = async (wf: string, step: string) =>
      (await journal(stack.db.pool, wf)).find((r) => r.step === step)?.detail;
    expect(await detail(firstWf, `earn:${a}`)).toMatchObject({ requested: 200, earned: 200, cappedBy: 0 });
    expect(await detail(secondWf, `earn:${b}`)).toMatchObject({
      requested: 200,
      earned: 50,
      budgetCappedBy: 150,
    });
    expect(await detail(firstWf, `earn:${c}`)).toMatchObject({
      requested: 50,
      earned: 0,
      budgetCappedBy: 50,
    });
    expect(await points(first.customerId)).toBe(200);
    expect(await points(second.customerId)).toBe(50);
    expect(await stack.ledger.pointsBudget(campaign.campaignId)).toEqual({
      campaignId: campaign.campaignId,
      budget: 250,
      earned: 250,
      remaining: 0,
    });
    // The earned lots count in the campaign's points liability.
    const liability = await stack.ledger.pointsLiability(await stack.now());
    expect(liability.byCampaign.find((r) => r.campaignId === campaign.campaignId)).toMatchObject({
      points: 250,
      value: 250,
    });
  });

  it('warns 30 days before the yearly expiry and expires what is left a year after earning', async () => {
    const campaign = await stack.launch('points');
    const { customerId, email } = await customer('zh-CN');
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    await order(customerId, 20_000);
    started.push(workflowId);
    await eventually(() => points(customerId), { until: (p) => p === 200, description: 'earned' });
    const earnedAt = await stack.env.currentTimeMs();
    await stack.advance('334 days');
    expect(await mailTo(email)).toHaveLength(0);
    await stack.advance('1 day');
    await stack.advance('1 hour');
    const warning = await eventually(() => mailTo(email), {
      until: (m) => m.length === 1,
      description: 'warning',
    });
    expect(warning[0]!.subject).toMatch(/^您有 200 积分将于 \d{4}-\d{2}-\d{2} 到期$/);
    const warned = (await journal(stack.db.pool, workflowId)).find(
      (r) => r.step === 'email:expiry-warning-1',
    )!;
    expect(Math.round(daysBetween(earnedAt, warned.occurredAt))).toBe(335);
    expect(await points(customerId)).toBe(200);

    await stack.advance('30 days');
    await stack.advance('1 hour');
    const expired = await eventually(() => journal(stack.db.pool, workflowId), {
      until: (r) => r.some((x) => x.step === 'expiry-1'),
      description: 'expiry',
    });
    expect(Math.round(daysBetween(earnedAt, expired.find((x) => x.step === 'expiry-1')!.occurredAt))).toBe(
      365,
    );
    expect(await points(customerId)).toBe(0);
    const moved = await stack.db.pool.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id
        WHERE t.type = 'points_expire' AND p.customer_id = $1`,
      [customerId],
    );
    expect(Number(moved.rows[0]!.n)).toBe(1);
    expect(await mailTo(email)).toHaveLength(1);
  });

  it('re-checks a dispute: support approves within 48 h → the missing points are added once; unknown orders and silence are rejected', async () => {
    stack.campaigns.length = 0;
    const { customerId, email } = await customer();
    // The order happened before the points campaign existed, so it earned nothing.
    const missed = await order(customerId, 45_600, ['tea']);
    const campaign = await stack.launch('points', { categoryMultipliers: { tea: 2 } });

    const approved = await openPointsDispute(stack.journeys, campaign, customerId, {
      disputeId: uniqueId('d'),
      orderId: missed,
    });
    const task = await eventually(
      () =>
        stack.db.pool.query(
          `SELECT kind, detail, due_at FROM support_tasks WHERE detail->>'workflowId' = $1`,
          [approved.workflowId],
        ),
      { until: (r) => r.rows.length === 1, description: 'dispute task' },
    );
    expect(task.rows[0]).toMatchObject({
      kind: 'points-dispute',
      detail: { expected: 912, earned: 0, missing: 912 },
    });
    const openedAt = await stack.env.currentTimeMs();
    expect(Math.round(daysBetween(openedAt, task.rows[0].due_at) * 24)).toBe(48);
    await stack.advance('47 hours');
    await approved.handle.signal(approvalSignal, { decision: 'approve', by: 'support-1' });
    expect(await stack.result(approved.workflowId)).toBe('approved');
    await recordHistory(approved.handle, 'points--dispute-approved');
    expect(await points(customerId)).toBe(912);
    const lot = await stack.db.pool.query(
      'SELECT original_points::int AS p FROM ledger_point_lots WHERE source_txn_id = $1',
      [`dispute:${missed}`],
    );
    expect(lot.rows).toEqual([{ p: 912 }]);
    expect((await mailTo(email)).map((m) => m.subject)).toEqual(['Missing points added: 912 points']);

    // The same order again: nothing is missing any more.
    const again = await openPointsDispute(stack.journeys, campaign, customerId, {
      disputeId: uniqueId('d'),
      orderId: missed,
    });
    expect(await stack.result(again.workflowId)).toBe('NOTHING_MISSING');

    const unknown = await openPointsDispute(stack.journeys, campaign, customerId, {
      disputeId: uniqueId('d'),
      orderId: 'never-reported',
    });
    expect(await stack.result(unknown.workflowId)).toBe('ORDER_UNKNOWN');

    // A receipt the storefront never reported: support gets a task, but nobody decides within 48 h.
    const silent = await openPointsDispute(stack.journeys, campaign, customerId, {
      disputeId: uniqueId('d'),
      orderId: 'paper-receipt-1',
      claimedAmount: 10_000,
    });
    await eventually(() => stack.journeys.state(silent.workflowId), {
      until: (s) => s.step === 'awaiting-review',
      description: 'review',
    });
    expect(await stack.result(silent.workflowId)).toBe('REVIEW_TIMEOUT');
    const rows = await journal(stack.db.pool, silent.workflowId);
    const end = rows.find((r) => r.step === 'end')!;
    const checked = rows.find((r) => r.step === 'checked')!;
    expect(Math.round(daysBetween(checked.occurredAt, end.occurredAt) * 24)).toBe(48);
    expect(await points(customerId)).toBe(912);
    expect((await mailTo(email)).map((m) => m.subject)).toEqual([
      'Missing points added: 912 points',
      `About your points claim for order ${missed}`,
      'About your points claim for order never-reported',
      'About your points claim for order paper-receipt-1',
    ]);
  });

  describe('rewards catalog', () => {
    let rewards: LoyaltyRewards;
    let transport: ReturnType<typeof createMailTransport>;
    beforeAll(() => {
      transport = createMailTransport(testSmtpSettings());
      rewards = new LoyaltyRewards({
        pool: stack.db.pool,
        ledger: stack.ledger,
        mail: {
          transport,
          from: 'perkflow@test.local',
          supportInbox: SUPPORT_INBOX,
          defaults: { currency: 'CNY' },
        },
      });
    });
    afterAll(() => transport.close());

    const funded = async (pts: number) => {
      const customerId = uniqueId('cust');
      await stack.ledger.earnPoints({
        transactionId: uniqueId('seed'),
        customerId,
        points: pts,
        asOf: await stack.now(),
        reason: 'test points',
      });
      return customerId;
    };

    it('gives the last item to exactly one of two concurrent redemptions, alerts support on low stock, refuses when out of stock', async () => {
      const rewardId = uniqueId('mug');
      await upsertReward(stack.db.pool, {
        rewardId,
        title: 'Tea mug',
        pointsCost: 100,
        stock: 2,
        lowStockThreshold: 1,
      });
      const first = await funded(150);
      const now = await stack.now();
      const r1 = await rewards.redeemReward(first, rewardId, uniqueId('k'), now);
      expect(r1).toMatchObject({ ok: true, points: 100, stockLeft: 1, replayed: false });
      expect(await points(first)).toBe(50);
      const alert = await eventually(() => mailTo(SUPPORT_INBOX), {
        until: (m) => m.some((x) => x.subject.includes(rewardId)),
        description: 'low-stock mail',
      });
      expect(alert.filter((m) => m.subject.includes(rewardId)).map((m) => m.subject)).toEqual([
        `[perkflow support] Low stock: reward ${rewardId} has 1 left (threshold 1)`,
      ]);
      const tasks = await stack.db.pool.query(
        `SELECT kind FROM support_tasks WHERE detail->>'rewardId' = $1`,
        [rewardId],
      );
      expect(tasks.rows).toEqual([{ kind: 'low-stock' }]);

      const [x, y] = [await funded(100), await funded(100)];
      const results = await Promise.all([
        rewards.redeemReward(x, rewardId, uniqueId('k'), now),
        rewards.redeemReward(y, rewardId, uniqueId('k'), now),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      // The loser finds no stock while the winner's redemption is still in flight (STOCK_PENDING: it may come back)
      // or after it completed (OUT_OF_STOCK), depending on timing.
      const refused = results.filter((r) => !r.ok);
      expect(refused).toHaveLength(1);
      expect(['OUT_OF_STOCK', 'STOCK_PENDING']).toContain((refused[0] as { code: string }).code);
      expect([await points(x), await points(y)].sort()).toEqual([0, 100]);
      expect((await getReward(stack.db.pool, rewardId))!.stock).toBe(0);

      const late = await rewards.redeemReward(await funded(500), rewardId, uniqueId('k'), now);
      expect(late).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' });
      // Only the crossing of the threshold alerted, not every redemption below it.
      const alerts = await stack.db.pool.query(`SELECT 1 FROM support_tasks WHERE detail->>'rewardId' = $1`, [
        rewardId,
      ]);
      expect(alerts.rowCount).toBe(1);
    });

    it('refuses a customer short of points without touching stock, puts stock back when the ledger refuses, and replays an idempotency key', async () => {
      const cheap = uniqueId('pen');
      const dear = uniqueId('pot');
      await upsertReward(stack.db.pool, {
        rewardId: cheap,
        title: 'Pen',
        pointsCost: 80,
        stock: 5,
        lowStockThreshold: 0,
      });
      await upsertReward(stack.db.pool, {
        rewardId: dear,
        title: 'Teapot',
        pointsCost: 90,
        stock: 5,
        lowStockThreshold: 0,
      });
      const now = await stack.now();

      const poor = await funded(50);
      expect(await rewards.redeemReward(poor, cheap, uniqueId('k'), now)).toEqual({
        ok: false,
        code: 'INSUFFICIENT_POINTS',
        message: 'this reward needs 80 points; 50 available',
      });
      expect((await getReward(stack.db.pool, cheap))!.stock).toBe(5);

      // 100 points, two rewards at once: only one can be paid; whichever loses gets its item back.
      const both = await funded(100);
      const results = await Promise.all([
        rewards.redeemReward(both, cheap, uniqueId('k'), now),
        rewards.redeemReward(both, dear, uniqueId('k'), now),
      ]);
      expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
      expect(results.find((r) => !r.ok)).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
      const stocks = [
        (await getReward(stack.db.pool, cheap))!.stock,
        (await getReward(stack.db.pool, dear))!.stock,
      ];
      expect(stocks.sort()).toEqual([4, 5]);

      const key = uniqueId('k');
      const rich = await funded(200);
      const once = await rewards.redeemReward(rich, cheap, key, now);
      const twice = await rewards.redeemReward(rich, cheap, key, now);
      expect(once).toMatchObject({ ok: true, replayed: false });
      expect(twice).toMatchObject({ ok: true, replayed: true });
      expect(await points(rich)).toBe(120);
    });
  });

  it('validates its config', () => {
    expect(PointsConfig.parse({})).toMatchObject({
      pointsPerUnit: 1,
      minorPerMajor: 100,
      categoryMultipliers: {},
      validityDays: 365,
      expiryWarningDays: 30,
      disputeReviewHours: 48,
    });
    expect(PointsConfig.safeParse({ categoryMultipliers: { tea: 1.5 } }).success).toBe(false);
    expect(PointsConfig.safeParse({ dailyCap: 0 }).success).toBe(false);
    expect(PointsConfig.parse({}).pointsBudget).toBeUndefined(); // unlimited
    expect(PointsConfig.safeParse({ pointsBudget: 0 }).success).toBe(false);
  });
});
