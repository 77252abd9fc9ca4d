import { daysBetween, journal } from '../../../test/support/journey-assertions';
import { stopJourneysAfterEach, useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { eventually } from '../../../test/support/eventually';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { memberTiers } from '../../../stores/loyalty-tiers';
import { journeyWorkflowId } from '../../shared/definitions';
import { MemberTierConfig } from './config';

describe('member-tier journey', () => {
  const stack = useJourneyStack();
  // Long-lived: stop it so it does not keep waking up while later tests skip time.
  const started = stopJourneysAfterEach(stack, 'member-tier');

  async function member(campaignId: string) {
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('tier');
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale: 'en' });
    const workflowId = journeyWorkflowId(campaignId, customerId);
    return { customerId, email, workflowId };
  }

  const order = async (customerId: string, amount: number, orderId = uniqueId('order')) => {
    await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId,
      amount,
      categories: [],
      occurredAt: await stack.now(),
    });
    return orderId;
  };
  const state = (workflowId: string) => stack.journeys.state(workflowId);
  const rebateLots = async (customerId: string) =>
    (await stack.ledger.wallet(customerId, await stack.now())).lots
      .filter((l) => l.kind === 'rebate')
      .map((l) => l.original)
      .sort((a, b) => a - b);

  it('upgrades at once when the rolling spend reaches a threshold exactly, rebates each order at its tier after the refund window, and downgrades exactly at the review', async () => {
    const campaign = await stack.launch('member-tier', { spendWindowDays: 20, reviewEveryDays: 30 });
    const { customerId, email, workflowId } = await member(campaign.campaignId);
    await order(customerId, 300_000);
    started.push(workflowId);
    const first = await eventually(() => state(workflowId), {
      until: (s) => s.details.tier === 'standard',
      description: 'standard',
    });
    const reviewAt = Date.parse(String(first.details.nextReviewAt));
    const startedAt = await stack.env.currentTimeMs();

    // 3,000.00 + 2,000.00 = exactly the silver threshold of 5,000.00: silver at once.
    await order(customerId, 200_000);
    await eventually(() => state(workflowId), {
      until: (s) => s.details.tier === 'silver',
      description: 'silver',
    });
    expect(await memberTiers(stack.db.pool, customerId)).toEqual([
      expect.objectContaining({ campaignId: campaign.campaignId, tier: 'silver', rollingSpend: 500_000 }),
    ]);
    expect((await mailTo(email)).map((m) => m.subject)).toEqual(['You are now a Silver member']);

    // Rebates wait for the 7-day refund window: the standard-tier order at 1 %, the upgrading order at 2 %.
    await stack.advance('6 days');
    expect(await rebateLots(customerId)).toEqual([]);
    await stack.advance('1 day');
    await stack.advance('1 hour');
    expect(await rebateLots(customerId)).toEqual([3000, 4000]);

    // Day 29: both orders left the 20-day window long ago, but a downgrade waits for the review.
    await stack.advance('22 days');
    expect((await state(workflowId)).details.tier).toBe('silver');
    expect((await memberTiers(stack.db.pool, customerId))[0]!.tier).toBe('silver');
    await stack.advance('1 day');
    await stack.advance('1 hour');
    const after = await eventually(() => state(workflowId), {
      until: (s) => s.details.tier === 'standard',
      description: 'downgrade',
    });
    expect(Date.parse(String(after.details.nextReviewAt)) - reviewAt).toBe(30 * 86_400_000);

    const rows = await journal(stack.db.pool, workflowId);
    const review = rows.find((r) => r.step === 'review-1')!;
    expect(review.detail).toMatchObject({ tier: 'silver', earned: 'standard', rollingSpend: 0 });
    const downgrade = rows.find((r) => r.step === 'tier-3')!;
    expect(downgrade.detail).toMatchObject({ from: 'silver', to: 'standard', reason: 'review 1' });
    // At the review itself, not a moment before (the timer fires at the review time; activities take milliseconds).
    expect(Math.abs(downgrade.occurredAt.getTime() - reviewAt)).toBeLessThan(60_000);
    expect(Math.round(daysBetween(startedAt, downgrade.occurredAt))).toBe(30);
    expect(await memberTiers(stack.db.pool, customerId)).toEqual([
      expect.objectContaining({ tier: 'standard', rollingSpend: 0 }),
    ]);
    const changes = await stack.db.pool.query(
      'SELECT from_tier, to_tier FROM loyalty_tier_changes WHERE customer_id = $1 ORDER BY changed_at',
      [customerId],
    );
    expect(changes.rows).toEqual([
      { from_tier: null, to_tier: 'standard' },
      { from_tier: 'standard', to_tier: 'silver' },
      { from_tier: 'silver', to_tier: 'standard' },
    ]);
    const mail = await mailTo(email);
    expect(mail.map((m) => m.subject)).toEqual([
      'You are now a Silver member',
      'Your 30.00 CNY rebate is here',
      'Your 40.00 CNY rebate is here',
      'Your membership is now Standard',
    ]);
    expect(mail[3]!.text).toContain('moved from Silver to Standard');
    expect(mail[3]!.text).toContain('orders now earn 1% back');
  });

  it('skips tiers on a big order, cancels the rebate of an order refunded inside its window, and keeps the tier at a review while the spend holds', async () => {
    const campaign = await stack.launch('member-tier', { reviewEveryDays: 10 });
    const { customerId, email, workflowId } = await member(campaign.campaignId);
    await order(customerId, 2_500_000);
    started.push(workflowId);
    await eventually(() => state(workflowId), {
      until: (s) => s.details.tier === 'gold',
      description: 'gold',
    });
    const refunded = await order(customerId, 100_000);
    await eventually(() => state(workflowId), {
      until: (s) => (s.details.pendingRebates as string[]).includes(refunded),
      description: 'second order pending',
    });
    await stack.advance('3 days');
    await stack.emit({
      type: 'order_refunded',
      eventId: uniqueId('ev'),
      customerId,
      orderId: refunded,
      occurredAt: await stack.now(),
    });
    await eventually(() => state(workflowId), {
      until: (s) => !(s.details.pendingRebates as string[]).includes(refunded),
      description: 'rebate cancelled',
    });
    await stack.advance('5 days');
    // Only the 25,000.00 order's 3 % gold rebate: 750.00.
    expect(await rebateLots(customerId)).toEqual([75_000]);

    await stack.advance('3 days');
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.find((r) => r.step === 'review-1')?.detail).toMatchObject({ tier: 'gold', earned: 'gold' });
    expect(rows.map((r) => r.step)).toContain(`rebate:${refunded}:cancelled`);
    expect((await state(workflowId)).details.tier).toBe('gold');
    const mail = (await mailTo(email)).map((m) => m.subject);
    expect(mail).toEqual(['You are now a Gold member', 'Your 750.00 CNY rebate is here']);
    const budget = await stack.ledger.campaignBudget(campaign.campaignId);
    expect(budget.granted).toBe(75_000);
  });

  it('emails a zh-CN member in Chinese', async () => {
    const campaign = await stack.launch('member-tier');
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('tier-zh');
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale: 'zh-CN' });
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    await order(customerId, 5_000_000);
    started.push(workflowId);
    await eventually(() => state(workflowId), {
      until: (s) => s.details.tier === 'diamond',
      description: 'diamond',
    });
    const mail = await eventually(() => mailTo(email), {
      until: (m) => m.length === 1,
      description: 'upgrade mail',
    });
    expect(mail[0]!.subject).toBe('恭喜升级为钻石会员');
    expect(mail[0]!.text).toContain('返还 3% 权益金');
  });

  it('validates its config', () => {
    expect(MemberTierConfig.parse({})).toMatchObject({
      thresholds: { silver: 500_000, gold: 2_000_000, diamond: 5_000_000 },
      rebateBp: { standard: 100, silver: 200, gold: 300, diamond: 300 },
      spendWindowDays: 365,
      reviewEveryDays: 90,
      credit: { refundWindowDays: 7 },
    });
    expect(MemberTierConfig.safeParse({ thresholds: { silver: 500_000, gold: 400_000 } }).success).toBe(
      false,
    );
    expect(MemberTierConfig.safeParse({ rebateBp: { gold: 2.5 } }).success).toBe(false);
  });
});
