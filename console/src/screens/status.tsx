import { Tag } from 'antd';
import type { components } from '../api/schema';
import { useLocale } from '../i18n/locale';

export type CampaignStatus = components['schemas']['Campaign']['status'];

/** Solid tags, white text on dark tones: the light presets miss the 4.5:1 contrast WCAG AA asks of text. */
const COLORS: Record<CampaignStatus, string | undefined> = {
  draft: undefined,
  launched: '#237804',
  paused: '#ad4e00',
  ended: '#a8071a',
};

export function StatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useLocale();
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
