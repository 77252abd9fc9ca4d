import { Tag } from 'antd';
import type { components } from '../api/schema';
import { useLocale } from '../i18n/locale';

export type CampaignStatus = components['schemas']['Campaign']['status'];

const COLORS: Record<CampaignStatus, string> = {
  draft: 'default',
  launched: 'green',
  paused: 'orange',
  ended: 'red',
};

export function StatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useLocale();
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
