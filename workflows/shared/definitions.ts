// The one place where journey signals, queries and search attributes are declared; workflows, the API and tests
// import them from here so names can never drift apart.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CustomerEvent } from '../../contracts/customer-events';
import type { JourneyState } from './journey-state';

export const customerEventSignal = defineSignal<[CustomerEvent]>('customerEvent');

export interface ApprovalDecision {
  decision: 'approve' | 'reject';
  by: string;
  note?: string;
}
export const approvalSignal = defineSignal<[ApprovalDecision]>('approvalDecision');

/** A support task a journey waits on was closed by hand (a flow's createTask with waitForClose). */
export interface SupportTaskClosed {
  taskId: number;
  status: 'done' | 'cancelled';
}
export const supportTaskClosedSignal = defineSignal<[SupportTaskClosed]>('supportTaskClosed');

export const journeyStateQuery = defineQuery<JourneyState>('journeyState');

export const CustomerIdAttribute = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const CampaignIdAttribute = defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD);
export const JourneyTypeAttribute = defineSearchAttributeKey('JourneyType', SearchAttributeType.KEYWORD);

export function journeyWorkflowId(campaignId: string, customerId: string): string {
  return `journey/${campaignId}/${customerId}`;
}
