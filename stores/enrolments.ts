import type { Pool } from 'pg';

export type EnrolmentState = 'running' | 'paused' | 'completed' | 'stopped';

/** One enrolment run of a campaign: its audience at launch (`launch`) or one occurrence date of a date/calendar entry. */
export interface EnrolmentProgress {
  campaignId: string;
  run: string;
  state: EnrolmentState;
  /** Customers the run selected when it began. */
  total: number;
  /** Journeys it started. */
  enrolled: number;
  /** Customers whose journey was already there (started by an event, or by an earlier attempt). */
  already: number;
  /** The last customer id it handled (keyset cursor); null before the first page. */
  cursor: string | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

type Row = {
  campaign_id: string;
  run: string;
  state: EnrolmentState;
  total: number;
  enrolled: number;
  already: number;
  cursor: string | null;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
};

const toProgress = (r: Row): EnrolmentProgress => ({
  campaignId: r.campaign_id,
  run: r.run,
  state: r.state,
  total: r.total,
  enrolled: r.enrolled,
  already: r.already,
  cursor: r.cursor,
  startedAt: r.started_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

/** The durable progress of enrolment runs: the cursor a resumed run continues from, and what the API shows. */
export class EnrolmentStore {
  constructor(private readonly pool: Pool) {}

  /** The run's row, created with its total on first use (a second begin returns the row as it stands). */
  async begin(campaignId: string, run: string, total: () => Promise<number>): Promise<EnrolmentProgress> {
    const existing = await this.get(campaignId, run);
    if (existing) return existing;
    await this.pool.query(
      `INSERT INTO campaign_enrolments (campaign_id, run, total) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_id, run) DO NOTHING`,
      [campaignId, run, await total()],
    );
    return (await this.get(campaignId, run))!;
  }

  async get(campaignId: string, run: string): Promise<EnrolmentProgress | null> {
    const res = await this.pool.query<Row>(
      'SELECT * FROM campaign_enrolments WHERE campaign_id = $1 AND run = $2',
      [campaignId, run],
    );
    return res.rows[0] ? toProgress(res.rows[0]) : null;
  }

  /** A campaign's runs, newest first (at most `limit`). */
  async list(campaignId: string, limit: number): Promise<EnrolmentProgress[]> {
    const res = await this.pool.query<Row>(
      'SELECT * FROM campaign_enrolments WHERE campaign_id = $1 ORDER BY started_at DESC, run DESC LIMIT $2',
      [campaignId, limit],
    );
    return res.rows.map(toProgress);
  }

  /**
   * Moves the cursor past a page, counting what it did, only if the cursor is still where the page was read from: a
   * retried attempt whose first try already advanced it counts nothing twice. Returns the row as it stands.
   */
  async advance(
    campaignId: string,
    run: string,
    from: string | null,
    to: string,
    counts: { enrolled: number; already: number },
  ): Promise<EnrolmentProgress> {
    await this.pool.query(
      `UPDATE campaign_enrolments
          SET cursor = $4, enrolled = enrolled + $5, already = already + $6, updated_at = now(), state = 'running'
        WHERE campaign_id = $1 AND run = $2 AND cursor IS NOT DISTINCT FROM $3`,
      [campaignId, run, from, to, counts.enrolled, counts.already],
    );
    return (await this.get(campaignId, run))!;
  }

  /**
   * A campaign's occurrence runs (not `launch`) left paused, oldest first: those on or after `pausedOn` (they came
   * during the pause) or already started (a pause interrupted them), none before `notBefore` (dates YYYY-MM-DD).
   */
  async pausedOccurrences(
    campaignId: string,
    bounds: { notBefore: string; pausedOn: string },
  ): Promise<string[]> {
    const res = await this.pool.query<{ run: string }>(
      `SELECT run FROM campaign_enrolments
        WHERE campaign_id = $1 AND state = 'paused' AND run <> 'launch' AND run >= $2
          AND (run >= $3 OR cursor IS NOT NULL)
        ORDER BY run`,
      [campaignId, bounds.notBefore, bounds.pausedOn],
    );
    return res.rows.map((r) => r.run);
  }

  /** Marks the run paused, completed or stopped (a finished run keeps its first finish). */
  async settle(campaignId: string, run: string, state: Exclude<EnrolmentState, 'running'>) {
    const res = await this.pool.query<Row>(
      `UPDATE campaign_enrolments SET state = $3, updated_at = now(),
              finished_at = CASE WHEN $3 = 'paused' THEN NULL ELSE coalesce(finished_at, now()) END
        WHERE campaign_id = $1 AND run = $2 AND state NOT IN ('completed', 'stopped') RETURNING *`,
      [campaignId, run, state],
    );
    return res.rows[0] ? toProgress(res.rows[0]) : await this.get(campaignId, run);
  }
}
