import type { Pool } from 'pg';
import type { Ledger } from '../ledger';
import type { PersonalDataProtection } from '../stores/personal-data';
import { resealPersonalData, type ResealOutcome } from '../stores/personal-data-reseal';
import type { JourneyClient } from './journey-client';

/** What perkflow does for a customer as a data subject, and the upkeep of their personal data's encryption. */
export class CustomerDataService {
  constructor(
    private readonly pool: Pool,
    private readonly pii: PersonalDataProtection,
    private readonly ledger: Ledger,
    private readonly journeys: JourneyClient,
  ) {}

  /** Reseals what is not under the current key (see stores/personal-data-reseal.ts). */
  resealPersonalData(options: { everything?: boolean } = {}): Promise<ResealOutcome> {
    return resealPersonalData(this.pool, this.pii, options);
  }
}
