import type { z } from 'zod';
import type { CustomerEvent, CustomerEventType } from '../../contracts/customer-events';
import type { JourneyStart } from './journey-input';

/**
 * The type every journey workflow function has: a start payload, for continue-as-new journeys a versioned carry, and
 * the outcome as text. (`never` parameters make it the supertype of them all.)
 */
export type JourneyWorkflow = (start: never, carry?: never) => Promise<string>;

/** The start payload a journey workflow function takes. */
export type StartOf<W> = W extends (start: infer S, ...rest: never[]) => Promise<string> ? S : never;

/**
 * The signature every journey that starts on a customer event has: the client's event start is the bare start
 * payload, with the campaign's config (parsed by the plugin's schema when the campaign was created) and the event.
 */
export type EventStartedJourney<TConfig = unknown> = (start: JourneyStart<TConfig>) => Promise<string>;

/**
 * A journey plugin: everything perkflow needs to run one kind of customer journey from configuration alone.
 * Lives in workflows/journeys/<type>/ next to its workflow and tests; registered with one line in registry.ts.
 * `TWorkflow` is the type of its workflow function (`import type` from the plugin's workflow.ts: the API never loads
 * workflow code), which types the journey client's starts of this plugin.
 */
export interface JourneyPlugin<
  TSchema extends z.ZodType = z.ZodType,
  TWorkflow extends JourneyWorkflow = JourneyWorkflow,
> {
  /** Campaigns name it as `journeyType`. */
  type: string;
  title: string;
  description: string;
  /** Name of the workflow function exported from workflows/index.ts. */
  workflowType: string;
  /** Type only, never set: carries `TWorkflow` so the journey client infers it from the plugin it is given. */
  readonly workflow?: TWorkflow;
  /** Validates (and fills defaults of) a campaign's config. */
  configSchema: TSchema;
  /**
   * A complete config for demos and the tests that create a campaign of every type, where `{}` is not one (a flow
   * needs its definition). Absent: `{}` is complete (every field has its default).
   */
  exampleConfig?: z.input<TSchema>;
  /** Customer events that start the journey for that customer (signal-with-start). */
  startOn: readonly CustomerEventType[];
  /** Customer events forwarded to a running journey (never starting one). */
  signalOn: readonly CustomerEventType[];
  /** Extra condition on a starting event (e.g. referral sign-ups only). */
  startsFor?: (event: CustomerEvent, config: z.infer<TSchema>) => boolean;
  /**
   * Extra condition on an event of `signalOn` (or one of `startOn` that does not start): whether a running journey of
   * a campaign with this config needs it. Without it every such event is signalled.
   */
  signalsFor?: (event: CustomerEvent, config: z.infer<TSchema>) => boolean;
  /**
   * Whether a campaign with this config runs one journey per occurrence (a flow's date or calendar entry: workflow ids
   * `<journey id>/<date>`): its events reach the customer's open occurrence journey, looked up per event
   * (stores/open-occurrences.ts), instead of the usual journey id. Only asked of campaigns `signalsFor` says listen.
   */
  occurrenceJourneys?: (config: z.infer<TSchema>) => boolean;
  /**
   * Custom event types a campaign with this config listens for, each with where it is named (a path under the config)
   * and a message naming it: campaign create refuses (422) names the event catalog does not declare.
   */
  customEventsOf?: (
    config: z.infer<TSchema>,
  ) => { name: string; path: (string | number)[]; message: string }[];
  /**
   * Profile attributes a campaign with this config writes (a flow's setAttribute nodes), each with the value or tag
   * and where it is named: campaign create refuses (422 naming the node) attributes the catalog does not declare and
   * values not of the attribute's type.
   */
  attributesOf?: (config: z.infer<TSchema>) => {
    attribute: string;
    write: { value: unknown } | { addTag: string };
    path: (string | number)[];
    nodeId: string;
  }[];
  /**
   * once-per-customer: a finished journey is never started again for the same customer and campaign.
   * repeatable: a new run may start once the previous one finished.
   * campaign: one run per campaign (started at launch), not per customer.
   * per-request: started by an operator request (e.g. compensation), one run per request.
   */
  cardinality: 'once-per-customer' | 'repeatable' | 'campaign' | 'per-request';
}

/**
 * A workflow that needs more than an event start brings (a compensation request, a points dispute) or takes another
 * config than the plugin's schema produces cannot be started by events: such a plugin must declare `startOn: []`.
 */
type StartableByEvents<TSchema extends z.ZodType, TWorkflow> =
  TWorkflow extends EventStartedJourney<z.infer<TSchema>> ? unknown : { startOn: readonly [] };

/**
 * Declares a plugin with its schema and workflow function types:
 * `defineJourneyPlugin<typeof XConfig, typeof xJourney>({ … })`.
 */
export function defineJourneyPlugin<TSchema extends z.ZodType, TWorkflow extends JourneyWorkflow>(
  plugin: JourneyPlugin<TSchema, TWorkflow> & StartableByEvents<TSchema, TWorkflow>,
): JourneyPlugin<TSchema, TWorkflow> {
  return plugin;
}
