import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { call } from '../../api/problem';
import type { GetJson as Json } from '../../api/types';
import { useApiData } from '../../api/use-api-data';
import { ProblemAlert } from '../../components/ProblemAlert';
import { dateTime } from '../../format';
import { useLocale } from '../../i18n/locale';

type Journey = Json<'/v1/customers/{id}/journeys'>['items'][number];

/** Solid tags, white text on dark tones (the light presets miss WCAG AA contrast). */
const STATUS_COLORS: Record<string, string | undefined> = {
  running: '#0958d9',
  waiting: '#0958d9',
  pending: '#ad4e00',
  completed: '#237804',
  failed: '#a8071a',
  refused: '#a8071a',
};

/** Every journey of the customer: where it is, when it wakes next, and its page in the Temporal Web UI. */
export function CustomerJourneys({ customerId }: { customerId: string }) {
  const { t } = useLocale();
  const { data, problem, loading, reload } = useApiData(
    () => call(api.GET('/v1/customers/{id}/journeys', { params: { path: { id: customerId } } })),
    [customerId],
  );
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('customers.journeys')}</h2>}
      extra={
        <Space>
          {data?.temporalUiUrl && (
            <Typography.Link
              href={data.temporalUiUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="temporal-ui-customer"
            >
              {t('customers.temporalUi')}
            </Typography.Link>
          )}
          <Button size="small" onClick={reload} data-testid="journeys-reload">
            {t('reload')}
          </Button>
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      {problem && <ProblemAlert problem={problem} />}
      <Table<Journey>
        data-testid="journeys-table"
        size="small"
        rowKey="workflowId"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('customers.noJourneys') }}
        columns={[
          { title: t('campaigns.journeyType'), dataIndex: 'journeyType' },
          { title: t('finance.campaign'), dataIndex: 'campaignId' },
          {
            title: t('customers.journeyStatus'),
            dataIndex: 'status',
            render: (status: string) => (
              <Tag color={STATUS_COLORS[status]} data-status={status}>
                {status}
              </Tag>
            ),
          },
          { title: t('customers.step'), dataIndex: 'step' },
          {
            title: t('customers.nextWake'),
            dataIndex: 'nextWakeAt',
            render: (v: string | undefined) => dateTime(v),
          },
          {
            title: t('customers.workflow'),
            dataIndex: 'workflowId',
            render: (id: string, j: Journey) =>
              j.temporalUiUrl ? (
                <Typography.Link href={j.temporalUiUrl} target="_blank" rel="noopener noreferrer">
                  {id}
                </Typography.Link>
              ) : (
                id
              ),
          },
        ]}
      />
    </Card>
  );
}
