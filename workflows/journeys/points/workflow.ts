import { condition, patched, setHandler } from '@temporalio/workflow';
import { mail, reads, writes } from '../../shared/activities';
import type { CustomerEvent, OrderPlaced, OrderRefunded } from '../../../contracts/customer-events';
import { approvalSignal, type ApprovalDecision } from '../../shared/definitions';
import { days, Journey } from '../../shared/journey';
import { ledgerRefusalOf } from '../../shared/refusals';
import { startField, type JourneyStart } from '../../shared/journey-input';
import { dateOnly } from '../../shared/money';
import { resumeLoop, runCustomerLoop, type LoopCarry } from '../../shared/customer-loop';
import type { PointsConfig, PointsDispute } from './config';
import { pointsFor } from './rules';

/** A points lot this journey earned, watched for its expiry warning and its expiry. */
interface WatchedLot {
  lotId: string;
  expiresAt: number;
  warned: boolean;
}

interface PointsState {
  lots: WatchedLot[];
  warnings: number;
  sweeps: number;
}

export type PointsCarry = LoopCarry<PointsState>;

/** A dispute review starts with the dispute it reviews. */
export type PointsDisputeStart = JourneyStart<PointsConfig> & { dispute: PointsDispute };

const HOUR_MS = 3_600_000;

/**
 * Earns name their campaign (their lots count in its points liability) and its points budget, the hard cap the
 * ledger draws them from. Runs recorded before it earned from points:issued without either.
 */
const POINTS_CAMPAIGN_BUDGET = 'points-campaign-budget';

/** The campaign fields of an earn: its id, and its points budget when the config sets one. */
function campaignOfEarn(campaignId: string, c: PointsConfig) {
  if (!patched(POINTS_CAMPAIGN_BUDGET)) return {};
  return { campaignId, ...(c.pointsBudget !== undefined ? { pointsBudget: c.pointsBudget } : {}) };
}

/**
 * Journey 7 — points, one long-lived run per customer. Each order earns pointsFor(order) with the order id as the
 * ledger's unique transaction id (a replayed order earns nothing twice) under the daily cap, expiring validityDays
 * later; a refund takes back what that order earned. `expiryWarningDays` before a lot expires the customer is warned
 * (one email for every lot expiring within the warning window), and at expiry the ledger's sweep moves what is left
 * to points:expired. Catalog redemption is a customer action (services/loyalty-rewards.ts); disputes run as their own
 * workflow (pointsDisputeReview).
 */
export async function pointsJourney(start: JourneyStart<PointsConfig>, carry?: PointsCarry): Promise<string> {
  const run = resumeLoop(start, carry);
  const { j } = run;
  const c = j.config;
  const customerId = j.start.customerId;
  const s: PointsState = run.resumed ?? { lots: [], warnings: 0, sweeps: 0 };
  const warnAt = (l: WatchedLot) => (l.warned ? l.expiresAt : l.expiresAt - days(c.expiryWarningDays));
  const publish = () => {
    j.state.details.watchedLots = s.lots.length;
    j.state.details.warnings = s.warnings;
  };

  const earn = async (order: OrderPlaced) => {
    const points = pointsFor(order, c);
    if (points <= 0) return;
    try {
      const earned = await writes.earnPoints({
        transactionId: order.orderId,
        customerId,
        points,
        asOf: j.nowIso(),
        dailyCap: c.dailyCap,
        expiresAt: new Date(Date.now() + days(c.validityDays)).toISOString(),
        reason: `order ${order.orderId}`,
        ...campaignOfEarn(j.start.campaignId, c),
      });
      if (earned.lotId)
        s.lots.push({ lotId: earned.lotId, expiresAt: Date.now() + days(c.validityDays), warned: false });
      await j.step(`earn:${order.orderId}`, 'points-earned', {
        orderId: order.orderId,
        requested: points,
        earned: earned.earned,
        cappedBy: earned.cappedBy,
        ...(earned.budgetCappedBy ? { budgetCappedBy: earned.budgetCappedBy } : {}),
      });
    } catch (err) {
      const refusal = ledgerRefusalOf(err);
      if (!refusal) throw err;
      // IDEMPOTENCY_CONFLICT: this order id already earned (a replayed order under a new event id).
      await j.step(`earn:${order.orderId}:refused`, 'points-refused', {
        orderId: order.orderId,
        code: refusal.code,
      });
    }
  };

  const takeBack = async (refund: OrderRefunded) => {
    const earned = await reads().pointsEarnedFor({ customerId, transactionId: refund.orderId });
    if (earned <= 0) return;
    const { balance } = await reads().pointsOutlook({ customerId, asOf: j.nowIso(), days: 0 });
    // Points already spent cannot be taken back: deduct what is left of them and journal the shortfall.
    let deducted = Math.min(earned, balance);
    if (deducted > 0) {
      try {
        await writes.redeemPoints({
          idempotencyKey: `points-refund:${customerId}:${refund.orderId}`,
          customerId,
          points: deducted,
          asOf: j.nowIso(),
          reason: `order ${refund.orderId} refunded`,
        });
      } catch (err) {
        // A second refund event of the order (already deducted) or points spent meanwhile: journal it, never fail
        // the customer's long-lived points journey over it.
        const refusal = ledgerRefusalOf(err);
        if (!refusal) throw err;
        await j.step(`refund:${refund.orderId}:refused`, 'points-deduction-refused', { code: refusal.code });
        deducted = 0;
      }
    }
    await j.step(`refund:${refund.orderId}`, 'points-deducted', {
      orderId: refund.orderId,
      earned,
      deducted,
      shortfall: earned - deducted,
    });
  };

  const onWake = async () => {
    const now = Date.now();
    if (s.lots.some((l) => !l.warned && warnAt(l) <= now)) {
      const outlook = await reads().pointsOutlook({
        customerId,
        asOf: j.nowIso(),
        days: c.expiryWarningDays,
      });
      for (const l of s.lots) if (l.expiresAt - days(c.expiryWarningDays) <= now) l.warned = true;
      if (outlook.expiringPoints > 0 && outlook.firstExpiry) {
        s.warnings++;
        await j.emailCustomer(`email:expiry-warning-${s.warnings}`, 'points-expiring', {
          points: outlook.expiringPoints,
          balance: outlook.balance,
          expiresOn: dateOnly(outlook.firstExpiry),
        });
      }
    }
    if (s.lots.some((l) => l.expiresAt <= now)) {
      s.sweeps++;
      const swept = await writes.expirePoints({ asOf: j.nowIso() });
      const gone = s.lots.filter((l) => l.expiresAt <= now).map((l) => l.lotId);
      s.lots = s.lots.filter((l) => l.expiresAt > now);
      await j.step(`expiry-${s.sweeps}`, 'points-expired', { lots: gone, sweptLots: swept.expiredLots });
    }
    publish();
  };

  publish();
  j.state.step = 'earning';
  return runCustomerLoop(run, {
    match: (e: CustomerEvent) => e.type === 'order_placed' || e.type === 'order_refunded',
    onEvent: async (e) => {
      if (e.type === 'order_placed') await earn(e);
      else if (e.type === 'order_refunded') await takeBack(e);
      publish();
    },
    nextWakeAt: () =>
      s.lots.reduce<number | undefined>((m, l) => Math.min(m ?? Infinity, warnAt(l)), undefined),
    onWake,
    carry: () => s,
    eventsPerRun: c.eventsPerRun,
  });
}

/**
 * 积分遗漏争议: a customer says an order earned no (or too few) points. The order is re-checked against the
 * storefront's record (or the claimed receipt when the storefront never reported it); if points are missing, support
 * gets a 'points-dispute' task and must approve (approvalSignal) within disputeReviewHours — approval earns the missing
 * points under the transaction id `dispute:<orderId>` (once per order, outside the daily cap); a rejection or silence
 * rejects the claim. The customer is emailed either way.
 */
export async function pointsDisputeReview(start: PointsDisputeStart): Promise<string> {
  const dispute = startField(start, 'dispute');
  const j = new Journey<PointsConfig>(start);
  const c = j.config;
  const customerId = start.customerId;
  let decision: ApprovalDecision | undefined;
  setHandler(approvalSignal, (d) => {
    decision ??= d;
  });
  if (!dispute) return j.finish('refused', 'no-dispute');
  j.state.details.dispute = dispute;
  const reject = async (reason: string, detail: Record<string, unknown> = {}) => {
    await j.emailCustomer('email:rejected', 'points-dispute-rejected', { orderId: dispute.orderId, reason });
    return j.finish('refused', reason, detail);
  };

  const order = await reads().orderOf({ customerId, orderId: dispute.orderId });
  if (order?.refunded) return reject('ORDER_REFUNDED');
  const basis =
    order ??
    (dispute.claimedAmount !== undefined
      ? { amount: dispute.claimedAmount, categories: dispute.claimedCategories ?? [] }
      : undefined);
  if (!basis) return reject('ORDER_UNKNOWN');
  const expected = pointsFor(basis, c);
  const earned =
    (await reads().pointsEarnedFor({ customerId, transactionId: dispute.orderId })) +
    (await reads().pointsEarnedFor({ customerId, transactionId: `dispute:${dispute.orderId}` }));
  const missing = expected - earned;
  j.state.details.check = { expected, earned, missing, orderKnown: order !== null };
  await j.step('checked', 'dispute-checked', { orderId: dispute.orderId, expected, earned, missing });
  if (missing <= 0) return reject('NOTHING_MISSING', { expected, earned });

  const task = await mail.createSupportTask({
    idempotencyKey: j.key('review-task'),
    customerId,
    kind: 'points-dispute',
    title: `Points dispute: order ${dispute.orderId} of ${customerId} is missing ${missing} points`,
    detail: {
      workflowId: j.workflowId,
      orderId: dispute.orderId,
      expected,
      earned,
      missing,
      orderKnown: order !== null,
      note: dispute.note ?? '',
    },
    dueAt: new Date(Date.now() + c.disputeReviewHours * HOUR_MS).toISOString(),
  });
  j.state.details.reviewTaskId = task.taskId;
  j.state.step = 'awaiting-review';
  const answered = await condition(() => decision !== undefined, c.disputeReviewHours * HOUR_MS);
  if (!answered) return reject('REVIEW_TIMEOUT');
  if (decision?.decision !== 'approve') return reject('REJECTED', { by: decision?.by, note: decision?.note });

  let added: { earned: number; lotId: string | null };
  try {
    added = await writes.earnPoints({
      transactionId: `dispute:${dispute.orderId}`,
      customerId,
      points: missing,
      asOf: j.nowIso(),
      expiresAt: new Date(Date.now() + days(c.validityDays)).toISOString(),
      reason: `points dispute ${dispute.disputeId} approved by ${decision.by}`,
      ...campaignOfEarn(start.campaignId, c),
    });
  } catch (err) {
    // IDEMPOTENCY_CONFLICT: a concurrent dispute of the same order was approved first.
    const refusal = ledgerRefusalOf(err);
    if (!refusal) throw err;
    return j.finish('refused', 'ALREADY_ADDED', { code: refusal.code });
  }
  await j.step('approved', 'dispute-approved', { by: decision.by, points: added.earned, lotId: added.lotId });
  await j.emailCustomer('email:approved', 'points-dispute-approved', {
    orderId: dispute.orderId,
    points: added.earned,
  });
  return j.finish('completed', 'approved', { points: added.earned });
}
