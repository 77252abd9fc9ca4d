import type { Pool } from 'pg';
import { pageInCreationOrder, type CreationOrderPage, type PageOf } from './creation-order-page';
import { inTransaction } from '../lib/transaction';

export type CampaignStatus = 'draft' | 'launched' | 'paused' | 'ended';

/** When a campaign launches and ends itself (absolute instants; the IANA zone they were given in). */
export interface CampaignSchedule {
  startsAt: string | null;
  endsAt: string | null;
  timezone: string | null;
}

/** An A/B variant as stored: the override as declared and the merged config its customers' journeys start with. */
export interface CampaignVariant {
  name: string;
  weight: number;
  config: Record<string, unknown>;
  effectiveConfig: unknown;
}

export interface CampaignRecord {
  campaignId: string;
  name: string;
  journeyType: string;
  config: unknown;
  budget: number;
  /** null when the campaign declares no A/B variants. */
  variants: CampaignVariant[] | null;
  status: CampaignStatus;
  createdBy: string | null;
  createdAt: string;
  launchedAt: string | null;
  pausedAt: string | null;
  endedAt: string | null;
  startsAt: string | null;
  endsAt: string | null;
  timezone: string | null;
  /** Among launched campaigns of one group at most one pays a given customer (null: no group). */
  exclusivityGroup: string | null;
  /** Within its exclusivity group, the higher wins a customer whose event started journeys of both. */
  priority: number;
  /** Only members of this segment enter its journeys (null: everyone). */
  audience: string | null;
  /** At launch, the audience's members are enrolled (a journey started for each). */
  enrolExisting: boolean;
  /** What the schedule does next: launch while a draft, then end while not ended; null when nothing is due. */
  nextScheduledAction: { action: 'launch' | 'end'; at: string } | null;
}

type Row = {
  campaign_id: string;
  name: string;
  journey_type: string;
  config: unknown;
  budget: string;
  variants: CampaignVariant[] | null;
  status: CampaignStatus;
  created_by: string | null;
  created_at: Date;
  launched_at: Date | null;
  paused_at: Date | null;
  ended_at: Date | null;
  starts_at: Date | null;
  ends_at: Date | null;
  time_zone: string | null;
  exclusivity_group: string | null;
  priority: number;
  audience_segment_id: string | null;
  enrol_existing: boolean;
};

function nextScheduledAction(r: Row): CampaignRecord['nextScheduledAction'] {
  if (r.status === 'draft' && r.starts_at) return { action: 'launch', at: r.starts_at.toISOString() };
  if (r.status !== 'ended' && r.ends_at) return { action: 'end', at: r.ends_at.toISOString() };
  return null;
}

const toRecord = (r: Row): CampaignRecord => ({
  campaignId: r.campaign_id,
  name: r.name,
  journeyType: r.journey_type,
  config: r.config,
  budget: Number(r.budget),
  variants: r.variants ?? null,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  launchedAt: r.launched_at?.toISOString() ?? null,
  pausedAt: r.paused_at?.toISOString() ?? null,
  endedAt: r.ended_at?.toISOString() ?? null,
  startsAt: r.starts_at?.toISOString() ?? null,
  endsAt: r.ends_at?.toISOString() ?? null,
  timezone: r.time_zone,
  exclusivityGroup: r.exclusivity_group,
  priority: r.priority,
  audience: r.audience_segment_id,
  enrolExisting: r.enrol_existing,
  nextScheduledAction: nextScheduledAction(r),
});

export class CampaignStore {
  constructor(private readonly pool: Pool) {}

  /** Inserts a draft; returns null when the id is taken. */
  async create(c: {
    campaignId: string;
    name: string;
    journeyType: string;
    config: unknown;
    budget: number;
    variants?: CampaignVariant[] | null;
    schedule?: CampaignSchedule | null;
    exclusivity?: { group: string; priority: number } | null;
    audience?: { segmentId: string; enrolExisting: boolean } | null;
    createdBy: string | null;
  }): Promise<CampaignRecord | null> {
    const res = await this.pool.query<Row>(
      `INSERT INTO campaigns
         (campaign_id, name, journey_type, config, budget, status, created_by, variants, starts_at, ends_at, time_zone,
          exclusivity_group, priority, audience_segment_id, enrol_existing)
       VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (campaign_id) DO NOTHING RETURNING *`,
      [
        c.campaignId,
        c.name,
        c.journeyType,
        JSON.stringify(c.config),
        c.budget,
        c.createdBy,
        c.variants ? JSON.stringify(c.variants) : null,
        c.schedule?.startsAt ?? null,
        c.schedule?.endsAt ?? null,
        c.schedule?.timezone ?? null,
        c.exclusivity?.group ?? null,
        c.exclusivity?.priority ?? 0,
        c.audience?.segmentId ?? null,
        c.audience?.enrolExisting ?? false,
      ],
    );
    return res.rows[0] ? toRecord(res.rows[0]) : null;
  }

  async get(campaignId: string): Promise<CampaignRecord | null> {
    const res = await this.pool.query<Row>('SELECT * FROM campaigns WHERE campaign_id = $1', [campaignId]);
    return res.rows[0] ? toRecord(res.rows[0]) : null;
  }

  /** A page of the campaigns oldest first, filtered as `list`; null when `after` names no campaign. */
  async page(
    filter: { status?: CampaignStatus; journeyType?: string },
    page: CreationOrderPage,
  ): Promise<PageOf<CampaignRecord> | null> {
    const found = await pageInCreationOrder<Row>(
      this.pool,
      { table: 'campaigns', idColumn: 'campaign_id' },
      page,
      {
        where: '($1::text IS NULL OR t.status = $1) AND ($2::text IS NULL OR t.journey_type = $2)',
        params: [filter.status ?? null, filter.journeyType ?? null],
      },
    );
    return found && { items: found.items.map(toRecord), next: found.next };
  }

  async list(filter: { status?: CampaignStatus; journeyType?: string } = {}): Promise<CampaignRecord[]> {
    const res = await this.pool.query<Row>(
      `SELECT * FROM campaigns WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR journey_type = $2)
       ORDER BY created_at, campaign_id`,
      [filter.status ?? null, filter.journeyType ?? null],
    );
    return res.rows.map(toRecord);
  }

  /** Moves a campaign along its lifecycle if it is in one of `from`; returns the campaign after the attempt. */
  async transition(
    campaignId: string,
    from: readonly CampaignStatus[],
    to: CampaignStatus,
  ): Promise<{ changed: boolean; campaign: CampaignRecord | null }> {
    const stamp = { launched: 'launched_at', paused: 'paused_at', ended: 'ended_at', draft: null }[to];
    const res = await this.pool.query<Row>(
      `UPDATE campaigns SET status = $3${stamp ? `, ${stamp} = now()` : ''}
       WHERE campaign_id = $1 AND status = ANY($2::text[]) RETURNING *`,
      [campaignId, from, to],
    );
    if (res.rows[0]) return { changed: true, campaign: toRecord(res.rows[0]) };
    return { changed: false, campaign: await this.get(campaignId) };
  }

  /**
   * Runs `fn` with the campaign's row locked (null when there is none), in one transaction: launch, end and budget
   * top-ups of one campaign happen one at a time, so a top-up can never slip between a launch's budget read and its
   * status change, nor allocate money into a campaign that ends meanwhile. `fn` may call the ledger (another
   * connection) while the lock is held.
   */
  async withLock<T>(campaignId: string, fn: (locked: LockedCampaign | null) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (db) => {
      const res = await db.query<Row>('SELECT * FROM campaigns WHERE campaign_id = $1 FOR UPDATE', [
        campaignId,
      ]);
      if (!res.rows[0]) return fn(null);
      return fn({
        campaign: toRecord(res.rows[0]),
        async transition(to) {
          const stamp = { launched: 'launched_at', paused: 'paused_at', ended: 'ended_at', draft: null }[to];
          const updated = await db.query<Row>(
            `UPDATE campaigns SET status = $2${stamp ? `, ${stamp} = now()` : ''} WHERE campaign_id = $1 RETURNING *`,
            [campaignId, to],
          );
          return toRecord(updated.rows[0]!);
        },
        async recordBudgetTopUp(change) {
          const inserted = await db.query(
            `INSERT INTO campaign_budget_changes (change_id, campaign_id, amount, reason, changed_by)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (change_id) DO NOTHING`,
            [change.changeId, campaignId, change.amount, change.reason, change.changedBy],
          );
          const res =
            inserted.rowCount === 1
              ? await db.query<Row>(
                  'UPDATE campaigns SET budget = budget + $2 WHERE campaign_id = $1 RETURNING *',
                  [campaignId, change.amount],
                )
              : await db.query<Row>('SELECT * FROM campaigns WHERE campaign_id = $1', [campaignId]);
          return toRecord(res.rows[0]!);
        },
        async updateDraft(change) {
          const res = await db.query<Row>(
            'UPDATE campaigns SET name = $2, config = $3, variants = $4 WHERE campaign_id = $1 RETURNING *',
            [
              campaignId,
              change.name,
              JSON.stringify(change.config),
              change.variants ? JSON.stringify(change.variants) : null,
            ],
          );
          return toRecord(res.rows[0]!);
        },
        async setSchedule(schedule) {
          const res = await db.query<Row>(
            'UPDATE campaigns SET starts_at = $2, ends_at = $3, time_zone = $4 WHERE campaign_id = $1 RETURNING *',
            [campaignId, schedule.startsAt, schedule.endsAt, schedule.timezone],
          );
          return toRecord(res.rows[0]!);
        },
      });
    });
  }

  /** A campaign's budget top-ups, newest first. */
  async budgetChanges(
    campaignId: string,
  ): Promise<{ changeId: string; amount: number; reason: string; changedBy: string; changedAt: string }[]> {
    const res = await this.pool.query<{
      change_id: string;
      amount: string;
      reason: string;
      changed_by: string;
      changed_at: Date;
    }>('SELECT * FROM campaign_budget_changes WHERE campaign_id = $1 ORDER BY changed_at DESC, change_id', [
      campaignId,
    ]);
    return res.rows.map((r) => ({
      changeId: r.change_id,
      amount: Number(r.amount),
      reason: r.reason,
      changedBy: r.changed_by,
      changedAt: r.changed_at.toISOString(),
    }));
  }
}

/** A campaign whose row is locked for the transaction `CampaignStore.withLock` runs. */
export interface LockedCampaign {
  campaign: CampaignRecord;
  /** Moves it to `to` (the caller has checked the status it is in). */
  transition(to: CampaignStatus): Promise<CampaignRecord>;
  /** Records a top-up and raises the budget by it, once per change id (a repeat changes nothing). */
  recordBudgetTopUp(change: {
    changeId: string;
    amount: number;
    reason: string;
    changedBy: string;
  }): Promise<CampaignRecord>;
  /** Replaces its schedule (nulls clear it). */
  setSchedule(schedule: CampaignSchedule): Promise<CampaignRecord>;
  /** Replaces its name, config and A/B variants (the caller has checked it is a draft). */
  updateDraft(change: {
    name: string;
    config: unknown;
    variants: CampaignVariant[] | null;
  }): Promise<CampaignRecord>;
}

/** Which A/B variant each customer got (campaign_assignments); the first write wins. */
export class CampaignAssignmentStore {
  constructor(private readonly pool: Pool) {}

  async recordAssignment(a: { campaignId: string; customerId: string; variant: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO campaign_assignments (campaign_id, customer_id, variant) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_id, customer_id) DO NOTHING`,
      [a.campaignId, a.customerId, a.variant],
    );
  }

  async variantOf(campaignId: string, customerId: string): Promise<string | null> {
    const res = await this.pool.query<{ variant: string }>(
      'SELECT variant FROM campaign_assignments WHERE campaign_id = $1 AND customer_id = $2',
      [campaignId, customerId],
    );
    return res.rows[0]?.variant ?? null;
  }
}
