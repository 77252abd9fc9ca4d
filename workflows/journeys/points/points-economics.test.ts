import { journal } from '../../../test/support/journey-assertions';
import { uniqueId } from '../../../test/support/journey-stack';
import { stopJourneysAfterEach, useJourneyStack } from '../../../test/support/per-file';
import { eventually } from '../../../test/support/eventually';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { CampaignStore } from '../../../stores/campaigns';
import { recordTierChange } from '../../../stores/loyalty-tiers';
import { localDay } from '../../../lib/local-day';
import { journeyWorkflowId } from '../../shared/definitions';
import { recordHistory } from '../../../test/support/histories';
import { PointsDonationService } from '../../../services/points-donations';
import { findJourneyPlugin } from '../registry';

const DAY_MS = 86_400_000;

describe('points journey: multipliers and partial expiry', () => {
  const stack = useJourneyStack();
  const started = stopJourneysAfterEach(stack, 'points');

  async function customer(locale: 'en' | 'zh-CN' = 'en') {
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('points-eco');
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale });
    return { customerId, email };
  }
  const order = async (customerId: string, amount: number, categories: string[] = []) => {
    const orderId = uniqueId('o');
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
  const earnDetail = async (workflowId: string, orderId: string) => {
    const rows = await eventually(() => journal(stack.db.pool, workflowId), {
      until: (r) => r.some((x) => x.step === `earn:${orderId}`),
      description: `earn of ${orderId}`,
    });
    return rows.find((x) => x.step === `earn:${orderId}`)!.detail;
  };

  it('multiplies by the highest time window in the campaign time zone and by the tier at the order, capped', async () => {
    // Move the test clock to 00:30 in Shanghai: the local day is already D while UTC is still on D − 1.
    const now = Date.parse(await stack.now());
    const shanghaiMidnight = (t: number) => {
      const { localDate } = localDay(new Date(t + DAY_MS), 'Asia/Shanghai');
      return Date.parse(`${localDate}T00:00:00+08:00`);
    };
    await stack.advance(shanghaiMidnight(now) + 30 * 60_000 - now);
    const at = new Date(await stack.now());
    const d = localDay(at, 'Asia/Shanghai');
    const utc = localDay(at, 'UTC');
    expect(utc.localDate < d.localDate).toBe(true);
    const nextDay = localDay(new Date(at.getTime() + DAY_MS), 'Asia/Shanghai');

    const config = {
      categoryMultipliers: { tea: 2 },
      dailyCap: 100_000,
      multipliers: {
        windows: [
          { name: 'festival', multiplier: 3, from: d.localDate, to: d.localDate },
          { name: 'weekend-like', multiplier: 2, weekdays: [d.weekday, nextDay.weekday] },
        ],
        tiers: { gold: 2 },
        maxMultiplier: 5,
      },
    };
    const campaign = await stack.launch('points', config);
    await new CampaignStore(stack.db.pool).create({
      campaignId: campaign.campaignId,
      name: 'points with multipliers',
      journeyType: 'points',
      config,
      budget: 1,
      schedule: { startsAt: null, endsAt: null, timezone: 'Asia/Shanghai' },
      createdBy: null,
    });
    const { customerId } = await customer();
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);

    // Day D (festival ×3 beats the ×2 window; they do not multiply), no tier: 100 units × 3.
    const a = await order(customerId, 10_000);
    started.push(workflowId);
    expect(await earnDetail(workflowId, a)).toMatchObject({
      earned: 300,
      multiplier: 3,
      window: 3,
      windowName: 'festival',
      tier: 1,
      multiplierCapped: false,
    });

    // Gold from now on: tea ×2 × festival ×3 × gold ×2 = 12, capped at 5.
    await recordTierChange(stack.db.pool, {
      idempotencyKey: uniqueId('tier'),
      campaignId: uniqueId('member-tier'),
      customerId,
      from: null,
      to: 'gold',
      reason: 'test',
      rollingSpend: 1_000_000,
      at: await stack.now(),
    });
    const b = await order(customerId, 10_000, ['tea']);
    expect(await earnDetail(workflowId, b)).toMatchObject({
      earned: 500,
      multiplier: 5,
      category: 2,
      window: 3,
      tier: 2,
      multiplierCapped: true,
    });

    // Day D + 1: only the weekday window (×2) × gold ×2 = 4.
    await stack.advance('1 day');
    const c = await order(customerId, 10_000);
    expect(await earnDetail(workflowId, c)).toMatchObject({
      earned: 400,
      multiplier: 4,
      window: 2,
      windowName: 'weekend-like',
      tier: 2,
    });

    // Day D + 2: no window matches (unless D + 2 shares a weekday with D or D + 1, which it cannot): gold ×2 only.
    await stack.advance('1 day');
    const e = await order(customerId, 10_000);
    expect(await earnDetail(workflowId, e)).toMatchObject({ earned: 200, multiplier: 2, window: 1, tier: 2 });
    expect(await points(customerId)).toBe(1400);
  });

  it('emails a donation certificate once per donation, after the ledger moved the points', async () => {
    const config = findJourneyPlugin('points')!.configSchema.parse({
      charities: [{ charityId: 'green-earth', name: '绿色地球' }],
    });
    const campaign = await stack.launch('points', config);
    const store = new CampaignStore(stack.db.pool);
    await store.create({
      campaignId: campaign.campaignId,
      name: 'points with charities',
      journeyType: 'points',
      config,
      budget: 1,
      createdBy: null,
    });
    await store.transition(campaign.campaignId, ['draft'], 'launched');
    const { customerId, email } = await customer('zh-CN');
    await stack.ledger.earnPoints({
      transactionId: uniqueId('seed'),
      customerId,
      points: 500,
      asOf: await stack.now(),
      reason: 'test points',
    });
    const donations = new PointsDonationService({
      ledger: stack.ledger,
      campaigns: store,
      journeys: stack.journeys,
    });
    const request = { customerId, charityId: 'green-earth', points: 200, donationId: uniqueId('don') };
    const now = new Date(await stack.now());
    const donation = await donations.donate(request, now);
    // A retry (same donation id) moves nothing more and starts no second certificate run.
    expect(await donations.donate(request, now)).toEqual(donation);
    expect(await stack.result(donation.certificateWorkflowId)).toBe('certificate-sent');
    await recordHistory(
      stack.env.client.workflow.getHandle(donation.certificateWorkflowId),
      'points--donation-certificate',
    );
    const mail = await eventually(() => mailTo(email), {
      until: (m) => m.length === 1,
      description: 'certificate',
    });
    expect(mail[0]!.subject).toBe('公益捐赠证书：200 积分捐赠给 绿色地球');
    expect(await points(customerId)).toBe(300);
    await expect(
      donations.donate({ ...request, donationId: uniqueId('don'), points: 301 }, now),
    ).rejects.toMatchObject({
      kind: 'unprocessable',
      code: 'INSUFFICIENT_POINTS',
    });
    await store.transition(campaign.campaignId, ['launched'], 'ended');
  });

  it('expires 30 % of the unused points of each earn every year (rounded down), warning with the amount first', async () => {
    const campaign = await stack.launch('points', { expiry: { mode: 'partial', percent: 30 } });
    const { customerId, email } = await customer('zh-CN');
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    await order(customerId, 100_000); // 1000 points
    started.push(workflowId);
    await eventually(() => points(customerId), { until: (p) => p === 1000, description: 'earned' });
    // The lot carries no ledger expiry: the whole-expiry sweep of any journey never takes it.
    const lots = (await stack.ledger.pointsBalance(customerId, await stack.now())).lots;
    expect(lots).toEqual([expect.objectContaining({ remaining: 1000, expiresAt: null })]);
    // Spend 1 point: 999 unused, 30 % is 299.7, rounded down to 299.
    await stack.ledger.redeemPoints({
      idempotencyKey: uniqueId('spend'),
      customerId,
      points: 1,
      asOf: await stack.now(),
      reason: 'test spend',
    });

    await stack.advance('335 days');
    await stack.advance('1 hour');
    const warning = await eventually(() => mailTo(email), {
      until: (m) => m.length === 1,
      description: 'warning',
    });
    expect(warning[0]!.subject).toMatch(/^您有 299 积分将于 \d{4}-\d{2}-\d{2} 到期$/);
    expect(warning[0]!.text).toContain('未使用积分的 30% 即 299 积分');
    expect(await points(customerId)).toBe(999);

    await stack.advance('30 days');
    await stack.advance('1 hour');
    const expired = await eventually(() => journal(stack.db.pool, workflowId), {
      until: (r) => r.some((x) => x.step === 'expiry-1'),
      description: 'first partial expiry',
    });
    expect(expired.find((x) => x.step === 'expiry-1')!.detail).toMatchObject({ points: 299 });
    expect(await points(customerId)).toBe(700);

    // Year 2: 30 % of 700 = 210, warned and expired again; the postings of every expiry sum to zero.
    await stack.advance('335 days');
    await stack.advance('1 hour');
    const second = await eventually(() => mailTo(email), {
      until: (m) => m.length === 2,
      description: 'warning 2',
    });
    expect(second[1]!.subject).toMatch(/^您有 210 积分将于/);
    await stack.advance('30 days');
    await stack.advance('1 hour');
    await eventually(() => points(customerId), { until: (p) => p === 490, description: 'second expiry' });
    const sums = await stack.db.pool.query<{ n: string; total: string; expired: string }>(
      `SELECT COUNT(DISTINCT t.id) AS n, SUM(p.amount) AS total,
              SUM(p.amount) FILTER (WHERE p.customer_id IS NOT NULL) AS expired
         FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id
        WHERE t.type = 'points_expire'
          AND t.id IN (SELECT transaction_id FROM ledger_postings WHERE customer_id = $1)`,
      [customerId],
    );
    expect(sums.rows[0]).toEqual({ n: '2', total: '0', expired: '-509' });
  });
});
