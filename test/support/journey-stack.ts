import { randomBytes } from 'node:crypto';
import { EventCatalog } from '../../services/event-catalog';
import { EventRouter } from '../../services/event-router';
import { EventTypeStore } from '../../stores/event-types';
import { JourneyClient, type RunningCampaign } from '../../services/journey-client';
import { findJourneyPlugin } from '../../workflows/journeys/registry';
import { CustomerEventSchema, type CustomerEventInput } from '../../contracts/customer-events';
import type { JourneyState } from '../../workflows/shared/journey-state';
import { eventually } from './eventually';
import { startTestStack, type TestStack, type TestStackOptions } from './stack';
import { testPersonalData } from './personal-data';

export { SUPPORT_INBOX } from './stack';

/** The test stack as journey tests drive it: campaigns launched in memory, storefront events routed to journeys. */
export interface JourneyStack extends TestStack {
  journeys: JourneyClient;
  router: EventRouter;
  campaigns: RunningCampaign[];
  /**
   * Creates a launched campaign of a plugin with a funded budget; the config goes through the plugin's schema.
   * By default the new campaign replaces the stack's earlier ones as the target of emitted events, so tests in one
   * file do not start journeys in each other's campaigns; `alongside: true` keeps the earlier ones launched.
   */
  launch(
    journeyType: string,
    config?: unknown,
    budget?: number,
    alongside?: boolean,
  ): Promise<RunningCampaign>;
  /** Sends a storefront event through the same path as POST /v1/events (parsed by the API's schema). */
  emit(event: CustomerEventInput): ReturnType<EventRouter['route']>;
  /**
   * Polls a journey's state query (real time, no time skipped) until `accept` holds; returns that state. Throws,
   * naming `description` and the last state seen, when it does not within 15 s.
   */
  awaitState(
    workflowId: string,
    accept: (state: JourneyState) => boolean,
    description: string,
  ): Promise<JourneyState>;
}

export function uniqueId(tag: string): string {
  return `${tag}-${randomBytes(4).toString('hex')}`;
}

export async function startJourneyStack(options: TestStackOptions = {}): Promise<JourneyStack> {
  const stack = await startTestStack(options);
  const campaigns: RunningCampaign[] = [];
  const journeys = new JourneyClient(stack.temporal, stack.taskQueue);
  const router = new EventRouter(
    stack.db.pool,
    testPersonalData,
    stack.ledger,
    journeys,
    async () => campaigns,
    new EventCatalog(new EventTypeStore(stack.db.pool)),
  );
  return {
    ...stack,
    journeys,
    router,
    campaigns,
    async launch(journeyType, config = {}, budget = 10_000_000, alongside = false) {
      const plugin = findJourneyPlugin(journeyType);
      if (!plugin) throw new Error(`no plugin ${journeyType}`);
      const campaign = {
        campaignId: uniqueId(journeyType),
        journeyType,
        config: plugin.configSchema.parse(config),
      };
      await stack.ledger.openCampaignBudget({
        idempotencyKey: `budget/${campaign.campaignId}`,
        campaignId: campaign.campaignId,
        amount: budget,
        asOf: new Date().toISOString(),
      });
      if (!alongside) campaigns.length = 0;
      campaigns.push(campaign);
      return campaign;
    },
    // Events happen "now" on the test server's clock, which earlier test files may have skipped years ahead of the
    // wall clock: profile facts (last order, rolling spend) must be on the same clock as the journeys reading them.
    emit: async (event) =>
      router.route(CustomerEventSchema.parse({ occurredAt: await stack.now(), ...event })),
    awaitState: (workflowId, accept, description) =>
      eventually(() => journeys.state(workflowId), {
        // `pending` (first step not run yet) has no details to judge: wait for the journey's own state.
        until: (state) => state.status !== 'pending' && accept(state),
        description: `journey ${workflowId}: ${description}`,
      }),
  };
}
