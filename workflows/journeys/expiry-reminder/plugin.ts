import { defineJourneyPlugin } from '../../shared/plugin';
import { ExpiryReminderConfig } from './config';
import type { expiryReminderJourney } from './workflow';

export const expiryReminderPlugin = defineJourneyPlugin<
  typeof ExpiryReminderConfig,
  typeof expiryReminderJourney
>({
  type: 'expiry-reminder',
  title: 'Expiry reminders and expiry sweep (过期提醒)',
  description:
    'One run per campaign: reminds each customer N days before each of their lots expires and moves expired lots ' +
    'to breakage.',
  workflowType: 'expiryReminderJourney',
  configSchema: ExpiryReminderConfig,
  startOn: [],
  signalOn: [],
  cardinality: 'campaign',
});
