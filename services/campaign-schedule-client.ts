import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import {
  campaignScheduleChangedSignal,
  campaignScheduleWorkflowId,
  type CampaignScheduleInput,
  type CampaignScheduleResult,
  type ScheduleInstants,
} from '../workflows/campaign-schedule/definitions';

/**
 * Hands a campaign's schedule to its campaign-schedule workflow: signal-with-start, so a running one replans with the
 * new instants and a finished (or never started) one starts again. The workflow carries no CampaignId search
 * attribute on purpose: ending a campaign cancels the runs found by it, and a scheduled end must not cancel the
 * workflow that is carrying it out.
 */
export class CampaignScheduleClient {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async send(campaignId: string, instants: ScheduleInstants): Promise<void> {
    await this.client.workflow.signalWithStart<
      (input: CampaignScheduleInput) => Promise<CampaignScheduleResult>,
      [ScheduleInstants]
    >('campaignScheduleWorkflow', {
      taskQueue: this.taskQueue,
      workflowId: campaignScheduleWorkflowId(campaignId),
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      args: [{ campaignId }],
      signal: campaignScheduleChangedSignal,
      signalArgs: [instants],
    });
  }
}
