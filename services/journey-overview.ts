import type { Pool } from 'pg';
import type { CampaignStore } from '../stores/campaigns';
import { countJourneysByCampaign } from '../stores/journey-events';
import { attributeEquals, type TemporalUiLinks } from './temporal-ui';

export interface CampaignJourneyCounts {
  campaignId: string;
  name: string;
  journeyType: string;
  status: string;
  started: number;
  /** Started and not yet ended (running or waiting for time or an event). */
  open: number;
  completed: number;
  cancelled: number;
  refused: number;
  failed: number;
  /** The Temporal Web UI filtered by this campaign (null when no UI address is configured). */
  temporalUiUrl: string | null;
}

/**
 * What ops watches: journeys per campaign and state, counted from the journal every worker writes (the same numbers on
 * every server, including one that cannot count workflows by search attribute), with a link into the Temporal UI.
 */
export class JourneyOverview {
  constructor(
    private readonly pool: Pool,
    private readonly campaigns: CampaignStore,
    private readonly temporalUi: TemporalUiLinks | null,
  ) {}

  async byCampaign(): Promise<{ temporalUiUrl: string | null; campaigns: CampaignJourneyCounts[] }> {
    const [campaigns, counts] = await Promise.all([
      this.campaigns.list(),
      countJourneysByCampaign(this.pool),
    ]);
    const byId = new Map(counts.map((c) => [c.campaignId, c]));
    const ui = this.temporalUi;
    return {
      temporalUiUrl: ui ? ui.workflows() : null,
      campaigns: campaigns
        .filter((c) => c.status !== 'draft' || byId.has(c.campaignId))
        .map((c) => {
          const n = byId.get(c.campaignId) ?? {
            started: 0,
            completed: 0,
            cancelled: 0,
            refused: 0,
            failed: 0,
          };
          return {
            campaignId: c.campaignId,
            name: c.name,
            journeyType: c.journeyType,
            status: c.status,
            started: n.started,
            open: Math.max(0, n.started - n.completed - n.cancelled - n.refused - n.failed),
            completed: n.completed,
            cancelled: n.cancelled,
            refused: n.refused,
            failed: n.failed,
            temporalUiUrl: ui ? ui.workflows(attributeEquals('CampaignId', c.campaignId)) : null,
          };
        }),
    };
  }
}
