import type { Pool } from 'pg';

/** Campaign groups kept in memory at most (a worker serves far fewer campaigns; forgetting costs one read). */
const GROUPS_KEPT = 10_000;

/** A journey of a campaign of an exclusivity group started for an event, alongside another of the same group. */
export interface ExclusivityEntry {
  group: string;
  customerId: string;
  eventId: string;
  campaignId: string;
  priority: number;
}

/**
 * Whether a campaign may pay a customer: `free` (no group), `held` (this campaign holds the customer's claim in its
 * group; `taken` when this call took it), or `excluded` by the campaign that holds it or outranks it.
 */
export type ExclusivityDecision =
  | { decision: 'free' }
  | { decision: 'held'; group: string; taken: boolean }
  | { decision: 'excluded'; group: string; by: string };

/** exclusivity_claims and exclusivity_entries (migration 971): at most one campaign of a group pays a customer. */
export class ExclusivityStore {
  /**
   * Each campaign's group as read (null: none). A group is set when the campaign is created and never changes, so
   * the read is needed once per campaign and process; a campaign not found is not kept.
   */
  private readonly groups = new Map<string, string | null>();

  constructor(private readonly pool: Pool) {}

  private async groupOf(campaignId: string): Promise<string | null> {
    const known = this.groups.get(campaignId);
    if (known !== undefined) return known;
    const res = await this.pool.query<{ exclusivity_group: string | null }>(
      'SELECT exclusivity_group FROM campaigns WHERE campaign_id = $1',
      [campaignId],
    );
    if (!res.rows[0]) return null;
    if (this.groups.size >= GROUPS_KEPT) this.groups.clear();
    this.groups.set(campaignId, res.rows[0].exclusivity_group);
    return res.rows[0].exclusivity_group;
  }

  /** Records who entered for an event (the router, before it starts the journeys); a repeat changes nothing. */
  async recordEntries(entries: readonly ExclusivityEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.pool.query(
      `INSERT INTO exclusivity_entries (exclusivity_group, customer_id, event_id, campaign_id, priority)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
       ON CONFLICT DO NOTHING`,
      [
        entries.map((e) => e.group),
        entries.map((e) => e.customerId),
        entries.map((e) => e.eventId),
        entries.map((e) => e.campaignId),
        entries.map((e) => e.priority),
      ],
    );
  }

  /**
   * Takes (or finds) the customer's claim in the campaign's group for the campaign. Excluded when another campaign
   * holds it, or when a rival of higher priority, not ended, entered for an event this campaign entered for too (so
   * the outcome does not depend on which journey reaches its grant first). The insert is atomic: of two concurrent
   * claims one wins, the other sees its holder.
   */
  async claim(campaignId: string, customerId: string): Promise<ExclusivityDecision> {
    // The usual campaign is in no group: nothing to do once its group is known.
    const group = await this.groupOf(campaignId);
    if (!group) return { decision: 'free' };
    // Then one statement: the holder, an outranking rival, and the insert when there is neither (the insert decides
    // a race on its key).
    const res = await this.pool.query<{ held: string | null; outranked: string | null; taken: boolean }>(
      `WITH held AS (
         SELECT campaign_id FROM exclusivity_claims WHERE exclusivity_group = $1 AND customer_id = $2
       ),
       outranked AS (
         SELECT other.campaign_id
           FROM exclusivity_entries mine
           JOIN exclusivity_entries other
             ON other.exclusivity_group = mine.exclusivity_group AND other.customer_id = mine.customer_id
            AND other.event_id = mine.event_id AND other.campaign_id <> mine.campaign_id
            AND other.priority > mine.priority
           JOIN campaigns rival ON rival.campaign_id = other.campaign_id AND rival.status <> 'ended'
          WHERE mine.exclusivity_group = $1 AND mine.customer_id = $2 AND mine.campaign_id = $3
          ORDER BY other.priority DESC, other.campaign_id LIMIT 1
       ),
       taken AS (
         INSERT INTO exclusivity_claims (exclusivity_group, customer_id, campaign_id)
         SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM held) AND NOT EXISTS (SELECT 1 FROM outranked)
         ON CONFLICT DO NOTHING RETURNING campaign_id
       )
       SELECT (SELECT campaign_id FROM held) AS held, (SELECT campaign_id FROM outranked) AS outranked,
              EXISTS (SELECT 1 FROM taken) AS taken`,
      [group, customerId, campaignId],
    );
    const row = res.rows[0]!;
    const decide = (by: string): ExclusivityDecision =>
      by === campaignId ? { decision: 'held', group, taken: false } : { decision: 'excluded', group, by };
    if (row.held) return decide(row.held);
    if (row.outranked) return { decision: 'excluded', group, by: row.outranked };
    if (row.taken) return { decision: 'held', group, taken: true };
    // Another claim won the race on the key between this statement's snapshot and its insert: who holds it now.
    const holder = await this.pool.query<{ campaign_id: string }>(
      'SELECT campaign_id FROM exclusivity_claims WHERE exclusivity_group = $1 AND customer_id = $2',
      [group, customerId],
    );
    return decide(holder.rows[0]!.campaign_id);
  }

  /** Gives back a claim this campaign took for a grant the ledger then refused. */
  async release(group: string, customerId: string, campaignId: string): Promise<void> {
    await this.pool.query(
      'DELETE FROM exclusivity_claims WHERE exclusivity_group = $1 AND customer_id = $2 AND campaign_id = $3',
      [group, customerId, campaignId],
    );
  }
}
