import { Button, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useAccess } from '../access';
import { api } from '../api/client';
import { call } from '../api/problem';
import { firstPages } from '../api/pages';
import { useApiData } from '../api/use-api-data';
import type { components } from '../api/schema';
import type { GetJson } from '../api/types';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { money, percent } from '../format';
import { useLocale } from '../i18n/locale';
import { StatusTag } from './status';

type Campaign = components['schemas']['Campaign'];
type Kpis = GetJson<'/v1/campaigns/{id}/kpis'>;

/** Campaigns per page of the API list, and per page of the table. */
const CAMPAIGNS_PER_PAGE = 100;
const TABLE_PAGE_SIZE = 20;

/**
 * The KPIs of the campaigns on screen, fetched as they come into view and kept until `epoch` changes (a reload):
 * one request per campaign shown, not per campaign loaded, so a long list neither floods the API nor meets its
 * rate limit. A campaign whose KPIs failed shows none.
 */
function useKpisOf(shown: Campaign[], allowed: boolean, epoch: number): Record<string, Kpis | null> {
  const [kpis, setKpis] = useState<{ epoch: number; byId: Record<string, Kpis | null> }>({ epoch, byId: {} });
  const known = kpis.epoch === epoch ? kpis.byId : {};
  const missing = allowed ? shown.map((c) => c.campaignId).filter((id) => !(id in known)) : [];
  const missingKey = missing.join(',');
  useEffect(() => {
    if (missing.length === 0) return;
    let live = true;
    void Promise.all(
      missing.map(async (id) => {
        const found = await call(api.GET('/v1/campaigns/{id}/kpis', { params: { path: { id } } })).catch(
          () => null,
        );
        return [id, found] as const;
      }),
    ).then((fetched) => {
      if (!live) return;
      setKpis((prev) => ({
        epoch,
        byId: { ...(prev.epoch === epoch ? prev.byId : {}), ...Object.fromEntries(fetched) },
      }));
    });
    return () => {
      live = false;
    };
    // `missingKey` stands for `missing` (a new array every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [missingKey, epoch]);
  return known;
}

interface Row {
  campaign: Campaign;
  kpis: Kpis | null;
}

/**
 * The campaigns with their status, type, budget use and the KPI rates the API computes for each: loaded a hundred at
 * a time (more on demand), KPIs fetched for the rows on screen.
 */
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
  // Pages of the list loaded so far: the first on arrival, one more per "more".
  const [pages, setPages] = useState(1);
  const { data, problem, loading, reload } = useApiData(
    () =>
      firstPages(
        (after) =>
          call(
            api.GET('/v1/campaigns', {
              params: { query: { limit: CAMPAIGNS_PER_PAGE, ...(after ? { after } : {}) } },
            }),
          ),
        pages,
      ),
    [pages],
  );
  const [wantedPage, setTablePage] = useState(1);
  // A reload may leave fewer pages than the one asked for: show (and fetch KPIs for) the last that exists.
  const tablePage = Math.min(wantedPage, Math.max(1, Math.ceil((data?.items.length ?? 0) / TABLE_PAGE_SIZE)));
  const [kpiEpoch, setKpiEpoch] = useState(0);
  const shown = useMemo(
    () => (data?.items ?? []).slice((tablePage - 1) * TABLE_PAGE_SIZE, tablePage * TABLE_PAGE_SIZE),
    [data, tablePage],
  );
  const kpis = useKpisOf(shown, access.may('getCampaignKpis'), kpiEpoch);
  const rows = data?.items.map((campaign) => ({ campaign, kpis: kpis[campaign.campaignId] ?? null }));

  return (
    <section aria-labelledby="campaigns-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={1} id="campaigns-title" style={{ fontSize: 22, margin: 0 }}>
          {t('campaigns.title')}
        </Typography.Title>
        <Space>
          <Button
            onClick={() => {
              reload();
              setKpiEpoch((n) => n + 1);
            }}
          >
            {t('reload')}
          </Button>
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
        pagination={{
          pageSize: TABLE_PAGE_SIZE,
          current: tablePage,
          onChange: setTablePage,
          hideOnSinglePage: true,
        }}
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
      {data?.more && (
        <LoadMoreButton
          label={t('campaigns.more', { count: CAMPAIGNS_PER_PAGE })}
          loading={loading}
          onMore={() => setPages((n) => n + 1)}
          testId="campaigns-more"
        />
      )}
    </section>
  );
}
