import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useAccess } from '../access';
import { api } from '../api/client';
import { call, problemOf, type Problem } from '../api/problem';
import { useApiData } from '../api/use-api-data';
import { KpiCharts } from '../components/KpiCharts';
import { BudgetTopUp } from './BudgetTopUp';
import { CodeBatches } from './CodeBatches';
import { Simulate } from './Simulate';
import { ProblemAlert } from '../components/ProblemAlert';
import { money, percent } from '../format';
import { useLocale } from '../i18n/locale';
import { StatusTag, type CampaignStatus } from './status';

type Action = 'launch' | 'pause' | 'end';

/** Which lifecycle steps a status allows (the API refuses the others with a 409/422 all the same). */
const ACTIONS: Record<CampaignStatus, Action[]> = {
  draft: ['launch'],
  launched: ['pause', 'end'],
  paused: ['launch', 'end'],
  ended: [],
};
const OPERATION: Record<Action, string> = {
  launch: 'launchCampaign',
  pause: 'pauseCampaign',
  end: 'endCampaign',
};

/** A campaign, its lifecycle actions behind a confirmation, and its KPIs with the daily charts. */
export function CampaignDetail({
  id,
  onBack,
  onEditFlow,
}: {
  id: string;
  onBack: () => void;
  /** Opens a flow campaign's graph in the journey editor (a draft's to change, another's to copy). */
  onEditFlow: () => void;
}) {
  const { t } = useLocale();
  const access = useAccess();
  const { message } = AntApp.useApp();
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const {
    data,
    problem: loadProblem,
    reload,
  } = useApiData(async () => {
    const path = { path: { id } };
    const [campaign, kpis] = await Promise.all([
      call(api.GET('/v1/campaigns/{id}', { params: path })),
      access.may('getCampaignKpis') ? call(api.GET('/v1/campaigns/{id}/kpis', { params: path })) : null,
    ]);
    return { campaign, kpis };
  }, [id, access]);
  const campaign = data?.campaign;
  const kpis = data?.kpis;
  const problem = actionProblem ?? loadProblem;

  const run = async (action: Action) => {
    setActionProblem(null);
    try {
      const params = { params: { path: { id } } };
      if (action === 'launch') await call(api.POST('/v1/campaigns/{id}/launch', params));
      else if (action === 'pause') await call(api.POST('/v1/campaigns/{id}/pause', params));
      else await call(api.POST('/v1/campaigns/{id}/end', params));
      void message.success(t('action.done'));
      reload();
    } catch (err) {
      setActionProblem(problemOf(err));
    }
  };

  return (
    <section aria-labelledby="campaign-title">
      <Button type="link" onClick={onBack} style={{ padding: 0 }}>
        ← {t('detail.back')}
      </Button>
      <Typography.Title level={1} id="campaign-title" style={{ fontSize: 22 }}>
        {t('detail.title', { name: campaign?.name ?? id })}
      </Typography.Title>
      {problem && <ProblemAlert problem={problem} onClose={() => setActionProblem(null)} />}
      {campaign && (
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('detail.id')}>{campaign.campaignId}</Descriptions.Item>
            <Descriptions.Item label={t('campaigns.status')}>
              <span data-testid="campaign-status">
                <StatusTag status={campaign.status} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('campaigns.journeyType')}>{campaign.journeyType}</Descriptions.Item>
            <Descriptions.Item label={t('campaigns.budget')}>{money(campaign.budget)}</Descriptions.Item>
            <Descriptions.Item label={t('detail.createdAt')}>{campaign.createdAt}</Descriptions.Item>
            <Descriptions.Item label={t('detail.launchedAt')}>{campaign.launchedAt ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('detail.variants')}>
              {campaign.variants?.map((v) => `${v.name} (${v.weight})`).join(', ') ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          <details>
            <summary>{t('detail.config')}</summary>
            <pre style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(campaign.config, null, 2)}</pre>
          </details>
          <Space style={{ marginTop: 16 }}>
            {ACTIONS[campaign.status]
              .filter((a) => access.may(OPERATION[a]))
              .map((action) => (
                <Popconfirm
                  key={action}
                  title={t(`action.confirm.${action}`)}
                  okText={t('action.ok')}
                  cancelText={t('action.cancel')}
                  onConfirm={() => run(action)}
                >
                  <Button
                    danger={action === 'end'}
                    type={action === 'launch' ? 'primary' : 'default'}
                    data-testid={`action-${action}`}
                  >
                    {t(`action.${action}`)}
                  </Button>
                </Popconfirm>
              ))}
            {campaign.journeyType === 'flow' && access.may('createCampaign') && (
              <Button onClick={onEditFlow} data-testid="open-in-editor">
                {t('detail.editFlow')}
              </Button>
            )}
            {access.may('topUpCampaignBudget') && campaign.status !== 'ended' && (
              <BudgetTopUp campaignId={campaign.campaignId} onDone={reload} />
            )}
          </Space>
        </Card>
      )}
      {campaign && access.may('simulateCampaign') && <Simulate campaignId={campaign.campaignId} />}
      {campaign && access.may('createCodeBatch') && <CodeBatches campaignId={campaign.campaignId} />}
      {kpis && (
        <Card
          style={{ marginTop: 16 }}
          title={t('kpis.title')}
          extra={t('kpis.asOf', { at: kpis.generatedAt })}
        >
          <Space wrap size="large">
            <Statistic title={t('kpis.journeys')} value={kpis.totals.journeysStarted} />
            <Statistic title={t('kpis.granted')} value={money(kpis.totals.credits.amountGranted)} />
            <Statistic title={t('campaigns.claimRate')} value={percent(kpis.totals.claimRate)} />
            <Statistic title={t('campaigns.redemptionRate')} value={percent(kpis.totals.redemptionRate)} />
            <Statistic title={t('kpis.gmv')} value={money(kpis.totals.attributedGmv)} />
            <Statistic title={t('kpis.cost')} value={money(kpis.totals.cost)} />
            <Statistic title={t('campaigns.roi')} value={kpis.totals.roi ?? '—'} />
          </Space>
          {kpis.abTest && (
            <Table
              size="small"
              style={{ marginTop: 16 }}
              rowKey="name"
              pagination={false}
              dataSource={kpis.abTest.variants}
              columns={[
                { title: t('detail.variants'), dataIndex: 'name' },
                {
                  title: '95 % CI',
                  key: 'ci',
                  render: (_, v) =>
                    `${percent(v.conversion.rate)} (${v.conversion.ci95 ? `${percent(v.conversion.ci95.low)} – ${percent(v.conversion.ci95.high)}` : '—'})`,
                },
                {
                  title: t('kpis.granted'),
                  key: 'g',
                  render: (_, v) => money(v.metrics.credits.amountGranted),
                },
                { title: t('campaigns.claimRate'), key: 'c', render: (_, v) => percent(v.metrics.claimRate) },
              ]}
            />
          )}
          <KpiCharts kpis={kpis} />
        </Card>
      )}
    </section>
  );
}
