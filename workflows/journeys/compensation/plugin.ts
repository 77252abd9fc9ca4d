import { defineJourneyPlugin } from '../../shared/plugin';
import { CompensationConfig } from './config';
import type { compensationJourney } from './workflow';

export const compensationPlugin = defineJourneyPlugin<typeof CompensationConfig, typeof compensationJourney>({
  type: 'compensation',
  title: 'Compensation credit from support (客情维护金)',
  description:
    'Support grants credit with a reason within per-agent daily and monthly quotas; above a threshold a manager ' +
    'approves or rejects within 24 h; the customer is emailed.',
  workflowType: 'compensationJourney',
  configSchema: CompensationConfig,
  startOn: [],
  signalOn: [],
  cardinality: 'per-request',
});
