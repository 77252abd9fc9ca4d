import { defineJourneyPlugin } from '../../shared/plugin';
import { DormancyConfig } from './config';
import type { dormancyJourney } from './workflow';

export const dormancyPlugin = defineJourneyPlugin<typeof DormancyConfig, typeof dormancyJourney>({
  type: 'dormancy',
  title: 'Dormancy reactivation (沉睡客户召回)',
  description:
    'Watches each customer: after N days without activity, emails an offer, then creates a support callback task, ' +
    'then grants a gift credit; any order reactivates and the watch starts over.',
  workflowType: 'dormancyJourney',
  configSchema: DormancyConfig,
  startOn: ['signed_up', 'order_placed', 'active', 'review_submitted'],
  signalOn: [],
  cardinality: 'repeatable',
});
