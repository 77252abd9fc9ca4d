import type { Pool } from 'pg';

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
  constructor(private readonly pool: Pool) {}

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
    // One read for the usual campaign outside any group; each statement after it is atomic on its own (the claim's
    // insert decides a race), so no transaction is needed.
    const db = this.pool;
    const campaign = await db.query<{ exclusivity_group: string | null }>(
      'SELECT exclusivity_group FROM campaigns WHERE campaign_id = $1',
      [campaignId],
    );
    const group = campaign.rows[0]?.exclusivity_group;
    if (!group) return { decision: 'free' };
    const holder = async () =>
      (
        await db.query<{ campaign_id: string }>(
          'SELECT campaign_id FROM exclusivity_claims WHERE exclusivity_group = $1 AND customer_id = $2',
          [group, customerId],
        )
      ).rows[0]?.campaign_id;
    const decide = (by: string): ExclusivityDecision =>
      by === campaignId ? { decision: 'held', group, taken: false } : { decision: 'excluded', group, by };

    const held = await holder();
    if (held) return decide(held);
    const outranked = await db.query<{ campaign_id: string }>(
      `SELECT other.campaign_id
         FROM exclusivity_entries mine
         JOIN exclusivity_entries other
           ON other.exclusivity_group = mine.exclusivity_group AND other.customer_id = mine.customer_id
          AND other.event_id = mine.event_id AND other.campaign_id <> mine.campaign_id
         JOIN campaigns rival ON rival.campaign_id = other.campaign_id AND rival.status <> 'ended'
        WHERE mine.exclusivity_group = $1 AND mine.customer_id = $2 AND mine.campaign_id = $3
          AND other.priority > mine.priority
        ORDER BY other.priority DESC, other.campaign_id LIMIT 1`,
      [group, customerId, campaignId],
    );
    if (outranked.rows[0]) return { decision: 'excluded', group, by: outranked.rows[0].campaign_id };
    const inserted = await db.query(
      `INSERT INTO exclusivity_claims (exclusivity_group, customer_id, campaign_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [group, customerId, campaignId],
    );
    if (inserted.rowCount === 1) return { decision: 'held', group, taken: true };
    return decide((await holder())!);
  }

  /** Gives back a claim this campaign took for a grant the ledger then refused. */
  async release(group: string, customerId: string, campaignId: string): Promise<void> {
    await this.pool.query(
      'DELETE FROM exclusivity_claims WHERE exclusivity_group = $1 AND customer_id = $2 AND campaign_id = $3',
      [group, customerId, campaignId],
    );
  }
}
