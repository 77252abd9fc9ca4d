import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { CampaignStore } from '../stores/campaigns';
import {
  assignSupportTask,
  closeSupportTask,
  compensationQuotaUsage,
  getSupportTask,
  listSupportTasks,
  cancelSupportTask,
  reopenSupportTask,
  resolveSupportTask,
  type SupportTask,
} from '../stores/support';
import type { JourneyClient } from './journey-client';
import { compensationPlugin } from '../workflows/journeys/compensation/plugin';
import type { CompensationConfig } from '../workflows/journeys/compensation/config';
import { journeyWorkflowId, type ApprovalDecision } from '../workflows/shared/definitions';
import { ServiceError } from './errors';
import { soleLaunchedCampaign } from './launched-campaign';

export interface CompensationRequestInput {
  customerId: string;
  amount: number;
  reason: string;
  /** Which compensation campaign pays; the only launched one when absent. */
  campaignId?: string;
  requestId?: string;
}

/** Support's side of perkflow: compensation credits (a journey per request) and decisions on approval tasks. */
export class SupportService {
  constructor(
    private readonly pool: Pool,
    private readonly campaigns: CampaignStore,
    private readonly journeys: JourneyClient,
    /** What closing a task means beyond the task (a reward fulfilment ships, becomes ready or is cancelled). */
    private readonly onTaskClosed?: (taskId: number, status: 'done' | 'cancelled') => Promise<void>,
  ) {}

  async requestCompensation(req: CompensationRequestInput, agentId: string) {
    const campaign = await soleLaunchedCampaign(
      this.campaigns,
      'compensation',
      'compensation',
      req.campaignId,
    );
    const requestId = req.requestId ?? `comp_${randomBytes(8).toString('hex')}`;
    const workflowId = `${journeyWorkflowId(campaign.campaignId, req.customerId)}/${requestId}`;
    try {
      await this.journeys.startJourney(
        compensationPlugin,
        { campaignId: campaign.campaignId, journeyType: campaign.journeyType, config: campaign.config },
        req.customerId,
        workflowId,
        { request: { requestId, agentId, amount: req.amount, reason: req.reason } },
      );
    } catch (err) {
      // The same request id started it already (a retry whose first response was lost): same answer again.
      if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
    }
    return { requestId, campaignId: campaign.campaignId, workflowId, status: 'submitted' as const };
  }

  /**
   * What an agent may still grant in a compensation campaign (the named one, or the only launched one): its per-agent
   * quotas, what the agent used today and this month (UTC), what is left of each, and the approval threshold. The
   * quota is checked again when a request runs; this is what the form shows before.
   */
  async quota(agentId: string, campaignId: string | undefined, asOf: string = new Date().toISOString()) {
    const campaign = await soleLaunchedCampaign(this.campaigns, 'compensation', 'compensation', campaignId);
    // Parsed by the plugin's schema when the campaign was created (defaults filled in).
    const config = campaign.config as CompensationConfig;
    const { usedToday, usedThisMonth } = await compensationQuotaUsage(this.pool, agentId, asOf);
    return {
      campaignId: campaign.campaignId,
      agentId,
      asOf,
      dailyQuota: config.agentDailyQuota,
      monthlyQuota: config.agentMonthlyQuota,
      usedToday,
      usedThisMonth,
      remainingToday: Math.max(
        0,
        Math.min(config.agentDailyQuota - usedToday, config.agentMonthlyQuota - usedThisMonth),
      ),
      remainingThisMonth: Math.max(0, config.agentMonthlyQuota - usedThisMonth),
      approvalThreshold: config.approvalThreshold,
      maxAmount: config.maxAmount,
    };
  }

  /** The launched compensation campaigns an agent may grant from (the console's campaign picker). */
  async compensationCampaigns(): Promise<{ campaignId: string; name: string }[]> {
    const launched = await this.campaigns.list({ status: 'launched', journeyType: 'compensation' });
    return launched.map((c) => ({ campaignId: c.campaignId, name: c.name }));
  }

  listTasks(filter: {
    status?: 'open' | 'done' | 'cancelled';
    kind?: string;
    assignee?: string;
    limit: number;
    before?: number;
  }): Promise<{ items: SupportTask[]; next: number | null }> {
    return listSupportTasks(this.pool, filter);
  }

  /**
   * Closes a task by hand: a callback made, a gift sent, a failed journey dealt with. Approval tasks are decided
   * through `decide` (their journey waits for the decision), never closed around it.
   */
  async closeTask(
    taskId: number,
    close: { status: 'done' | 'cancelled'; note?: string },
    by: string,
  ): Promise<SupportTask> {
    const task = await this.openTask(taskId);
    if (APPROVER_ROLES[task.kind]) {
      throw new ServiceError(
        'conflict',
        'DECIDE_THROUGH_APPROVALS',
        `Task ${taskId} (${task.kind}) is an approval: decide it with POST /v1/approvals/${taskId}.`,
      );
    }
    if (!(await closeSupportTask(this.pool, taskId, { ...close, by, at: new Date().toISOString() }))) {
      throw new ServiceError('conflict', 'TASK_CLOSED', `Task ${taskId} was closed meanwhile.`);
    }
    // A flow journey waiting on the task hears of it now. The close is committed either way: a journey the signal
    // missed (Temporal unreachable) reads the task's status when its wait times out and goes the closed way.
    if (task.detail.waitsForClose === true && typeof task.detail.workflowId === 'string') {
      await this.journeys
        .signalTaskClosed(task.detail.workflowId, { taskId, status: close.status })
        .catch(() => false);
    }
    await this.onTaskClosed?.(taskId, close.status);
    return (await getSupportTask(this.pool, taskId))!;
  }

  /** Assigns an open task to an agent, or unassigns it (null). */
  async assignTask(taskId: number, assignee: string | null): Promise<SupportTask> {
    await this.openTask(taskId);
    if (!(await assignSupportTask(this.pool, taskId, assignee))) {
      throw new ServiceError('conflict', 'TASK_CLOSED', `Task ${taskId} was closed meanwhile.`);
    }
    return (await getSupportTask(this.pool, taskId))!;
  }

  private async openTask(taskId: number): Promise<SupportTask> {
    const task = await getSupportTask(this.pool, taskId);
    if (!task) throw new ServiceError('not-found', 'TASK_NOT_FOUND', `No support task ${taskId}.`);
    if (task.status !== 'open') {
      throw new ServiceError('conflict', 'TASK_CLOSED', `Task ${taskId} is already ${task.status}.`);
    }
    return task;
  }

  /** A manager's (or sales') decision on an approval task, delivered to the waiting journey as a signal. */
  async decide(taskId: number, decision: ApprovalDecision, roles: readonly string[]) {
    const task = await getSupportTask(this.pool, taskId);
    if (!task) throw new ServiceError('not-found', 'TASK_NOT_FOUND', `No approval task ${taskId}.`);
    const needs = APPROVER_ROLES[task.kind];
    if (!needs)
      throw new ServiceError(
        'unprocessable',
        'NOT_AN_APPROVAL',
        `Task ${taskId} (${task.kind}) needs no decision.`,
      );
    if (!roles.includes('admin') && !needs.some((r) => roles.includes(r))) {
      throw new ServiceError(
        'unprocessable',
        'NOT_YOUR_DECISION',
        `Task ${taskId} must be decided by ${needs.join(' or ')}.`,
      );
    }
    if (task.status !== 'open') {
      throw new ServiceError('conflict', 'ALREADY_DECIDED', `Task ${taskId} is already ${task.status}.`);
    }
    // Four eyes: whoever asked for a compensation cannot approve it.
    if (task.kind === 'compensation-approval' && task.detail.agentId === decision.by) {
      throw new ServiceError(
        'unprocessable',
        'OWN_REQUEST',
        `Task ${taskId} was requested by you; another manager decides.`,
      );
    }
    const workflowId = task.detail.workflowId;
    if (typeof workflowId !== 'string')
      throw new ServiceError('unprocessable', 'NO_JOURNEY', `Task ${taskId} has no journey.`);
    // Claim the task first (a conditional update), so that of two simultaneous decisions exactly one is sent.
    if (!(await resolveSupportTask(this.pool, taskId, { ...decision }))) {
      throw new ServiceError('conflict', 'ALREADY_DECIDED', `Task ${taskId} was decided meanwhile.`);
    }
    try {
      await this.journeys.signalApproval(workflowId, decision);
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') {
        // The journey stopped waiting (its deadline passed): the request was already refused.
        await cancelSupportTask(this.pool, taskId);
        throw new ServiceError(
          'conflict',
          'APPROVAL_EXPIRED',
          `Task ${taskId} expired: its journey no longer waits.`,
        );
      }
      await reopenSupportTask(this.pool, taskId);
      throw err;
    }
    return { taskId, workflowId, decision: decision.decision, status: 'done' as const };
  }
}

const APPROVER_ROLES: Record<string, string[]> = {
  'compensation-approval': ['support-manager'],
  'referral-review': ['growth', 'support-manager'],
  'approval-escalation': ['support-manager'],
  'points-dispute': ['support-manager'],
};
