import type { CampaignRecord, CampaignStore } from '../stores/campaigns';
import { ServiceError } from './errors';

/**
 * The launched campaign of a journey type that an operator request belongs to: the named one, or the only one.
 * Refusal codes read NO_<LABEL>_CAMPAIGN and AMBIGUOUS_<LABEL>_CAMPAIGN (e.g. NO_POINTS_CAMPAIGN).
 */
export async function soleLaunchedCampaign(
  campaigns: CampaignStore,
  journeyType: string,
  label: string,
  campaignId?: string,
): Promise<CampaignRecord> {
  const launched = (await campaigns.list({ status: 'launched', journeyType })).filter(
    (c) => !campaignId || c.campaignId === campaignId,
  );
  const code = label.toUpperCase();
  if (launched.length === 0) {
    throw new ServiceError(
      'unprocessable',
      `NO_${code}_CAMPAIGN`,
      campaignId
        ? `Campaign ${campaignId} is not a launched ${label} campaign.`
        : `No ${label} campaign is launched.`,
    );
  }
  if (launched.length > 1) {
    throw new ServiceError(
      'unprocessable',
      `AMBIGUOUS_${code}_CAMPAIGN`,
      `Several ${label} campaigns are launched (${launched.map((c) => c.campaignId).join(', ')}); name one.`,
    );
  }
  return launched[0]!;
}
