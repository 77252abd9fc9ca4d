import { Button, Card, Space, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { call } from '../../api/problem';
import { useApiData } from '../../api/use-api-data';
import { ProblemAlert } from '../../components/ProblemAlert';
import { dateTime, money } from '../../format';
import { useLocale } from '../../i18n/locale';

const PAGE_SIZE = 10;

/** The customer's credit statement, newest first, paged by the API's cursor (the stack of cursors steps back). */
export function CustomerStatement({ customerId }: { customerId: string }) {
  const { t } = useLocale();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const { data, problem, loading } = useApiData(
    () =>
      call(
        api.GET('/v1/customers/{id}/statement', {
          params: { path: { id: customerId }, query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    [customerId, cursor],
  );
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('customers.statement')}</h2>}
      extra={
        <Space>
          <Button
            size="small"
            data-testid="statement-newer"
            disabled={cursors.length === 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            {t('audit.newer')}
          </Button>
          <Button
            size="small"
            data-testid="statement-older"
            disabled={!data?.nextCursor}
            onClick={() => data?.nextCursor && setCursors((c) => [...c, data.nextCursor ?? undefined])}
          >
            {t('audit.older')}
          </Button>
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      {problem && <ProblemAlert problem={problem} />}
      <Table
        data-testid="statement-table"
        size="small"
        rowKey={(e) => `${e.transactionId}/${e.lotId}`}
        loading={loading}
        pagination={false}
        dataSource={data?.entries ?? []}
        columns={[
          { title: t('customers.at'), dataIndex: 'occurredAt', render: (v: string) => dateTime(v) },
          { title: t('customers.entryType'), dataIndex: 'type' },
          {
            title: t('finance.amount'),
            dataIndex: 'amount',
            align: 'right' as const,
            render: (v: number) => money(v),
          },
          { title: t('customers.lot'), dataIndex: 'lotId' },
          { title: t('customers.memo'), dataIndex: 'memo', render: (v: string | null) => v ?? '' },
        ]}
      />
    </Card>
  );
}
