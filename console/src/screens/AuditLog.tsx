import { Button, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { call } from '../api/problem';
import type { components } from '../api/schema';
import { useApiData } from '../api/use-api-data';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLocale } from '../i18n/locale';

type Entry = components['schemas']['AuditEntry'];

interface Filters {
  actor?: string;
  resource?: string;
  operationId?: string;
}

const PAGE_SIZE = 20;

/** Only the filters given, trimmed: the API refuses empty strings as ids or paths. */
function given(filters: Filters): Filters {
  const out: Filters = {};
  for (const name of ['actor', 'resource', 'operationId'] as const) {
    const value = filters[name]?.trim();
    if (value) out[name] = value;
  }
  return out;
}

/**
 * The audit log (ops, finance): who changed what, newest first, filtered by actor, resource path prefix or operation,
 * paged by `before` (the last entry id seen; the stack of earlier cursors steps back).
 */
export function AuditLog() {
  const { t } = useLocale();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  /** The `before` cursor of each page opened so far; the last is the page shown (undefined: the newest). */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const { data, problem, loading } = useApiData(
    () =>
      call(
        api.GET('/v1/audit', {
          params: { query: { ...filters, limit: PAGE_SIZE, ...(before ? { before } : {}) } },
        }),
      ),
    [filters, before],
  );

  return (
    <section aria-labelledby="audit-title">
      <Typography.Title level={1} id="audit-title" style={{ fontSize: 22 }}>
        {t('audit.title')}
      </Typography.Title>
      <Form<Filters>
        form={form}
        name="audit"
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(values) => {
          setFilters(given(values));
          setCursors([undefined]);
        }}
      >
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="resource" label={t('audit.resource')} tooltip={t('audit.resourceHelp')}>
          <Input style={{ width: 220 }} placeholder="/v1/campaigns/…" />
        </Form.Item>
        <Form.Item name="operationId" label={t('audit.operation')}>
          <Input style={{ width: 180 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-search">
          {t('audit.search')}
        </Button>
      </Form>
      {problem && <ProblemAlert problem={problem} />}
      <Table<Entry>
        data-testid="audit-table"
        rowKey="entryId"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        scroll={{ x: true }}
        columns={[
          { title: '#', dataIndex: 'entryId' },
          { title: t('audit.at'), dataIndex: 'occurredAt' },
          {
            title: t('audit.actor'),
            key: 'actor',
            render: (_, e) => `${e.actorName} (${e.actorKeyId})`,
          },
          { title: t('audit.operation'), dataIndex: 'operationId' },
          { title: t('audit.method'), dataIndex: 'method' },
          { title: t('audit.resource'), dataIndex: 'resource', render: (v: string) => <code>{v}</code> },
          { title: t('audit.status'), dataIndex: 'status' },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="audit-newer"
        >
          {t('audit.newer')}
        </Button>
        <Button
          disabled={!data?.next}
          onClick={() => {
            const next = data?.next;
            if (next) setCursors((c) => [...c, next]);
          }}
          data-testid="audit-older"
        >
          {t('audit.older')}
        </Button>
      </Space>
    </section>
  );
}
