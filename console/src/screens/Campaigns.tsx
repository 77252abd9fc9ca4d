import { Button, Space, Table, Typography } from 'antd';
import { useAccess } from '../access';
import { api } from '../api/client';
import { call } from '../api/problem';
import { useApiData } from '../api/use-api-data';
import type { components } from '../api/schema';
import type { GetJson } from '../api/types';
import { ProblemAlert } from '../components/ProblemAlert';
import { money, percent } from '../format';
import { useLocale } from '../i18n/locale';
import { StatusTag } from './status';

type Campaign = components['schemas']['Campaign'];
type Kpis = GetJson<'/v1/campaigns/{id}/kpis'>;

interface Row {
  campaign: Campaign;
  kpis: Kpis | null;
}

/** Every campaign with its status, type, budget use and the KPI rates the API computes for it. */
export function Campaigns({
  onOpen,
  onCreate,
  onEditFlow,
}: {
  onOpen: (id: string) => void;
  onCreate: () => void;
  /** Opens the journey editor (a flow campaign drawn as a graph). */
  onEditFlow: () => void;
}) {
  const { t } = useLocale();
  const access = useAccess();
  const {
    data: rows,
    problem,
    loading,
    reload,
  } = useApiData(async (): Promise<Row[]> => {
    const { items } = await call(api.GET('/v1/campaigns'));
    const mayKpis = access.may('getCampaignKpis');
    const kpis = await Promise.all(
      items.map((c) =>
        mayKpis
          ? call(api.GET('/v1/campaigns/{id}/kpis', { params: { path: { id: c.campaignId } } })).catch(
              () => null,
            )
          : null,
      ),
    );
    return items.map((campaign, i) => ({ campaign, kpis: kpis[i] ?? null }));
  }, [access]);

  return (
    <section aria-labelledby="campaigns-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={1} id="campaigns-title" style={{ fontSize: 22, margin: 0 }}>
          {t('campaigns.title')}
        </Typography.Title>
        <Space>
          <Button onClick={reload}>{t('reload')}</Button>
          {access.may('createCampaign') && access.may('validateJourneyDefinition') && (
            <Button onClick={onEditFlow} data-testid="flow-editor">
              {t('campaigns.flowEditor')}
            </Button>
          )}
          {access.may('createCampaign') && (
            <Button type="primary" onClick={onCreate} data-testid="new-campaign">
              {t('campaigns.new')}
            </Button>
          )}
        </Space>
      </Space>
      {problem && <ProblemAlert problem={problem} />}
      <Table<Row>
        data-testid="campaigns-table"
        rowKey={(r) => r.campaign.campaignId}
        loading={loading}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('campaigns.empty') }}
        scroll={{ x: true }}
        columns={[
          {
            title: t('campaigns.name'),
            key: 'name',
            render: (_, r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(r.campaign.campaignId)}>
                {r.campaign.name}
              </Button>
            ),
          },
          {
            title: t('campaigns.status'),
            key: 'status',
            render: (_, r) => <StatusTag status={r.campaign.status} />,
          },
          { title: t('campaigns.journeyType'), key: 'type', render: (_, r) => r.campaign.journeyType },
          {
            title: t('campaigns.budget'),
            key: 'budget',
            align: 'right',
            render: (_, r) => money(r.campaign.budget),
          },
          {
            title: t('campaigns.used'),
            key: 'used',
            align: 'right',
            render: (_, r) => money(r.kpis?.totals.credits.amountGranted),
          },
          {
            title: t('campaigns.remaining'),
            key: 'remaining',
            align: 'right',
            render: (_, r) =>
              r.kpis ? money(Math.max(0, r.campaign.budget - r.kpis.totals.credits.amountGranted)) : '—',
          },
          {
            title: t('campaigns.claimRate'),
            key: 'claim',
            align: 'right',
            render: (_, r) => percent(r.kpis?.totals.claimRate),
          },
          {
            title: t('campaigns.redemptionRate'),
            key: 'redemption',
            align: 'right',
            render: (_, r) => percent(r.kpis?.totals.redemptionRate),
          },
          {
            title: t('campaigns.roi'),
            key: 'roi',
            align: 'right',
            render: (_, r) => r.kpis?.totals.roi ?? '—',
          },
        ]}
      />
    </section>
  );
}
