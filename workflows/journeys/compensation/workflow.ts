import { condition, setHandler } from '@temporalio/workflow';
import { mail, writes } from '../../shared/activities';
import { approvalSignal, type ApprovalDecision } from '../../shared/definitions';
import { Journey } from '../../shared/journey';
import { startField, type JourneyStart } from '../../shared/journey-input';
import { dateOnly, formatMinor } from '../../shared/money';
import type { CompensationConfig, CompensationRequest } from './config';

const HOUR_MS = 3_600_000;

/** A compensation journey starts with the support request it pays. */
export type CompensationStart = JourneyStart<CompensationConfig> & { request: CompensationRequest };

/**
 * Journey 5 — compensation credit from support: the agent's daily/monthly quota is reserved first (serialised per
 * agent, so concurrent requests cannot overrun it); above the threshold a manager approves or rejects by signal
 * within 24 h (silence = rejected); then the credit is granted and the customer emailed. Quota is given back on
 * any refusal after the reservation, and on a step that fails for good before the grant.
 */
export async function compensationJourney(start: CompensationStart): Promise<string> {
  const j = new Journey<CompensationConfig>(start);
  const c = j.config;
  const request = startField(start, 'request');
  const customerId = start.customerId;
  let decision: ApprovalDecision | undefined;
  setHandler(approvalSignal, (d) => {
    decision ??= d;
  });
  if (!request) return j.finish('refused', 'no-request');
  j.state.details.request = request;
  if (request.amount > c.maxAmount)
    return j.finish('refused', 'AMOUNT_ABOVE_MAXIMUM', { maxAmount: c.maxAmount });

  const quotaKey = j.key('quota');
  const quota = await writes.reserveCompensationQuota({
    requestKey: quotaKey,
    agentId: request.agentId,
    customerId,
    amount: request.amount,
    asOf: j.nowIso(),
    dailyLimit: c.agentDailyQuota,
    monthlyLimit: c.agentMonthlyQuota,
  });
  if (!quota.ok) {
    return j.finish('refused', quota.reason, {
      usedToday: quota.usedToday,
      usedThisMonth: quota.usedThisMonth,
    });
  }
  // Given back on a refusal below, kept once the credit is granted, and given back by the runtime's failure path if
  // a step fails for good in between (workflows/shared/permanent-failure.ts).
  const quotaHold = j.hold('agent-quota', () => writes.releaseCompensationQuota(quotaKey));
  await j.step('quota-reserved', 'quota-reserved', { agentId: request.agentId, amount: request.amount });

  if (request.amount > c.approvalThreshold) {
    const task = await mail.createSupportTask({
      idempotencyKey: j.key('approval-task'),
      customerId,
      kind: 'compensation-approval',
      title: `Approve ${formatMinor(request.amount)} compensation for ${customerId} by ${request.agentId}`,
      detail: { workflowId: j.workflowId, ...request },
      dueAt: new Date(Date.now() + c.approvalTimeoutHours * HOUR_MS).toISOString(),
    });
    j.state.details.approvalTaskId = task.taskId;
    j.state.step = 'awaiting-approval';
    const answered = await condition(() => decision !== undefined, c.approvalTimeoutHours * HOUR_MS);
    if (!answered || decision?.decision !== 'approve') {
      await quotaHold.release();
      const reason = answered ? 'REJECTED_BY_MANAGER' : 'APPROVAL_TIMEOUT';
      return j.finish('refused', reason, decision ? { by: decision.by, note: decision.note } : {});
    }
    await j.step('approved', 'compensation-approved', { by: decision.by });
  }

  const grant = await j.grant(
    'grant',
    {
      kind: 'cash',
      amount: request.amount,
      validityDays: c.validityDays,
      scope: { type: 'all' },
      stacking: 'stackable',
    },
    `compensation: ${request.reason}`,
  );
  if (!grant.ok) {
    await quotaHold.release();
    return j.finish('refused', grant.code);
  }
  quotaHold.keep();
  await j.emailCustomer('email:granted', 'compensation-granted', {
    amount: formatMinor(request.amount),
    reason: request.reason,
    expiresOn: dateOnly(grant.expiresAt),
  });
  return j.finish('completed', 'granted', { lotId: grant.lotId });
}
