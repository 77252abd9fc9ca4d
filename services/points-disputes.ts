import type { WorkflowHandle } from '@temporalio/client';
import type { JourneyClient, RunningCampaign } from './journey-client';
import { journeyWorkflowId } from '../workflows/shared/definitions';
import { PointsDispute } from '../workflows/journeys/points/config';
import { pointsDisputePlugin } from '../workflows/journeys/points/plugin';

/** The workflow id of one dispute's review: under the customer's points journey id, once per dispute id. */
export function pointsDisputeWorkflowId(campaignId: string, customerId: string, disputeId: string): string {
  return `${journeyWorkflowId(campaignId, customerId)}/dispute/${disputeId}`;
}

/**
 * Opens a points dispute (积分遗漏争议) for a customer under a launched points campaign: starts its review workflow,
 * which creates the support task and waits for the decision (POST /v1/approvals/:taskId signals it).
 */
export async function openPointsDispute(
  journeys: JourneyClient,
  campaign: RunningCampaign,
  customerId: string,
  dispute: PointsDispute,
): Promise<{ workflowId: string; handle: WorkflowHandle }> {
  if (campaign.journeyType !== 'points')
    throw new Error(`campaign ${campaign.campaignId} is not a points campaign`);
  const parsed = PointsDispute.parse(dispute);
  const workflowId = pointsDisputeWorkflowId(campaign.campaignId, customerId, parsed.disputeId);
  const handle = await journeys.startJourney(pointsDisputePlugin, campaign, customerId, workflowId, {
    dispute: parsed,
  });
  return { workflowId, handle };
}
