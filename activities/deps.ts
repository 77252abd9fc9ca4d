import type { Pool } from 'pg';
import type { MailSettings } from '../email/mail-settings';
import type { Ledger } from '../ledger';
import type { PersonalDataProtection } from '../stores/personal-data';

/** What activities need from the outside world; built once by the worker (or a test). */
export interface ActivityDeps {
  pool: Pool;
  ledger: Ledger;
  mail: MailSettings;
  /** Keys of customers' personal data (sealed at rest, matched by keyed hash). */
  pii: PersonalDataProtection;
}
