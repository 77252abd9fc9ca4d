import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { CustomerEvent } from '../contracts/customer-events';
import {
  approvalSignal,
  supportTaskClosedSignal,
  type SupportTaskClosed,
  type ApprovalDecision,
  CampaignIdAttribute,
  CustomerIdAttribute,
  customerEventSignal,
  JourneyTypeAttribute,
  journeyStateQuery,
  journeyWorkflowId,
} from '../workflows/shared/definitions';
import type { JourneyStart } from '../workflows/shared/journey-input';
import { CURRENT_PATCH_RELEASE } from '../workflows/shared/patch-releases';
import type { JourneyState } from '../workflows/shared/journey-state';
import { firstStepOf } from './journey-lag';
import type {
  EventStartedJourney,
  JourneyPlugin,
  JourneyWorkflow,
  StartOf,
} from '../workflows/shared/plugin';

/** gRPC UNIMPLEMENTED (12), possibly wrapped by the SDK's ServiceError: the server has no such call (listing). */
function isUnimplemented(err: unknown): boolean {
  const e = err as { code?: number; cause?: { code?: number } };
  return e.code === 12 || e.cause?.code === 12;
}

/** Server statuses of a run that ended without its journey reaching an end of its own. */
const ENDED_UNFINISHED: ReadonlySet<string> = new Set(['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED']);

/** A launched campaign as the journey client needs it (the config already validated by the plugin's schema). */
export interface RunningCampaign {
  campaignId: string;
  journeyType: string;
  config: unknown;
  /** False for a paused campaign: its running journeys still get events, but no new journey starts. */
  startsJourneys?: boolean;
  /** A/B variants: each customer's journey starts with its variant's effective config instead of `config`. */
  variants?: readonly CampaignVariantPlan[];
  /** Its exclusivity group and priority in it (absent: none). */
  exclusivity?: { group: string; priority: number };
  /** Its audience: only members of this segment start journeys (absent: everyone). */
  audience?: string;
  /** Its audience was enrolled at launch (`enrolExisting`): those journeys have the customer's usual id. */
  enrolsAtLaunch?: boolean;
}

/** One A/B variant as journeys need it: `effectiveConfig` is the campaign config merged with the variant's override. */
export interface CampaignVariantPlan {
  name: string;
  weight: number;
  effectiveConfig: unknown;
}

/** Where the variant a customer got is recorded (idempotently), so KPIs can group by it. */
export interface VariantAssignments {
  recordAssignment(a: { campaignId: string; customerId: string; variant: string }): Promise<void>;
}

/**
 * Deterministic A/B assignment: the first 8 bytes of SHA-256("<campaignId>:<customerId>") as an unsigned integer,
 * modulo the total weight, pick the variant whose cumulative weight range holds it. The same customer always gets the
 * same variant of a campaign (on every delivery, every API process), independently across campaigns.
 */
export function assignVariant<V extends { name: string; weight: number }>(
  campaignId: string,
  customerId: string,
  variants: readonly V[],
): V {
  if (variants.length === 0) throw new Error('assignVariant needs at least one variant');
  const total = variants.reduce((s, v) => s + v.weight, 0);
  const digest = createHash('sha256').update(`${campaignId}:${customerId}`, 'utf8').digest();
  let point = digest.readBigUInt64BE(0) % BigInt(total);
  for (const v of variants) {
    if (point < BigInt(v.weight)) return v;
    point -= BigInt(v.weight);
  }
  return variants[variants.length - 1]!;
}

/** delivered: the journey runs (started by this event or already running) and has the event. */
export type EventDelivery = 'delivered' | 'signalled' | 'already-finished' | 'not-running' | 'not-applicable';

/**
 * What an operator's start of a plugin adds to the start payload the client builds from the campaign: the
 * compensation request, the points dispute; nothing for a campaign's sweep. Typed by the plugin's workflow function,
 * so a start that lacks what its workflow needs does not compile. A plugin whose workflow type is unknown (taken from
 * the registry by name) can only be started with the bare payload.
 */
export type StartRequest<W extends JourneyWorkflow> = [StartOf<W>] extends [never]
  ? []
  : [Exclude<keyof StartOf<W>, keyof JourneyStart<unknown>>] extends [never]
    ? []
    : [request: Omit<StartOf<W>, keyof JourneyStart<unknown>>];

/**
 * What one event means for one campaign's journey, decided without asking Temporal: start it (signal-with-start, with
 * the customer's A/B variant), signal a running one, or nothing at all (the journey type neither starts on nor listens
 * to the event, or its start condition refuses it and it does not listen either).
 */
export type DeliveryPlan =
  | {
      action: 'start';
      plugin: JourneyPlugin;
      campaign: RunningCampaign;
      variant: CampaignVariantPlan | undefined;
    }
  | {
      action: 'signal';
      plugin: JourneyPlugin;
      campaign: RunningCampaign;
      /** The journey to signal when it is not the customer's usual one (an open occurrence's, see occurrenceJourneys). */
      workflowId?: string;
    }
  | { action: 'skip'; plugin: JourneyPlugin; campaign: RunningCampaign };

export function planDelivery(
  plugin: JourneyPlugin,
  campaign: RunningCampaign,
  event: CustomerEvent,
): DeliveryPlan {
  const starts =
    campaign.startsJourneys !== false &&
    plugin.startOn.includes(event.type) &&
    (plugin.startsFor ? plugin.startsFor(event, campaign.config) : true);
  if (starts) {
    const variant = campaign.variants?.length
      ? assignVariant(campaign.campaignId, event.customerId, campaign.variants)
      : undefined;
    return { action: 'start', plugin, campaign, variant };
  }
  // A paused campaign starts nothing, but its running journeys still hear the events that would have started them.
  const listens =
    (plugin.signalOn.includes(event.type) ||
      (campaign.startsJourneys === false && plugin.startOn.includes(event.type))) &&
    (plugin.signalsFor ? plugin.signalsFor(event, campaign.config) : true);
  return { action: listens ? 'signal' : 'skip', plugin, campaign };
}

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
    private readonly assignments?: VariantAssignments,
    /** Deadline of a journey state query (a worker too far behind to answer it in time gives a 503). */
    private readonly queryDeadlineMs = 10_000,
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
  deliver(plugin: JourneyPlugin, campaign: RunningCampaign, event: CustomerEvent): Promise<EventDelivery> {
    return this.perform(planDelivery(plugin, campaign, event), event);
  }

  /** Carries out a delivery planned by `planDelivery` (the router plans every campaign of an event first). */
  async perform(plan: DeliveryPlan, event: CustomerEvent): Promise<EventDelivery> {
    if (plan.action === 'skip') return 'not-applicable';
    const { plugin, campaign } = plan;
    const workflowId =
      (plan.action === 'signal' ? plan.workflowId : undefined) ??
      journeyWorkflowId(campaign.campaignId, event.customerId);
    if (plan.action === 'start') {
      const { variant } = plan;
      // Recorded before the start, so a journey never runs without its assignment on file (a failed start leaves a
      // harmless row: the assignment is the same on the retry).
      if (variant) {
        await this.assignments?.recordAssignment({
          campaignId: campaign.campaignId,
          customerId: event.customerId,
          variant: variant.name,
        });
      }
      const start: JourneyStart<unknown> = {
        campaignId: campaign.campaignId,
        customerId: event.customerId,
        journeyType: plugin.type,
        config: variant ? variant.effectiveConfig : campaign.config,
        ...(variant ? { variant: variant.name } : {}),
        trigger: event,
        patchRelease: CURRENT_PATCH_RELEASE,
      };
      try {
        // Every plugin that starts on events takes exactly this start (defineJourneyPlugin refuses one whose workflow
        // needs more, or another config than its schema's, unless it declares `startOn: []`).
        await this.client.workflow.signalWithStart<EventStartedJourney, [CustomerEvent]>(
          plugin.workflowType,
          {
            ...this.startOptions(plugin, campaign, event.customerId, workflowId),
            args: [start],
            signal: customerEventSignal,
            signalArgs: [event],
          },
        );
        return 'delivered';
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-finished';
        throw err;
      }
    }
    try {
      await this.client.workflow.getHandle(workflowId).signal(customerEventSignal, event);
      return 'signalled';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'not-running';
      throw err;
    }
  }

  /**
   * Starts a customer's journey for an enrolment run (no event): with the customer's A/B variant like an event-started
   * one, under `workflowId` (the journey's normal id for the launch audience, so a journey an event started is the
   * same journey; an occurrence's own id for a date/calendar entry). 'already' when that journey exists (running, or
   * closed and not to be repeated): a retried page starts nobody twice.
   */
  async enrol(
    plugin: JourneyPlugin,
    campaign: RunningCampaign,
    customerId: string,
    workflowId: string,
    enrolment: NonNullable<JourneyStart<unknown>['enrolment']>,
  ): Promise<'enrolled' | 'already'> {
    const variant = campaign.variants?.length
      ? assignVariant(campaign.campaignId, customerId, campaign.variants)
      : undefined;
    if (variant) {
      await this.assignments?.recordAssignment({
        campaignId: campaign.campaignId,
        customerId,
        variant: variant.name,
      });
    }
    const start: JourneyStart<unknown> = {
      campaignId: campaign.campaignId,
      customerId,
      journeyType: plugin.type,
      config: variant ? variant.effectiveConfig : campaign.config,
      ...(variant ? { variant: variant.name } : {}),
      enrolment,
      patchRelease: CURRENT_PATCH_RELEASE,
    };
    try {
      await this.client.workflow.start(plugin.workflowType, {
        ...this.startOptions(plugin, campaign, customerId, workflowId),
        // Once per id whatever the plugin's cardinality: an occurrence enrols a customer once.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [start],
      });
      return 'enrolled';
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already';
      throw err;
    }
  }

  /**
   * Starts a journey that an operator request begins (compensation, points disputes) or a campaign-wide one (sweeps),
   * typed by the plugin's workflow function: `request` is what that workflow's start needs beyond the campaign's.
   */
  async startJourney<W extends JourneyWorkflow>(
    plugin: JourneyPlugin<z.ZodType, W>,
    campaign: RunningCampaign,
    customerId: string,
    workflowId: string,
    ...request: StartRequest<W>
  ): Promise<WorkflowHandle<(start: StartOf<W>) => Promise<string>>> {
    // The campaign's config was parsed by this plugin's schema when the campaign was created: it is the workflow's.
    const start = {
      campaignId: campaign.campaignId,
      customerId,
      journeyType: plugin.type,
      config: campaign.config,
      patchRelease: CURRENT_PATCH_RELEASE,
      ...request[0],
    } as StartOf<W>;
    return this.client.workflow.start<(start: StartOf<W>) => Promise<string>>(plugin.workflowType, {
      ...this.startOptions(plugin, campaign, customerId, workflowId),
      args: [start],
    });
  }

  /**
   * Cancels every running journey of a campaign (found through the CampaignId search attribute). Returns how many,
   * or null where the server cannot list workflows (the time-skipping test server).
   */
  async cancelCampaignJourneys(campaignId: string): Promise<number | null> {
    if (!/^[A-Za-z0-9._:-]+$/.test(campaignId)) throw new Error(`unsafe campaign id ${campaignId}`);
    let cancelled = 0;
    try {
      for await (const wf of this.client.workflow.list({
        query: `CampaignId = '${campaignId}' AND ExecutionStatus = 'Running'`,
      })) {
        await this.client.workflow
          .getHandle(wf.workflowId)
          .cancel()
          .catch(() => undefined);
        cancelled++;
      }
    } catch (err) {
      if (isUnimplemented(err)) return null;
      throw err;
    }
    return cancelled;
  }

  /**
   * The workflow ids of a customer's journeys (found through the CustomerId search attribute, newest first, running or
   * closed), at most `limit`; null where the server cannot list workflows (the time-skipping test server).
   */
  async customerJourneyIds(customerId: string, limit: number): Promise<string[] | null> {
    if (!/^[A-Za-z0-9._:-]+$/.test(customerId)) throw new Error(`unsafe customer id ${customerId}`);
    const ids: string[] = [];
    try {
      for await (const wf of this.client.workflow.list({ query: `CustomerId = '${customerId}'` })) {
        // A journey that continued as new lists once per run; the id is what its state is read by.
        if (!ids.includes(wf.workflowId)) ids.push(wf.workflowId);
        if (ids.length >= limit) break;
      }
    } catch (err) {
      if (isUnimplemented(err)) return null;
      throw err;
    }
    return ids;
  }

  /**
   * Cancels every running journey of a customer: those the CustomerId search attribute finds, and `known` (workflow
   * ids our own records name: the time-skipping test server cannot list, and a journey not yet visible to the
   * server's search index is still in them). Ids of another customer's journeys are ignored; a journey already closed
   * is left alone. Returns the ids it cancelled.
   */
  async cancelCustomerJourneys(customerId: string, known: readonly string[]): Promise<string[]> {
    if (!/^[A-Za-z0-9._:-]+$/.test(customerId)) throw new Error(`unsafe customer id ${customerId}`);
    const candidates = new Set(known.filter((id) => id.split('/')[2] === customerId));
    try {
      for await (const wf of this.client.workflow.list({
        query: `${CustomerIdAttribute.name} = '${customerId}' AND ExecutionStatus = 'Running'`,
      })) {
        candidates.add(wf.workflowId);
      }
    } catch (err) {
      const e = err as { code?: number; cause?: { code?: number } };
      // 12 = gRPC UNIMPLEMENTED (possibly wrapped by the SDK's ServiceError): no listing, `known` is all there is.
      if (e.code !== 12 && e.cause?.code !== 12) throw err;
    }
    const cancelled: string[] = [];
    for (const workflowId of candidates) {
      const handle = this.client.workflow.getHandle(workflowId);
      try {
        const { status } = await handle.describe();
        if (status.name !== 'RUNNING') continue;
        await handle.cancel();
        cancelled.push(workflowId);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) continue; // never started, or closed and gone
        throw err;
      }
    }
    return cancelled;
  }

  async cancel(workflowId: string): Promise<void> {
    await this.client.workflow.getHandle(workflowId).cancel();
  }

  /** Tells a journey waiting on a support task that it was closed; false when no such journey runs any more. */
  async signalTaskClosed(workflowId: string, closed: SupportTaskClosed): Promise<boolean> {
    try {
      await this.client.workflow.getHandle(workflowId).signal(supportTaskClosedSignal, closed);
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  async signalApproval(workflowId: string, decision: ApprovalDecision): Promise<void> {
    await this.client.workflow.getHandle(workflowId).signal(approvalSignal, decision);
  }

  /**
   * A journey's state from its journeyState query. A journey whose first step has not run yet (the worker is behind)
   * answers `pending` from its history instead: a query would wait for a worker (30 s, then fail). The query itself
   * gets `queryDeadlineMs`: a worker too busy to answer is an unavailable dependency (503), not a hang. A run that
   * ended without the runtime's failure path (terminated by an operator, timed out, or failed before that path
   * existed) answers with the state it died in, e.g. `running` / `quota-reserved`; the workflow's own status on the
   * server then overrules it, so a dead journey never reads as alive; one cancelled from outside (its campaign ended,
   * its customer erased) reads as `cancelled`.
   */
  async state(workflowId: string): Promise<JourneyState> {
    const first = await firstStepOf(this.client, workflowId);
    if (!first) throw new WorkflowNotFoundError(`No journey ${workflowId}`, workflowId, undefined);
    if (first.ranAfterMs === null) {
      return {
        journeyType: first.attributes[JourneyTypeAttribute.name] ?? '',
        campaignId: first.attributes[CampaignIdAttribute.name] ?? '',
        customerId: first.attributes[CustomerIdAttribute.name] ?? '',
        status: 'pending',
        step: 'pending',
        history: [],
        details: {},
      };
    }
    const handle = this.client.workflow.getHandle(workflowId);
    const state = await this.client.withDeadline(Date.now() + this.queryDeadlineMs, () =>
      handle.query(journeyStateQuery),
    );
    if (state.status !== 'running' && state.status !== 'waiting') return state;
    const { status } = await handle.describe();
    if (status.name === 'CANCELLED' && state.status === 'waiting') {
      // Cancelled from outside (its campaign ended, its customer erased) while it waited: ended, not failed. One
      // cancelled in the middle of a step may hold what that step reserved: it reads as failed below, with the step.
      const cancelled: JourneyState = { ...state, status: 'cancelled', outcome: 'cancelled' };
      delete cancelled.nextWakeAt;
      return cancelled;
    }
    if (!ENDED_UNFINISHED.has(status.name)) return state;
    const ended: JourneyState = {
      ...state,
      status: 'failed',
      outcome: 'failed',
      failure: { afterStep: state.step, reason: `workflow-${status.name.toLowerCase()}`, released: [] },
    };
    delete ended.nextWakeAt;
    return ended;
  }
}
