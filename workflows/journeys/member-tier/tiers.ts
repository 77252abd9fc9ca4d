import type { MemberTier } from '../../../stores/loyalty-tiers';

export const TIERS: readonly MemberTier[] = ['standard', 'silver', 'gold', 'diamond'];

export const TIER_NAMES: Record<MemberTier, { zh: string; en: string }> = {
  standard: { zh: '普通', en: 'Standard' },
  silver: { zh: '银卡', en: 'Silver' },
  gold: { zh: '金卡', en: 'Gold' },
  diamond: { zh: '钻石', en: 'Diamond' },
};

export const rank = (t: MemberTier): number => TIERS.indexOf(t);

/** The tier a rolling spend earns (a threshold reached exactly counts). */
export function tierFor(
  spend: number,
  thresholds: { silver: number; gold: number; diamond: number },
): MemberTier {
  if (spend >= thresholds.diamond) return 'diamond';
  if (spend >= thresholds.gold) return 'gold';
  if (spend >= thresholds.silver) return 'silver';
  return 'standard';
}
