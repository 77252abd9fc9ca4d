import type { Pool } from 'pg';
import type { Ledger } from '../ledger';
import type { PointsBalance } from '../ledger/points';
import type { StatementEntry } from '../ledger/views/statement';
import type { Wallet } from '../ledger/views/wallet';
import type { Attributes } from '../contracts/customer-attributes';
import { customerAttributes } from '../stores/customer-attributes';
import { eraseCustomerPersonalData, journalledWorkflowIds } from '../stores/customer-erasure';
import { customerRecords } from '../stores/customer-export';
import { getCustomerProfile, type CustomerProfile } from '../stores/customers';
import type { MemberTierRow } from '../stores/loyalty-tiers';
import type { PersonalDataProtection } from '../stores/personal-data';
import { customerFulfilments, type Fulfilment } from '../stores/reward-fulfilments';
import { resealPersonalData, type ResealOutcome } from '../stores/personal-data-reseal';
import { ServiceError } from './errors';
import type { JourneyClient } from './journey-client';
import type { LoyaltyService } from './loyalty';

export interface CustomerErasure {
  customerId: string;
  erasedAt: string;
  /** Running journeys of the customer this request stopped (none when an earlier request had stopped them). */
  journeysStopped: string[];
}

/** Everything perkflow holds about a customer, for the customer (data-subject access / portability). */
export type CustomerExport = {
  customerId: string;
  exportedAt: string;
  profile: CustomerProfile;
  /** The profile's typed attributes (birthday, region, tags, custom ones). */
  attributes: Attributes;
  wallet: Wallet;
  /** Every statement entry, newest first. */
  statement: StatementEntry[];
  points: PointsBalance;
  tiers: MemberTierRow[];
  /** Rewards redeemed for points and how they reach the customer (delivery addresses opened), newest first. */
  fulfilments: Fulfilment[];
} & Awaited<ReturnType<typeof customerRecords>>;

/** Fulfilments an export lists at most (a customer redeems a handful a year). */
const FULFILMENT_EXPORT_MAX = 10_000;

/** Statement entries an export pages through at most (a page is 200): beyond that the export says so by refusing. */
const STATEMENT_EXPORT_MAX = 100_000;

/** What perkflow does for a customer as a data subject, and the upkeep of their personal data's encryption. */
export class CustomerDataService {
  constructor(
    private readonly pool: Pool,
    private readonly pii: PersonalDataProtection,
    private readonly ledger: Ledger,
    private readonly journeys: JourneyClient,
    private readonly loyalty: Pick<LoyaltyService, 'tier'>,
  ) {}

  /** Reseals what is not under the current key (see stores/personal-data-reseal.ts). */
  resealPersonalData(options: { everything?: boolean; signal?: AbortSignal } = {}): Promise<ResealOutcome> {
    return resealPersonalData(this.pool, this.pii, options);
  }

  /**
   * Erases a customer's personal data and stops their running journeys; ledger, orders and KPIs stay under the
   * customer id. Idempotent: a repeated request answers the first erasure and stops whatever still runs (a journey
   * an interrupted earlier request did not reach).
   */
  async erase(customerId: string): Promise<CustomerErasure> {
    const erasure = await eraseCustomerPersonalData(this.pool, this.pii, customerId);
    if (!erasure) throw new ServiceError('not-found', 'CUSTOMER_NOT_FOUND', `No customer ${customerId}.`);
    const journeysStopped = await this.journeys.cancelCustomerJourneys(
      customerId,
      await journalledWorkflowIds(this.pool, customerId),
    );
    return { customerId, erasedAt: erasure.erasedAt, journeysStopped };
  }

  async export(customerId: string): Promise<CustomerExport> {
    const profile = await getCustomerProfile(this.pool, this.pii, customerId);
    if (!profile) throw new ServiceError('not-found', 'CUSTOMER_NOT_FOUND', `No customer ${customerId}.`);
    const exportedAt = new Date().toISOString();
    const [records, attributes, wallet, statement, points, tier, fulfilments] = await Promise.all([
      customerRecords(this.pool, this.pii, customerId, profile.email),
      customerAttributes(this.pool, customerId),
      this.ledger.wallet(customerId, exportedAt),
      this.wholeStatement(customerId),
      this.ledger.pointsBalance(customerId, exportedAt),
      this.loyalty.tier(customerId),
      customerFulfilments(this.pool, this.pii, customerId, FULFILMENT_EXPORT_MAX),
    ]);
    return {
      customerId,
      exportedAt,
      profile,
      attributes: attributes ?? {},
      wallet,
      statement,
      points,
      tiers: tier?.byCampaign ?? [],
      fulfilments,
      ...records,
    };
  }

  private async wholeStatement(customerId: string): Promise<StatementEntry[]> {
    const entries: StatementEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.ledger.statement(customerId, { limit: 200, ...(cursor ? { cursor } : {}) });
      entries.push(...page.entries);
      cursor = page.nextCursor ?? undefined;
      if (entries.length > STATEMENT_EXPORT_MAX) {
        throw new ServiceError(
          'unprocessable',
          'EXPORT_TOO_LARGE',
          `Customer ${customerId} has more than ${STATEMENT_EXPORT_MAX} statement entries; export the statement by page.`,
        );
      }
    } while (cursor);
    return entries;
  }
}
