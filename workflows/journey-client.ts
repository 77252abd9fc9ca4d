import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { CustomerEvent } from './shared/customer-events';
import {
  approvalSignal,
  type ApprovalDecision,
  CampaignIdAttribute,
  CustomerIdAttribute,
  customerEventSignal,
  JourneyTypeAttribute,
  journeyStateQuery,
  journeyWorkflowId,
} from './shared/definitions';
import type { JourneyInput, JourneyState } from './shared/journey-state';
import type { JourneyPlugin } from './shared/plugin';

/** A launched campaign as the journey client needs it (the config already validated by the plugin's schema). */
export interface RunningCampaign {
  campaignId: string;
  journeyType: string;
  config: unknown;
  /** False for a paused campaign: its running journeys still get events, but no new journey starts. */
  startsJourneys?: boolean;
}

/** delivered: the journey runs (started by this event or already running) and has the event. */
export type EventDelivery = 'delivered' | 'signalled' | 'already-finished' | 'not-running' | 'not-applicable';

const REUSE: Record<JourneyPlugin['cardinality'], WorkflowIdReusePolicy> = {
  'once-per-customer': WorkflowIdReusePolicy.REJECT_DUPLICATE,
  repeatable: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  campaign: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  'per-request': WorkflowIdReusePolicy.REJECT_DUPLICATE,
};

/** Client-side operations on journeys: the API and tests use these; workflows never do. */
export class JourneyClient {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  private startOptions(
    plugin: JourneyPlugin,
    campaign: RunningCampaign,
    customerId: string,
    workflowId: string,
  ) {
    return {
      taskQueue: this.taskQueue,
      workflowId,
      workflowIdReusePolicy: REUSE[plugin.cardinality],
      typedSearchAttributes: [
        { key: CustomerIdAttribute, value: customerId },
        { key: CampaignIdAttribute, value: campaign.campaignId },
        { key: JourneyTypeAttribute, value: plugin.type },
      ],
    };
  }

  /**
   * Delivers one customer event to one campaign's journey for that customer: signal-with-start when the event
   * starts this journey type, a plain signal when it only concerns a running journey.
   */
  async deliver(
    plugin: JourneyPlugin,
    campaign: RunningCampaign,
    event: CustomerEvent,
  ): Promise<EventDelivery> {
    const workflowId = journeyWorkflowId(campaign.campaignId, event.customerId);
    const starts =
      campaign.startsJourneys !== false &&
      plugin.startOn.includes(event.type) &&
      (plugin.startsFor ? plugin.startsFor(event, campaign.config) : true);
    if (starts) {
      const input: JourneyInput<unknown> = {
        campaignId: campaign.campaignId,
        customerId: event.customerId,
        journeyType: plugin.type,
        config: campaign.config,
        trigger: event,
      };
      try {
        await this.client.workflow.signalWithStart(plugin.workflowType, {
          ...this.startOptions(plugin, campaign, event.customerId, workflowId),
          args: [input],
          signal: customerEventSignal,
          signalArgs: [event],
        });
        return 'delivered';
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-finished';
        throw err;
      }
    }
    const listens =
      plugin.signalOn.includes(event.type) ||
      (campaign.startsJourneys === false && plugin.startOn.includes(event.type));
    if (listens) {
      try {
        await this.client.workflow.getHandle(workflowId).signal(customerEventSignal, event);
        return 'signalled';
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return 'not-running';
        throw err;
      }
    }
    return 'not-applicable';
  }

  /** Starts a journey that an operator request begins (compensation) or a campaign-wide one (sweeps). */
  async startJourney(
    plugin: JourneyPlugin,
    campaign: RunningCampaign,
    customerId: string,
    workflowId: string,
    carried?: Record<string, unknown>,
  ): Promise<WorkflowHandle> {
    const input: JourneyInput<unknown> = {
      campaignId: campaign.campaignId,
      customerId,
      journeyType: plugin.type,
      config: campaign.config,
      ...(carried ? { carried } : {}),
    };
    return this.client.workflow.start(plugin.workflowType, {
      ...this.startOptions(plugin, campaign, customerId, workflowId),
      args: [input],
    });
  }

  async cancel(workflowId: string): Promise<void> {
    await this.client.workflow.getHandle(workflowId).cancel();
  }

  async signalApproval(workflowId: string, decision: ApprovalDecision): Promise<void> {
    await this.client.workflow.getHandle(workflowId).signal(approvalSignal, decision);
  }

  async state(workflowId: string): Promise<JourneyState> {
    return this.client.workflow.getHandle(workflowId).query(journeyStateQuery);
  }
}
