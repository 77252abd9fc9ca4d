import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  calendarWorkflowId,
  enrolmentWorkflowId,
  LAUNCH_RUN,
  type CampaignCalendarInput,
  type CampaignEnrolmentInput,
} from '../workflows/campaign-enrolment/definitions';

/**
 * Starts and stops a campaign's enrolment workflows. Like the schedule workflow they carry no CampaignId search
 * attribute: ending a campaign cancels them by id, and the journeys they start are the campaign's.
 */
export class EnrolmentClient {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** The launch run (a finished one starts again and resumes from its durable cursor, or sees it is done). */
  async startLaunchRun(campaignId: string): Promise<void> {
    await this.startOnce('campaignEnrolmentWorkflow', enrolmentWorkflowId(campaignId, LAUNCH_RUN), {
      campaignId,
      run: LAUNCH_RUN,
    } satisfies CampaignEnrolmentInput);
  }

  /** One occurrence's run (a relaunch catching up one missed while paused); a finished run sees it is done. */
  async startRun(campaignId: string, run: string): Promise<void> {
    await this.startOnce('campaignEnrolmentWorkflow', enrolmentWorkflowId(campaignId, run), {
      campaignId,
      run,
    } satisfies CampaignEnrolmentInput);
  }

  /** The date/calendar entry's workflow (one running at a time). */
  async startCalendar(campaignId: string): Promise<void> {
    await this.startOnce('campaignCalendarWorkflow', calendarWorkflowId(campaignId), {
      campaignId,
    } satisfies CampaignCalendarInput);
  }

  async stop(campaignId: string): Promise<void> {
    for (const id of [enrolmentWorkflowId(campaignId, LAUNCH_RUN), calendarWorkflowId(campaignId)]) {
      await this.client.workflow
        .getHandle(id)
        .cancel()
        // Never started, or already closed: nothing to stop.
        .catch(() => undefined);
    }
  }

  private async startOnce(workflowType: string, workflowId: string, input: object): Promise<void> {
    try {
      await this.client.workflow.start(workflowType, {
        taskQueue: this.taskQueue,
        workflowId,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        args: [input],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}
