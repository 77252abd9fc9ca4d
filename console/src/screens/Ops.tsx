import { Button, Card, Space, Statistic, Table, Tag, Typography } from 'antd';
import { api } from '../api/client';
import { call, ProblemError, type Problem } from '../api/problem';
import type { components } from '../api/schema';
import type { GetJson as Json } from '../api/types';
import { useApiData } from '../api/use-api-data';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLocale } from '../i18n/locale';

type Health = components['schemas']['Health'];
type CheckStatus = Health['checks'][string];
type CampaignJourneys = Json<'/v1/ops/journeys'>['campaigns'][number];

/** Solid tags, white text on dark tones (WCAG AA contrast). */
const CHECK_COLORS: Record<CheckStatus, string> = { ok: '#237804', failed: '#a8071a', timeout: '#ad4e00' };
const STATUS_COLORS: Record<Health['status'], string> = { ok: '#237804', degraded: '#ad4e00' };

/**
 * /healthz as a screen. A failed dependency makes it answer 503 with the same checks in the problem (its `checks`
 * extension): the screen shows them either way.
 */
async function readHealth(): Promise<{
  status?: Health['status'];
  checks: Health['checks'];
  lagSeconds?: number;
  campaignQueueSeconds?: number;
  problem: Problem | null;
}> {
  try {
    const health = await call(api.GET('/healthz'));
    return {
      status: health.status,
      checks: health.checks,
      ...(health.journeyLagSeconds !== undefined ? { lagSeconds: health.journeyLagSeconds } : {}),
      ...(health.campaignQueueBacklogSeconds !== undefined
        ? { campaignQueueSeconds: health.campaignQueueBacklogSeconds }
        : {}),
      problem: null,
    };
  } catch (err) {
    if (!(err instanceof ProblemError)) throw err;
    const { checks } = err.problem as Problem & { checks?: Health['checks'] };
    return { checks: checks ?? {}, problem: err.problem };
  }
}

/** What ops watches: dependency health, journeys per campaign and state, and the way into the Temporal Web UI. */
export function Ops() {
  const { t } = useLocale();
  const health = useApiData(readHealth, []);
  const journeys = useApiData(() => call(api.GET('/v1/ops/journeys')), []);
  const checks = Object.entries(health.data?.checks ?? {});
  const counts = ['started', 'open', 'completed', 'cancelled', 'refused', 'failed'] as const;

  return (
    <section aria-labelledby="ops-title">
      <Typography.Title level={1} id="ops-title" style={{ fontSize: 22 }}>
        {t('ops.title')}
      </Typography.Title>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ops.health')}</h2>}
        extra={
          <Button size="small" onClick={health.reload} data-testid="health-reload">
            {t('reload')}
          </Button>
        }
        style={{ marginBottom: 16 }}
        loading={health.loading}
      >
        {health.problem && <ProblemAlert problem={health.problem} />}
        {health.data?.problem && <ProblemAlert problem={health.data.problem} />}
        <Space size="large" wrap data-testid="health-checks">
          {health.data?.status && (
            <div data-testid="health-status">
              <Typography.Text strong>{t('ops.status')}</Typography.Text>{' '}
              <Tag color={STATUS_COLORS[health.data.status]} data-status={health.data.status}>
                {t(`ops.status.${health.data.status}`)}
              </Tag>
            </div>
          )}
          {checks.map(([name, status]) => (
            <div key={name} data-check={name}>
              <Typography.Text strong>{name}</Typography.Text>{' '}
              <Tag color={CHECK_COLORS[status]} data-status={status}>
                {t(`ops.check.${status}`)}
              </Tag>
            </div>
          ))}
          {health.data?.lagSeconds !== undefined && (
            <Statistic title={t('ops.lag')} value={health.data.lagSeconds} precision={1} suffix="s" />
          )}
          {health.data?.campaignQueueSeconds !== undefined && (
            <Statistic
              title={t('ops.campaignQueue')}
              value={health.data.campaignQueueSeconds}
              precision={1}
              suffix="s"
            />
          )}
        </Space>
      </Card>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ops.journeys')}</h2>}
        extra={
          <Space>
            {journeys.data?.temporalUiUrl && (
              <Typography.Link
                href={journeys.data.temporalUiUrl}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="temporal-ui-all"
              >
                {t('ops.temporalUi')}
              </Typography.Link>
            )}
            <Button size="small" onClick={journeys.reload}>
              {t('reload')}
            </Button>
          </Space>
        }
      >
        {journeys.problem && <ProblemAlert problem={journeys.problem} />}
        <Table<CampaignJourneys>
          data-testid="ops-journeys-table"
          size="small"
          rowKey="campaignId"
          loading={journeys.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={journeys.data?.campaigns ?? []}
          columns={[
            { title: t('campaigns.name'), dataIndex: 'name' },
            { title: t('campaigns.journeyType'), dataIndex: 'journeyType' },
            { title: t('campaigns.status'), dataIndex: 'status' },
            ...counts.map((k) => ({
              title: t(`ops.count.${k}`),
              dataIndex: k,
              align: 'right' as const,
            })),
            {
              title: t('ops.link'),
              dataIndex: 'temporalUiUrl',
              render: (url: string | null) =>
                url ? (
                  <Typography.Link href={url} target="_blank" rel="noopener noreferrer">
                    {t('ops.openInTemporal')}
                  </Typography.Link>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </section>
  );
}
