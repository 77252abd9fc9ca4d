import type { z } from 'zod';
import type { CustomerEvent, CustomerEventType } from '../../contracts/customer-events';

/**
 * A journey plugin: everything perkflow needs to run one kind of customer journey from configuration alone.
 * Lives in workflows/journeys/<type>/ next to its workflow and tests; registered with one line in registry.ts.
 */
export interface JourneyPlugin<TSchema extends z.ZodType = z.ZodType> {
  /** Campaigns name it as `journeyType`. */
  type: string;
  title: string;
  description: string;
  /** Name of the workflow function exported from workflows/index.ts. */
  workflowType: string;
  /** Validates (and fills defaults of) a campaign's config. */
  configSchema: TSchema;
  /** Customer events that start the journey for that customer (signal-with-start). */
  startOn: readonly CustomerEventType[];
  /** Customer events forwarded to a running journey (never starting one). */
  signalOn: readonly CustomerEventType[];
  /** Extra condition on a starting event (e.g. referral sign-ups only). */
  startsFor?: (event: CustomerEvent, config: z.infer<TSchema>) => boolean;
  /**
   * once-per-customer: a finished journey is never started again for the same customer and campaign.
   * repeatable: a new run may start once the previous one finished.
   * campaign: one run per campaign (started at launch), not per customer.
   * per-request: started by an operator request (e.g. compensation), one run per request.
   */
  cardinality: 'once-per-customer' | 'repeatable' | 'campaign' | 'per-request';
}

export function defineJourneyPlugin<TSchema extends z.ZodType>(
  plugin: JourneyPlugin<TSchema>,
): JourneyPlugin<TSchema> {
  return plugin;
}
