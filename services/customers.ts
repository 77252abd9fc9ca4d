import { WorkflowNotFoundError } from '@temporalio/client';
import type { Pool } from 'pg';
import type { PersonalDataProtection } from '../stores/personal-data';
import type { CampaignStore } from '../stores/campaigns';
import type { Attributes } from '../contracts/customer-attributes';
import { customerAttributes } from '../stores/customer-attributes';
import { customerFacts, type CustomerFacts } from '../stores/customer-facts';
import { findCustomersByContact, getCustomerProfile, type CustomerProfile } from '../stores/customers';
import { journaledJourneysOfCustomer } from '../stores/journey-events';
import { journeyWorkflowId } from '../workflows/shared/definitions';
import type { JourneyState } from '../workflows/shared/journey-state';
import { ServiceError } from './errors';
import type { JourneyClient } from './journey-client';
import { attributeEquals, type TemporalUiLinks } from './temporal-ui';

/** Journeys listed for one customer at most (newest first). */
const JOURNEYS_LIMIT = 50;
/** Journey state reads in flight at once for one customer (each a query round trip to a worker). */
const READ_CONCURRENCY = 6;
/** Customers a contact search lists at most (several accounts may share an address: the multi-account case). */
export const CONTACT_SEARCH_LIMIT = 20;

/**
 * What support and growth see of a customer: the stored profile, its typed attributes, and the facts computed from
 * orders, the ledger, tiers and referrals (the same definitions segments filter on).
 */
export interface CustomerOverview {
  profile: Omit<CustomerProfile, 'deviceId' | 'paymentFingerprint'>;
  attributes: Attributes;
  facts: CustomerFacts & {
    /** Whole days since the last activity (null: none yet), counted at `asOf`. */
    daysSinceLastActive: number | null;
    /** No order yet (what the trial-credit journey calls a lead). */
    lead: boolean;
  };
  asOf: string;
}

export interface CustomerJourneys {
  customerId: string;
  /** visibility: listed by the CustomerId search attribute; derived: each campaign's journey id and the journal. */
  source: 'visibility' | 'derived';
  /** The Temporal Web UI filtered by this customer (null when no UI address is configured). */
  temporalUiUrl: string | null;
  items: (JourneyState & { workflowId: string; temporalUiUrl: string | null })[];
}

const wholeDaysSince = (at: string | null, asOf: string): number | null =>
  at === null ? null : Math.max(0, Math.floor((Date.parse(asOf) - Date.parse(at)) / 86_400_000));

/** The customer 360 behind support's console screen: profile and journeys (the wallet comes from the ledger). */
export class CustomerService {
  constructor(
    private readonly pool: Pool,
    private readonly pii: PersonalDataProtection,
    private readonly campaigns: CampaignStore,
    private readonly journeys: JourneyClient,
    private readonly temporalUi: TemporalUiLinks | null,
  ) {}

  /**
   * The stored profile through the customers store (which owns how contact data is kept), without the fraud
   * fingerprints support has no use for, with its attributes and facts at `asOf`. Unknown customer: not-found.
   */
  async overview(customerId: string, asOf: string = new Date().toISOString()): Promise<CustomerOverview> {
    const [stored, attributes, facts] = await Promise.all([
      getCustomerProfile(this.pool, this.pii, customerId),
      customerAttributes(this.pool, customerId),
      customerFacts(this.pool, customerId, asOf),
    ]);
    if (!stored || !facts)
      throw new ServiceError('not-found', 'CUSTOMER_NOT_FOUND', `No customer ${customerId}.`);
    const { deviceId: _device, paymentFingerprint: _payment, ...profile } = stored;
    return {
      profile,
      attributes: attributes ?? {},
      facts: {
        ...facts,
        daysSinceLastActive: wholeDaysSince(profile.lastActiveAt, asOf),
        lead: profile.orderCount === 0,
      },
      asOf,
    };
  }

  /**
   * Customers by email and/or phone (exact, email case-insensitive, phone ignoring spaces and dashes), matched on the
   * keyed hashes: the address is hashed and compared, never logged or stored. Empty when nobody has it.
   */
  async findByContact(contact: {
    email?: string;
    phone?: string;
  }): Promise<{ customerId: string; signedUpAt: string | null }[]> {
    return findCustomersByContact(this.pool, this.pii, contact, CONTACT_SEARCH_LIMIT);
  }

  /**
   * Every journey of the customer with its current step and next wake. Listed by the CustomerId search attribute;
   * where the server cannot list (the time-skipping test server), the journey id of every campaign that ever ran plus
   * those in the journal (compensation requests carry a request id in theirs), each read if it exists.
   */
  async journeysOf(customerId: string): Promise<CustomerJourneys> {
    const listed = await this.journeys.customerJourneyIds(customerId, JOURNEYS_LIMIT);
    const ids = listed ?? (await this.derivedJourneyIds(customerId));
    const states = await mapLimited(ids, READ_CONCURRENCY, async (workflowId) => {
      try {
        return { workflowId, ...(await this.journeys.state(workflowId)) };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return null;
        throw err;
      }
    });
    const ui = this.temporalUi;
    return {
      customerId,
      source: listed ? 'visibility' : 'derived',
      temporalUiUrl: ui ? ui.workflows(attributeEquals('CustomerId', customerId)) : null,
      items: states
        .filter((s) => s !== null)
        .map((s) => ({ ...s, temporalUiUrl: ui ? ui.workflow(s.workflowId) : null })),
    };
  }

  private async derivedJourneyIds(customerId: string): Promise<string[]> {
    const [campaigns, journaled] = await Promise.all([
      this.campaigns.list(),
      journaledJourneysOfCustomer(this.pool, customerId, JOURNEYS_LIMIT),
    ]);
    const ids = new Set(journaled);
    for (const c of campaigns) {
      if (c.status !== 'draft') ids.add(journeyWorkflowId(c.campaignId, customerId));
    }
    return [...ids].slice(0, JOURNEYS_LIMIT);
  }
}

/** `fn` over `items` with at most `limit` calls in flight, results in the items' order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
