import { condition } from '@temporalio/workflow';
import { mail, reads, writes } from '../../shared/activities';
import type { ApprovalDecision } from '../../shared/definitions';
import { approvalSignal } from '../../shared/definitions';
import { isOrderPlaced, isRefundOf } from '../../shared/event-match';
import { Journey } from '../../shared/journey';
import type { JourneyStart } from '../../shared/journey-input';
import { dateOnly, formatMinor } from '../../shared/money';
import { setHandler } from '@temporalio/workflow';
import type { ReferralConfig } from './config';
import { isPatched } from '../../shared/patches';

const HOUR_MS = 3_600_000;

/**
 * Journey 4 — referral reward, run for the referee: eligibility and anti-fraud checks at sign-up; after the
 * referee's first order, sales verify within 12 h (escalated on timeout); once 72 h pass without a refund both sides
 * are paid; then the referrer's tier rewards. Rejection, refund or ineligibility cancel the reward.
 */
export async function referralJourney(start: JourneyStart<ReferralConfig>): Promise<string> {
  const j = new Journey(start);
  const c = j.config;
  let decision: ApprovalDecision | undefined;
  setHandler(approvalSignal, (d) => {
    decision ??= d;
  });
  const trigger = start.trigger;
  if (!trigger || trigger.type !== 'signed_up' || !trigger.referralCode) {
    return j.finish('refused', 'no-referral-code');
  }
  const refereeId = start.customerId;

  const eligibility = await reads().checkReferralEligibility({
    refereeId,
    referralCode: trigger.referralCode,
    asOf: j.nowIso(),
    rules: {
      referrerActiveWithinDays: c.referrerActiveWithinDays,
      referrerMinTotalSpent: c.referrerMinTotalSpent,
    },
  });
  if (!eligibility.eligible) {
    if (eligibility.referrerId) {
      await writes.setReferralStatus({
        refereeId,
        referrerId: eligibility.referrerId,
        campaignId: start.campaignId,
        status: 'ineligible',
        reason: eligibility.reason,
        at: j.nowIso(),
      });
    }
    return j.finish('refused', eligibility.reason, eligibility.detail ?? {});
  }
  const referrerId = eligibility.referrerId;
  j.state.details.referrerId = referrerId;
  type ReferralStatus = 'pending' | 'approved' | 'paid' | 'rejected' | 'cancelled';
  const statusWrite = (status: ReferralStatus, reason?: string) =>
    writes.setReferralStatus({
      refereeId,
      referrerId,
      campaignId: start.campaignId,
      status,
      ...(reason ? { reason } : {}),
      at: j.nowIso(),
    });
  // While the referral is open (pending, approved) a step that fails for good must not leave it looking alive: the
  // runtime's failure path cancels it (workflows/shared/permanent-failure.ts). A final status settles it.
  const openReferral = j.hold('referral', () => statusWrite('cancelled', 'journey-failed'));
  const setStatus = async (status: ReferralStatus, reason?: string) => {
    const written = await statusWrite(status, reason);
    if (status !== 'pending' && status !== 'approved') openReferral.keep();
    return written;
  };
  await setStatus('pending');
  await j.step('eligible', 'referral-eligible', { referrerId });

  const order = await j.waitForEvent(isOrderPlaced, c.firstOrderWithinDays * 24 * HOUR_MS);
  if (!order) {
    await setStatus('cancelled', 'no-first-order');
    return j.finish('cancelled', 'no-first-order');
  }
  j.state.details.orderId = order.orderId;
  const refunded = isRefundOf(order.orderId);

  // Sales verification: a task where sales work, a decision by signal; a silent deadline escalates once.
  await mail.createSupportTask({
    idempotencyKey: j.key('verify-task'),
    customerId: refereeId,
    kind: 'referral-review',
    title: `Verify referral of ${refereeId} by ${referrerId} (order ${order.orderId})`,
    detail: { referrerId, refereeId, orderId: order.orderId, workflowId: j.workflowId },
    dueAt: new Date(Date.now() + c.verificationHours * HOUR_MS).toISOString(),
  });
  await j.step('verification-requested', 'referral-verification');
  j.state.step = 'awaiting-verification';
  let decided = await condition(() => decision !== undefined, c.verificationHours * HOUR_MS);
  if (!decided) {
    await mail.createSupportTask({
      idempotencyKey: j.key('escalation-task'),
      customerId: refereeId,
      kind: 'approval-escalation',
      title: `Escalated: referral of ${refereeId} not verified within ${c.verificationHours} h`,
      detail: { referrerId, refereeId, orderId: order.orderId, workflowId: j.workflowId },
      dueAt: new Date(Date.now() + c.escalationHours * HOUR_MS).toISOString(),
    });
    await j.step('verification-escalated', 'referral-escalated');
    decided = await condition(() => decision !== undefined, c.escalationHours * HOUR_MS);
  }
  if (!decided || decision?.decision !== 'approve') {
    const reason = decided ? 'rejected' : 'verification-timeout';
    await setStatus(decided ? 'rejected' : 'cancelled', reason);
    return j.finish('cancelled', reason, decision ? { by: decision.by, note: decision.note } : {});
  }
  await setStatus('approved');
  await j.step('verified', 'referral-approved', { by: decision.by });

  // Review window: no reward while the order can still be refunded.
  const refund = await j.waitForEvent(refunded, c.refundWindowHours * HOUR_MS);
  if (refund) {
    await setStatus('cancelled', 'order-refunded');
    return j.finish('cancelled', 'order-refunded', { orderId: order.orderId });
  }

  const refereeGrant = await j.grant('reward:referee', c.refereeReward, 'referral-referee');
  // Both sides or neither, also when the referrer's grant fails for good: the failure path takes the referee's back.
  const refereeReward = refereeGrant.ok
    ? j.hold('referee-reward', () =>
        j.revoke(`revoke:${refereeGrant.lotId}`, refereeGrant.lotId, 'journey-failed'),
      )
    : undefined;
  if (isPatched('referral-pay-both-or-neither')) {
    // Both sides or neither: a budget that runs dry between the two grants must not leave a half-paid referral.
    if (!refereeGrant.ok) {
      await setStatus('cancelled', refereeGrant.code);
      return j.finish('refused', refereeGrant.code);
    }
  }
  const referrerGrant = await j.grant('reward:referrer', c.referrerReward, 'referral-referrer', referrerId);
  if (!refereeGrant.ok || !referrerGrant.ok) {
    const code = !refereeGrant.ok ? refereeGrant.code : (referrerGrant as { code: string }).code;
    refereeReward?.keep();
    if (isPatched('referral-pay-both-or-neither')) {
      if (refereeGrant.ok)
        await j.revoke(`revoke:${refereeGrant.lotId}`, refereeGrant.lotId, 'referrer-reward-refused');
      await setStatus('cancelled', code);
    }
    return j.finish('refused', code);
  }
  refereeReward?.keep();
  await j.emailCustomer('email:referee', 'referral-reward', {
    amount: formatMinor(c.refereeReward.amount),
    expiresOn: dateOnly(refereeGrant.expiresAt),
    reason: 'Welcome reward for joining through a friend / 好友推荐新人礼',
  });
  await j.emailCustomer(
    'email:referrer',
    'referral-reward',
    {
      amount: formatMinor(c.referrerReward.amount),
      expiresOn: dateOnly(referrerGrant.expiresAt),
      reason: 'Your friend placed a first order / 您推荐的好友已完成首单',
    },
    referrerId,
  );
  const { paidReferrals } = await setStatus('paid');
  j.state.details.referrerPaidReferrals = paidReferrals;

  const tier = c.tiers.find((t) => t.referrals === paidReferrals);
  if (tier) {
    // Keyed by referrer and count, not by this workflow: exactly one tier reward per milestone per campaign.
    const tierStep = `tier:${referrerId}:${tier.referrals}`;
    let rewardText: string;
    if (tier.reward.type === 'credit') {
      const g = await j.grant(
        tierStep,
        tier.reward.offer,
        `referral-tier-${tier.referrals}`,
        referrerId,
        `${start.campaignId}/referral-tier/${referrerId}/${tier.referrals}`,
      );
      rewardText = g.ok ? `${formatMinor(tier.reward.offer.amount)} credit` : `credit refused (${g.code})`;
    } else if (tier.reward.type === 'gift') {
      await mail.createSupportTask({
        idempotencyKey: `${start.campaignId}/${tierStep}`,
        customerId: referrerId,
        kind: 'gift-fulfilment',
        title: `Send "${tier.reward.gift}" to ${referrerId} for ${tier.referrals} referrals`,
        detail: { referrerId, referrals: tier.referrals, gift: tier.reward.gift },
      });
      rewardText = tier.reward.gift;
    } else {
      rewardText = tier.reward.status;
    }
    await j.step(tierStep, 'referral-tier-reached', {
      referrerId,
      referrals: tier.referrals,
      reward: tier.reward,
    });
    await j.emailCustomer(
      'email:tier',
      'referral-tier',
      { count: tier.referrals, reward: rewardText },
      referrerId,
    );
  }
  return j.finish('completed', 'rewarded', { referrerId, paidReferrals });
}
