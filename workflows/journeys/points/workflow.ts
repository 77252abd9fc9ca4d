import { condition, setHandler } from '@temporalio/workflow';
import { mail, reads, writes } from '../../shared/activities';
import type { CustomerEvent, OrderPlaced, OrderRefunded } from '../../../contracts/customer-events';
import { approvalSignal, type ApprovalDecision } from '../../shared/definitions';
import { days, Journey } from '../../shared/journey';
import { ledgerRefusalOf } from '../../shared/refusals';
import { startField, type JourneyStart } from '../../shared/journey-input';
import { dateOnly } from '../../shared/money';
import { resumeLoop, runCustomerLoop, type LoopCarry } from '../../shared/customer-loop';
import type { PointsConfig, PointsDispute } from './config';
import { earnBreakdown, partialExpiryOf, pointsFor, type EarnBreakdown } from './rules';
import { isPatched } from '../../shared/patches';

/** A points lot this journey earned, watched for its expiry warning and its expiry. */
interface WatchedLot {
  lotId: string;
  expiresAt: number;
  warned: boolean;
  /** Partial expiry: this percent of what is left expires at expiresAt, then the lot is watched for another year. */
  percent?: number;
  /** Partial expiry: which yearly expiry comes next (1 for the first). */
  year?: number;
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

/** Time-window and tier multipliers (config `multipliers`): runs from before them never read the earn context. */
export const POINTS_MULTIPLIERS = 'points-multipliers';
/** Partial yearly expiry (config `expiry.mode: 'partial'`): lots earned without a ledger expiry, cut yearly. */
export const POINTS_PARTIAL_EXPIRY = 'points-partial-expiry';

/**
 * Earns name their campaign (their lots count in its points liability) and its points budget, the hard cap the
 * ledger draws them from. Runs recorded before it earned from points:issued without either.
 */
const POINTS_CAMPAIGN_BUDGET = 'points-campaign-budget';

/**
 * A refund takes back what the order earned in this journey's campaign, under a key of its own. Before, each journey
 * deducted what the order earned in every campaign under one key for all: the first to hear the refund took the key,
 * and points another campaign earned after that were never taken back (its deduction was refused the key).
 */
const POINTS_REFUND_PER_CAMPAIGN = 'points-refund-per-campaign';

/** The campaign fields of an earn: its id, and its points budget when the config sets one. */
function campaignOfEarn(campaignId: string, c: PointsConfig) {
  if (!isPatched(POINTS_CAMPAIGN_BUDGET)) return {};
  return { campaignId, ...(c.pointsBudget !== undefined ? { pointsBudget: c.pointsBudget } : {}) };
}

/**
 * Journey 7 — points, one long-lived run per customer. Each order earns pointsFor(order) with the order id as the
 * ledger's transaction id, unique per customer and campaign (a replayed order earns nothing twice; another points
 * campaign earns on it too) under the daily cap, expiring validityDays later; a refund takes back what that order
 * earned in this campaign. `expiryWarningDays` before a lot expires the customer is warned
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

  const multiplied = async (order: OrderPlaced): Promise<EarnBreakdown | undefined> => {
    if (!c.multipliers || !isPatched(POINTS_MULTIPLIERS)) return undefined;
    const context = await reads().pointsEarnContext({
      campaignId: j.start.campaignId,
      customerId,
      at: j.nowIso(),
    });
    return earnBreakdown(order, c, context);
  };

  const earn = async (order: OrderPlaced) => {
    const breakdown = await multiplied(order);
    const points = breakdown ? breakdown.points : pointsFor(order, c);
    if (points <= 0) return;
    const partial =
      c.expiry?.mode === 'partial' && isPatched(POINTS_PARTIAL_EXPIRY) ? c.expiry.percent : undefined;
    const expiresAt = Date.now() + days(c.validityDays);
    try {
      const request = {
        transactionId: order.orderId,
        customerId,
        points,
        asOf: j.nowIso(),
        dailyCap: c.dailyCap,
        // Under partial expiry the ledger lot has no hard expiry: this journey cuts it yearly instead.
        ...(partial === undefined ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
        reason: `order ${order.orderId}`,
        ...campaignOfEarn(j.start.campaignId, c),
      };
      // The earned, capped and budget-capped figures come from the earn's result (budgetCappedBy only when > 0).
      const earned = await j.journaledWrite(
        `earn:${order.orderId}`,
        'points-earned',
        {
          orderId: order.orderId,
          requested: points,
          ...(breakdown
            ? {
                multiplier: breakdown.multiplier,
                category: breakdown.category,
                window: breakdown.window,
                windowName: breakdown.windowName,
                tier: breakdown.tier,
                multiplierCapped: breakdown.capped,
              }
            : {}),
        },
        writes.earnPoints,
        request,
        { earned: 'earned', cappedBy: 'cappedBy', budgetCappedBy: 'budgetCappedBy' },
      );
      if (earned.lotId)
        s.lots.push({
          lotId: earned.lotId,
          expiresAt,
          warned: false,
          ...(partial === undefined ? {} : { percent: partial, year: 1 }),
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

  /**
   * What the order earned here is deducted under this campaign's key; what it earned before earns named their campaign
   * (at most one campaign could earn an order then) under the key every journey used, so it goes once, whichever
   * journey hears the refund first.
   */
  const takeBackPerCampaign = async (refund: OrderRefunded) => {
    const { orderId } = refund;
    const campaignId = j.start.campaignId;
    const own = await reads().pointsEarnedFor({ customerId, transactionId: orderId, campaignId });
    const untagged = await reads().pointsEarnedFor({ customerId, transactionId: orderId, campaignId: null });
    const earned = own + untagged;
    if (earned <= 0) return;
    let { balance } = await reads().pointsOutlook({ customerId, asOf: j.nowIso(), days: 0 });
    let deducted = 0;
    const parts = [
      { points: own, key: `points-refund:${JSON.stringify([customerId, campaignId, orderId])}`, step: '' },
      { points: untagged, key: `points-refund:${customerId}:${orderId}`, step: ':untagged' },
    ];
    for (const part of parts) {
      // Points already spent cannot be taken back: deduct what is left of them and journal the shortfall.
      const take = Math.min(part.points, balance);
      if (take <= 0) continue;
      try {
        await writes.redeemPoints({
          idempotencyKey: part.key,
          customerId,
          points: take,
          asOf: j.nowIso(),
          reason: `order ${orderId} refunded`,
        });
        deducted += take;
        balance -= take;
      } catch (err) {
        // A second refund event of the order (already deducted) or points spent meanwhile: journaled, never a
        // failure of the customer's long-lived points journey.
        const refusal = ledgerRefusalOf(err);
        if (!refusal) throw err;
        await j.step(`refund:${orderId}${part.step}:refused`, 'points-deduction-refused', {
          code: refusal.code,
        });
      }
    }
    await j.step(`refund:${orderId}`, 'points-deducted', {
      orderId,
      earned,
      deducted,
      shortfall: earned - deducted,
    });
  };

  const takeBack = async (refund: OrderRefunded) => {
    if (isPatched(POINTS_REFUND_PER_CAMPAIGN)) return takeBackPerCampaign(refund);
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

  const wholeLots = () => s.lots.filter((l) => l.percent === undefined);
  const partialLots = () => s.lots.filter((l) => l.percent !== undefined);

  /**
   * Partial expiry: the warning names what will expire (each due lot's share, rounded down); at expiry each due lot
   * loses its share and is watched for another year while a share of it is left to expire.
   */
  const onPartialWake = async () => {
    const now = Date.now();
    const warnable = partialLots().filter((l) => !l.warned && warnAt(l) <= now);
    if (warnable.length > 0) {
      const remaining = await reads().pointLotsRemaining({
        customerId,
        asOf: j.nowIso(),
        lotIds: warnable.map((l) => l.lotId),
      });
      for (const l of warnable) l.warned = true;
      const points = remaining.reduce((sum, r) => {
        const lot = warnable.find((l) => l.lotId === r.lotId);
        return sum + (lot?.percent ? partialExpiryOf(r.remaining, lot.percent) : 0);
      }, 0);
      const first = Math.min(...warnable.map((l) => l.expiresAt));
      if (points > 0) {
        const { balance } = await reads().pointsOutlook({ customerId, asOf: j.nowIso(), days: 0 });
        s.warnings++;
        await j.emailCustomer(`email:expiry-warning-${s.warnings}`, 'points-expiring-partial', {
          points,
          balance,
          percent: warnable[0]!.percent!,
          expiresOn: dateOnly(new Date(first).toISOString()),
        });
      }
    }
    const due = partialLots().filter((l) => l.expiresAt <= now);
    if (due.length === 0) return;
    s.sweeps++;
    const cut: { lotId: string; expired: number; remaining: number }[] = [];
    for (const l of due) {
      const r = await writes.expirePointsPartially({
        idempotencyKey: `points-partial-expiry:${l.lotId}:${l.year ?? 1}`,
        lotId: l.lotId,
        customerId,
        percent: l.percent!,
        asOf: j.nowIso(),
      });
      cut.push({ lotId: l.lotId, expired: r.expired, remaining: r.remaining });
      if (partialExpiryOf(r.remaining, l.percent!) > 0) {
        l.expiresAt += days(c.validityDays);
        l.year = (l.year ?? 1) + 1;
        l.warned = false;
      } else l.expiresAt = -1; // nothing more will ever expire from it: stop watching
    }
    s.lots = s.lots.filter((l) => l.expiresAt > now);
    await j.step(`expiry-${s.sweeps}`, 'points-expired-partially', {
      lots: cut,
      points: cut.reduce((sum, x) => sum + x.expired, 0),
    });
  };

  const onWake = async () => {
    if (partialLots().length > 0) await onPartialWake();
    await onWholeWake();
    publish();
  };

  const onWholeWake = async () => {
    const now = Date.now();
    if (wholeLots().some((l) => !l.warned && warnAt(l) <= now)) {
      const outlook = await reads().pointsOutlook({
        customerId,
        asOf: j.nowIso(),
        days: c.expiryWarningDays,
      });
      for (const l of wholeLots()) if (l.expiresAt - days(c.expiryWarningDays) <= now) l.warned = true;
      if (outlook.expiringPoints > 0 && outlook.firstExpiry) {
        s.warnings++;
        await j.emailCustomer(`email:expiry-warning-${s.warnings}`, 'points-expiring', {
          points: outlook.expiringPoints,
          balance: outlook.balance,
          expiresOn: dateOnly(outlook.firstExpiry),
        });
      }
    }
    if (wholeLots().some((l) => l.expiresAt <= now)) {
      s.sweeps++;
      const swept = await writes.expirePoints({ asOf: j.nowIso() });
      const gone = wholeLots()
        .filter((l) => l.expiresAt <= now)
        .map((l) => l.lotId);
      s.lots = s.lots.filter((l) => l.percent !== undefined || l.expiresAt > now);
      await j.step(`expiry-${s.sweeps}`, 'points-expired', { lots: gone, sweptLots: swept.expiredLots });
    }
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
