import { CUSTOMER_EVENT_TYPES } from '../../../contracts/customer-events';
import { defineJourneyPlugin } from '../../shared/plugin';
import { FlowConfig } from './config';
import { attributeReferences, customEventReferences } from './definition';
import { entryOf, listensTo, matches } from './evaluate';
import type { flowJourney } from './workflow';

export const flowPlugin = defineJourneyPlugin<typeof FlowConfig, typeof flowJourney>({
  type: 'flow',
  title: 'Flow: a journey graph defined as data',
  description:
    'Runs the journey graph in config.definition: an entry event (built-in or custom, with a filter), waits, ' +
    'wait-for-event with a timeout, conditions on the event and the customer, weighted splits with a holdout, ' +
    'credit grants, emails with the campaign’s own copy, support tasks, exits, and journey-wide exit rules.',
  workflowType: 'flowJourney',
  configSchema: FlowConfig,
  // Any event may enter or concern a flow; startsFor/signalsFor narrow it to what the definition names.
  startOn: CUSTOMER_EVENT_TYPES,
  signalOn: CUSTOMER_EVENT_TYPES,
  // A journey between passes (re-entry) waits for its entry event: that one starts or reaches it as a start does.
  // Entries by date, calendar or enrolment start no journey on an event.
  startsFor: (event, config) => {
    const on = entryOf(config.definition).on;
    return on !== undefined && matches(on, event);
  },
  signalsFor: (event, config) => listensTo(config.definition, event),
  occurrenceJourneys: (config) => {
    const entry = entryOf(config.definition);
    return entry.date !== undefined || entry.calendar !== undefined;
  },
  customEventsOf: (config) => customEventReferences(config.definition),
  attributesOf: (config) => attributeReferences(config.definition),
  cardinality: 'once-per-customer',
  // The smallest useful flow: credit for attending a webinar (journey-templates/ holds complete ones).
  exampleConfig: {
    definition: {
      nodes: [
        {
          id: 'attended',
          type: 'entry',
          on: {
            type: 'custom',
            name: 'webinar_attended',
            where: [{ field: 'minutes', op: 'gte', value: 30 }],
          },
          next: 'grant',
        },
        { id: 'grant', type: 'grantCredit', amount: { fixed: 2000 }, validityDays: 30, next: 'done' },
        { id: 'done', type: 'exit', outcome: 'rewarded' },
      ],
    },
  },
});

// What services need of a flow's entry beyond the plugin (they import only config.ts and plugin.ts of a plugin).
export type { CalendarEntry, DateEntry } from './entries';
export { entryOf, hearsEvents } from './evaluate';
export { inlineSegmentFilters, segmentReferences } from './segment-references';
