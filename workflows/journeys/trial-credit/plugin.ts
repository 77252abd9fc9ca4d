import { defineJourneyPlugin } from '../../shared/plugin';
import { TrialCreditConfig } from './config';
import type { trialCreditJourney } from './workflow';

export const trialCreditPlugin = defineJourneyPlugin<typeof TrialCreditConfig, typeof trialCreditJourney>({
  type: 'trial-credit',
  title: 'Trial credit on sign-up (体验金)',
  description:
    'Grants a new lead trial credit on sign-up, emails it, reminds before it expires if unused, and ends on the ' +
    'first order (conversion) or expiry.',
  workflowType: 'trialCreditJourney',
  configSchema: TrialCreditConfig,
  startOn: ['signed_up'],
  signalOn: ['order_placed'],
  cardinality: 'once-per-customer',
});
