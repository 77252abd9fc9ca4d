import type { MemberTier } from '../../../stores/loyalty-tiers';
import { reads, writes } from '../../shared/activities';
import type { CustomerEvent } from '../../../contracts/customer-events';
import { isOrderPlaced } from '../../shared/event-match';
import { days } from '../../shared/journey';
import type { JourneyStart } from '../../shared/journey-input';
import { formatMinor } from '../../shared/money';
import { percent } from '../../shared/rates';
import { RebateBook, settleRebate, type PendingRebate } from '../../shared/rebate-book';
import type { MemberTierConfig } from './config';
import { resumeLoop, runCustomerLoop, type LoopCarry } from '../../shared/customer-loop';
import { rank, TIER_NAMES, tierFor } from './tiers';

interface MemberTierState {
  tier: MemberTier;
  /** Workflow time (ms) the review schedule counts from. */
  reviewAnchor: number;
  reviews: number;
  changes: number;
  pending: PendingRebate[];
}

export type MemberTierCarry = LoopCarry<MemberTierState>;

const PROGRAM = { programZh: '会员等级返利', programEn: 'Member tier rebate' };

/**
 * Journey 6 — member tier & rebate, one long-lived run per customer. The tier (普通/银卡/金卡/钻石) follows the rolling
 * spend (customer_orders, refunds excluded): an order that reaches a higher tier upgrades at once; a lower tier only
 * takes effect at the periodic review (every `reviewEveryDays` from the start). Every change is stored
 * (loyalty_member_tiers) and emailed. Each order earns the tier's rate — the tier after that order's upgrade — as a
 * rebate lot once its refund window passes without a refund.
 */
export async function memberTierJourney(
  start: JourneyStart<MemberTierConfig>,
  carry?: MemberTierCarry,
): Promise<string> {
  const run = resumeLoop(start, carry);
  const { j } = run;
  const c = j.config;
  const carried = run.resumed;
  const s: Omit<MemberTierState, 'pending'> = carried ?? {
    tier: 'standard',
    reviewAnchor: Date.now(),
    reviews: 0,
    changes: 0,
  };
  const book = new RebateBook(carried?.pending);
  const nextReviewAt = () => s.reviewAnchor + days(c.reviewEveryDays) * (s.reviews + 1);
  const publish = () => {
    j.state.details.tier = s.tier;
    j.state.details.rebateBp = c.rebateBp[s.tier];
    j.state.details.nextReviewAt = new Date(nextReviewAt()).toISOString();
    j.state.details.pendingRebates = book.list().map((p) => p.orderId);
  };
  const spendNow = () =>
    reads().rollingSpend({ customerId: j.start.customerId, asOf: j.nowIso(), windowDays: c.spendWindowDays });

  /** `from` null: the membership starts (stored, not emailed). */
  const changeTier = async (
    to: MemberTier,
    reason: string,
    spend: number,
    from: MemberTier | null = s.tier,
  ) => {
    s.changes++;
    s.tier = to;
    const change = {
      idempotencyKey: j.key(`tier-${s.changes}`),
      campaignId: j.start.campaignId,
      customerId: j.start.customerId,
      from,
      to,
      reason,
      rollingSpend: spend,
      at: j.nowIso(),
    };
    await j.journaledWrite(
      `tier-${s.changes}`,
      'tier-changed',
      { from, to, reason, rollingSpend: spend },
      writes.recordTierChange,
      change,
    );
    if (from === null) return;
    await j.emailCustomer(
      `email:tier-${s.changes}`,
      rank(to) > rank(from) ? 'member-tier-upgraded' : 'member-tier-downgraded',
      {
        fromZh: TIER_NAMES[from].zh,
        fromEn: TIER_NAMES[from].en,
        toZh: TIER_NAMES[to].zh,
        toEn: TIER_NAMES[to].en,
        spend: formatMinor(spend),
        rate: percent(c.rebateBp[to]),
      },
    );
  };
  // A new member starts as standard; the starting order may upgrade at once below.
  if (!carried) await changeTier('standard', 'joined', 0, null);
  publish();
  j.state.step = 'member';

  return runCustomerLoop(run, {
    match: (e: CustomerEvent) => e.type === 'order_placed' || e.type === 'order_refunded',
    onEvent: async (e) => {
      if (isOrderPlaced(e)) {
        const spend = await spendNow();
        const reached = tierFor(spend, c.thresholds);
        if (rank(reached) > rank(s.tier)) await changeTier(reached, `order ${e.orderId}`, spend);
        const p = book.add(e, c.rebateBp[s.tier], c.credit);
        if (p) {
          await j.step(`order:${e.orderId}`, 'rebate-pending', {
            orderId: e.orderId,
            amount: e.amount,
            tier: s.tier,
            rateBp: p.bp,
            rebate: p.rebate,
            rollingSpend: spend,
          });
        }
      } else if (e.type === 'order_refunded' && book.cancel(e.orderId)) {
        await j.step(`rebate:${e.orderId}:cancelled`, 'rebate-cancelled', {
          orderId: e.orderId,
          by: 'refund',
        });
      }
      publish();
    },
    nextWakeAt: () => Math.min(nextReviewAt(), book.nextDueAt() ?? Infinity),
    onWake: async () => {
      for (const p of book.takeDue(Date.now())) await settleRebate(j, p, c.credit, PROGRAM);
      if (nextReviewAt() <= Date.now()) {
        s.reviews++;
        const spend = await spendNow();
        const earned = tierFor(spend, c.thresholds);
        await j.step(`review-${s.reviews}`, 'tier-review', { tier: s.tier, earned, rollingSpend: spend });
        if (earned !== s.tier) await changeTier(earned, `review ${s.reviews}`, spend);
      }
      publish();
    },
    carry: () => ({ ...s, pending: book.list() }),
    eventsPerRun: c.eventsPerRun,
  });
}
