import type { Ledger, PointsBudget } from '../ledger';
import { PointsConfig } from '../workflows/journeys/points/config';
import type { CampaignService } from './campaigns';

export interface CampaignPointsBudget extends PointsBudget {
  journeyType: string;
  /** The cap in the campaign's config (null: unlimited). The ledger opens it with the campaign's first earn. */
  configured: number | null;
}

/**
 * A campaign's points budget as growth and finance read it: the configured cap, and from the ledger what its earns
 * issued and what is left. Before the first earn the budget is not open in the ledger yet: remaining = the cap.
 */
export async function campaignPointsBudget(
  ledger: Ledger,
  campaigns: Pick<CampaignService, 'get'>,
  campaignId: string,
): Promise<CampaignPointsBudget> {
  const campaign = await campaigns.get(campaignId);
  const config = campaign.journeyType === 'points' ? PointsConfig.safeParse(campaign.config) : null;
  const configured = config?.success ? (config.data.pointsBudget ?? null) : null;
  const ledgerView = await ledger.pointsBudget(campaignId);
  const budget = ledgerView.budget ?? configured;
  return {
    ...ledgerView,
    journeyType: campaign.journeyType,
    configured,
    budget,
    remaining: ledgerView.remaining ?? (budget === null ? null : Math.max(0, budget - ledgerView.earned)),
  };
}
