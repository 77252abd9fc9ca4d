import { condition, setHandler } from '@temporalio/workflow';
import type { CustomerEvent } from '../../../contracts/customer-events';
import { mail, reads, writes } from '../../shared/activities';
import { supportTaskClosedSignal, type SupportTaskClosed } from '../../shared/definitions';
import { days, type Journey } from '../../shared/journey';
import type { FlowConfig } from './config';
import type { EmailCap, FlowNodeOf } from './definition';
import { durationMs } from './graph';
import { eventField, pointsAmount } from './evaluate';
import { isPatched } from '../../shared/patches';

/*
 * The interpreter's newer node kinds and rules (awardPoints, setAttribute, limit, createTask waiting for its close,
 * the email frequency cap), kept apart from workflow.ts's core loop. Each returns the id of the node to go to next.
 */

/**
 * The email frequency cap came after flows were running: a journey replaying from before it never reads the count.
 * (New node kinds need no patch: no definition that ran before them can contain one.)
 */
export const FLOW_EMAIL_CAP = 'flow-email-frequency-cap';

/** The journal kind of an email a grant node sends the referrer it credited (detail.customerId: the referrer). */
export const REFERRER_EMAIL_KIND = 'referrer-email-sent';

/** Points through the points ledger, keyed by the node's idempotency key (one earn however often it is retried). */
export async function awardPoints(
  j: Journey<FlowConfig>,
  n: FlowNodeOf<'awardPoints'>,
  step: string,
  key: string,
  event: CustomerEvent | undefined,
): Promise<string> {
  const points = pointsAmount(n.points, event);
  if (points <= 0) {
    await j.step(`${step}:nothing`, 'points-skipped', { reason: 'zero points' });
    return n.next;
  }
  const earned = await writes.earnPoints({
    transactionId: key,
    customerId: j.start.customerId,
    points,
    asOf: j.nowIso(),
    ...(n.validityDays ? { expiresAt: new Date(Date.now() + days(n.validityDays)).toISOString() } : {}),
    reason: `flow:${j.start.campaignId}:${n.id}`,
  });
  await j.step(step, 'points-awarded', { points: earned.earned, lotId: earned.lotId });
  return n.next;
}

/** A profile attribute or tag; a refused write (erased customer, profile limits) is journaled and the journey goes on. */
export async function setAttribute(
  j: Journey<FlowConfig>,
  n: FlowNodeOf<'setAttribute'>,
  step: string,
): Promise<string> {
  const customerId = j.start.customerId;
  const written = await writes.setProfileAttribute(
    n.addTag !== undefined
      ? { customerId, attribute: n.attribute, addTag: n.addTag }
      : { customerId, attribute: n.attribute, value: n.value! },
  );
  const detail = { attribute: n.attribute, ...(n.addTag !== undefined ? { tag: n.addTag } : {}) };
  if (written.written) await j.step(step, 'attribute-set', detail);
  else await j.step(`${step}:refused`, 'attribute-refused', { ...detail, reason: written.reason });
  return n.next;
}

/** A claim on the campaign-wide counter: within its ceiling → next; past it, already counted or nothing to count → onReached. */
export async function claimLimit(
  j: Journey<FlowConfig>,
  n: FlowNodeOf<'limit'>,
  step: string,
  key: string,
  event: CustomerEvent | undefined,
): Promise<string> {
  const reached = async (reason: string, detail: Record<string, unknown> = {}) => {
    await j.step(step, 'limit-reached', { counter: n.counter, reason, ...detail });
    return n.onReached;
  };
  const { campaignId, customerId } = j.start;
  let scope = '';
  if (n.per) {
    const value = event ? eventField(event, n.per.field) : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') return reached('no-scope');
    scope = String(value);
  }
  let weight = 1;
  if (n.amount) {
    const value = event ? eventField(event, n.amount.field) : undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) return reached('no-amount');
    weight = value;
  }
  let claimKey = key;
  if (n.countOnce === 'customer') claimKey = `${campaignId}/${n.counter}/${scope}/customer/${customerId}`;
  if (n.countOnce === 'referrer') {
    const referrer = await reads().flowReferrerOf(customerId);
    if (!referrer) return reached('no-referrer');
    claimKey = `${campaignId}/${n.counter}/${scope}/referrer/${referrer}`;
  }
  const decision = await writes.claimFlowLimit({
    campaignId,
    counter: n.counter,
    scope,
    claimKey,
    journeyKey: key,
    weight,
    max: n.max,
  });
  if (decision.outcome !== 'within') return reached(decision.outcome, { scope, used: decision.used });
  await j.step(step, 'limit-counted', { counter: n.counter, scope, weight, used: decision.used });
  return n.next;
}

/** Task closes heard by this run (signalled by the support service when a task a journey waits on is closed). */
export function listenForTaskCloses(): Map<number, SupportTaskClosed['status']> {
  const closed = new Map<number, SupportTaskClosed['status']>();
  setHandler(supportTaskClosedSignal, (c) => {
    closed.set(c.taskId, c.status);
  });
  return closed;
}

/**
 * A createTask node: opens the task; with `waitForClose`, waits for its close (or an exit event). Returns the next
 * node, or the exit event that arrived meanwhile.
 */
export async function createTask(
  j: Journey<FlowConfig>,
  n: FlowNodeOf<'createTask'>,
  step: string,
  key: string,
  closes: Map<number, SupportTaskClosed['status']>,
  isExit: (e: CustomerEvent) => boolean,
): Promise<string | { exit: CustomerEvent }> {
  const task = await mail.createSupportTask({
    idempotencyKey: key,
    customerId: j.start.customerId,
    kind: n.kind,
    title: n.title,
    detail: {
      workflowId: j.workflowId,
      campaignId: j.start.campaignId,
      node: n.id,
      ...(n.waitForClose ? { waitsForClose: true } : {}),
    },
    ...(n.dueIn ? { dueAt: new Date(Date.now() + durationMs(n.dueIn)).toISOString() } : {}),
  });
  if (!n.waitForClose) {
    await j.step(step, 'support-task', { kind: n.kind });
    return n.next;
  }
  const wait = n.waitForClose;
  await j.step(step, 'support-task', { kind: n.kind, taskId: task.taskId, waitsForClose: true });
  const timeoutMs = durationMs(wait.timeout);
  j.state.status = 'waiting';
  j.state.nextWakeAt = new Date(Date.now() + timeoutMs).toISOString();
  j.state.details.taskId = task.taskId;
  await condition(() => closes.has(task.taskId) || j.pendingEvents().some(isExit), timeoutMs);
  j.state.status = 'running';
  delete j.state.nextWakeAt;
  const exit = j.take(isExit);
  if (exit) return { exit };
  // A close whose signal was lost (Temporal unreachable at that moment) is still in the task's row.
  let status: string | null | undefined = closes.get(task.taskId);
  if (status === undefined) status = await reads().supportTaskStatus(task.taskId);
  const route =
    status === 'done'
      ? 'closed'
      : status === 'cancelled'
        ? wait.onCancelled
          ? 'cancelled'
          : 'closed'
        : 'timeout';
  await j.step(`${step}:${route}`, `support-task-${route}`, { taskId: task.taskId });
  return route === 'closed' ? n.next : route === 'cancelled' ? wait.onCancelled! : wait.onTimeout;
}

/**
 * Whether the campaign's email frequency cap lets one more email go to this customer now (emails of every journey of
 * the campaign in the last `perDays` days count); a capped email is journaled as skipped.
 */
export async function emailAllowed(
  j: Journey<FlowConfig>,
  cap: EmailCap | undefined,
  step: string,
  /** A referrer the email goes to instead of the journey's customer (their referrer emails of the campaign count). */
  referrer?: string,
): Promise<boolean> {
  if (!cap || !isPatched(FLOW_EMAIL_CAP)) return true;
  const since = new Date(Date.now() - days(cap.perDays)).toISOString();
  const sent = await reads().flowEmailsSentSince({
    campaignId: j.start.campaignId,
    customerId: referrer ?? j.start.customerId,
    since,
    ...(referrer !== undefined ? { kind: REFERRER_EMAIL_KIND } : {}),
  });
  if (sent < cap.max) return true;
  await j.step(`${step}:capped`, 'email-capped', { sent, max: cap.max, perDays: cap.perDays });
  return false;
}
