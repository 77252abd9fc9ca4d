import {
  Button,
  Card,
  Collapse,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { call, problemOf, type Problem } from '../api/problem';
import type { paths } from '../api/schema';
import { ProblemAlert } from '../components/ProblemAlert';
import { money, toMinor } from '../format';
import { useLocale } from '../i18n/locale';

type SimulateOperation = paths['/v1/campaigns/{id}/simulate']['post'];
type SimulationBody = NonNullable<SimulateOperation['requestBody']>['content']['application/json'];
type SimulationAnswer = SimulateOperation['responses'][200]['content']['application/json'];
type SimulationResult = SimulationAnswer['results'][number];

const EVENT_TYPES = ['signed_up', 'order_placed', 'order_refunded', 'active', 'custom'] as const;
type EventType = (typeof EVENT_TYPES)[number];

/** One row of the timeline editor: when, and what the customer does. */
interface TimelineRow {
  days: number;
  hours: number;
  type: EventType;
  /** Order amount in currency units (order_placed). */
  amount?: number;
  /** The order an order_placed creates or an order_refunded names. */
  orderId?: string;
  /** The custom event's name (declared in the event catalog). */
  name?: string;
}

interface SimulationForm {
  locale: 'zh-CN' | 'en';
  horizonDays: number;
  events: TimelineRow[];
}

const INITIAL: SimulationForm = {
  locale: 'zh-CN',
  horizonDays: 90,
  events: [
    { days: 0, hours: 0, type: 'signed_up' },
    { days: 0, hours: 1, type: 'order_placed', amount: 150, orderId: 'order-1' },
  ],
};

/** A row as the API's timeline entry (offsets as ISO 8601 durations, money in minor units). */
function toEntry(row: TimelineRow, email: string, locale: SimulationForm['locale']) {
  const at = `P${row.days}DT${row.hours}H`;
  switch (row.type) {
    case 'signed_up':
      return { at, event: { type: 'signed_up' as const, email, locale } };
    case 'order_placed':
      return {
        at,
        event: {
          type: 'order_placed' as const,
          orderId: row.orderId || 'order-1',
          amount: toMinor(row.amount ?? 0),
          categories: [],
        },
      };
    case 'order_refunded':
      return { at, event: { type: 'order_refunded' as const, orderId: row.orderId || 'order-1' } };
    case 'active':
      return { at, event: { type: 'active' as const, activity: 'visit' } };
    case 'custom':
      return { at, event: { type: 'custom' as const, name: row.name ?? '', properties: {} } };
  }
}

/**
 * Simulate (growth, ops): a customer timeline edited here runs on the genuine journey of this campaign, months in
 * seconds, with a scratch ledger and captured mail; the answer shows each step, credit, email and the cost.
 */
export function Simulate({ campaignId }: { campaignId: string }) {
  const { t } = useLocale();
  const [form] = Form.useForm<SimulationForm>();
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<SimulationResult | null>(null);

  const run = async () => {
    const values = await form.validateFields();
    setProblem(null);
    setRunning(true);
    try {
      const body: SimulationBody = {
        timelines: [
          {
            profile: {
              customerId: 'sim-customer',
              email: 'customer@example.com',
              locale: values.locale,
              orders: [],
              credit: [],
            },
            events: values.events.map((row) => toEntry(row, 'customer@example.com', values.locale)),
            horizon: `P${values.horizonDays}D`,
          },
        ],
      };
      const answer = await call(
        api.POST('/v1/campaigns/{id}/simulate', { params: { path: { id: campaignId } }, body }),
      );
      setResult(answer.results[0] ?? null);
    } catch (err) {
      setResult(null);
      setProblem(problemOf(err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card style={{ marginTop: 16 }} title={t('simulate.title')} data-testid="simulate">
      <Typography.Paragraph type="secondary">{t('simulate.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={INITIAL} requiredMark={false}>
        <Space wrap>
          <Form.Item name="locale" label={t('simulate.locale')}>
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="horizonDays"
            label={t('simulate.horizon')}
            rules={[{ required: true, type: 'integer', min: 1, max: 1096 }]}
          >
            <InputNumber min={1} max={1096} addonAfter={t('simulate.days')} />
          </Form.Item>
        </Space>
        <Form.List name="events">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} wrap align="baseline" data-testid={`simulate-row-${i}`}>
                  <Form.Item
                    name={[field.name, 'days']}
                    label={t('simulate.day')}
                    rules={[{ required: true, type: 'integer', min: 0, max: 1096 }]}
                  >
                    <InputNumber min={0} max={1096} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'hours']}
                    label={t('simulate.hour')}
                    rules={[{ required: true, type: 'integer', min: 0, max: 23 }]}
                  >
                    <InputNumber min={0} max={23} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'type']} label={t('simulate.event')}>
                    <Select
                      style={{ width: 160 }}
                      options={EVENT_TYPES.map((type) => ({
                        value: type,
                        label: t(`simulate.type.${type}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const type = form.getFieldValue(['events', field.name, 'type']) as EventType;
                      return (
                        <>
                          {type === 'order_placed' && (
                            <Form.Item
                              name={[field.name, 'amount']}
                              label={t('simulate.amount')}
                              rules={[{ required: true, type: 'number', min: 0.01 }]}
                            >
                              <InputNumber min={0.01} step={1} precision={2} />
                            </Form.Item>
                          )}
                          {(type === 'order_placed' || type === 'order_refunded') && (
                            <Form.Item name={[field.name, 'orderId']} label={t('simulate.orderId')}>
                              <Input style={{ width: 120 }} placeholder="order-1" />
                            </Form.Item>
                          )}
                          {type === 'custom' && (
                            <Form.Item
                              name={[field.name, 'name']}
                              label={t('simulate.customName')}
                              rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,63}$/ }]}
                            >
                              <Input style={{ width: 180 }} placeholder="cart_abandoned" />
                            </Form.Item>
                          )}
                        </>
                      );
                    }}
                  </Form.Item>
                  <Button onClick={() => remove(field.name)} aria-label={t('simulate.remove')}>
                    −
                  </Button>
                </Space>
              ))}
              <Space>
                <Button
                  onClick={() =>
                    add({ days: 1, hours: 0, type: 'order_placed', amount: 100, orderId: 'order-2' })
                  }
                >
                  + {t('simulate.add')}
                </Button>
                <Button type="primary" loading={running} onClick={run} data-testid="simulate-run">
                  {t('simulate.run')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
      {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
      {result && <SimulationView result={result} />}
    </Card>
  );
}

/** One simulated timeline: how it ended and what it cost, the summary, steps, credit and emails. */
function SimulationView({ result }: { result: SimulationResult }) {
  const { t } = useLocale();
  const ended = result.journeys.map((j) => `${j.status}${j.outcome ? ` · ${j.outcome}` : ''}`).join(', ');
  return (
    <div style={{ marginTop: 16 }} data-testid="simulate-result">
      <Space wrap size="large">
        <Statistic title={t('simulate.outcome')} value={ended || t('simulate.noJourney')} />
        <Statistic title={t('simulate.cost')} value={money(result.cost.net)} />
        <Statistic title={t('simulate.granted')} value={money(result.cost.granted)} />
        <Statistic title={t('simulate.emails')} value={result.emails.length} />
        {result.cost.pointsAwarded > 0 && (
          <Statistic title={t('simulate.points')} value={result.cost.pointsAwarded} />
        )}
      </Space>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('simulate.summary')}
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={result.summary}
        renderItem={(line) => <List.Item data-testid="simulate-summary-line">{line}</List.Item>}
      />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('simulate.steps')}
      </Typography.Title>
      {result.steps.length === 0 ? (
        <Empty description={t('simulate.noSteps')} />
      ) : (
        <Timeline
          items={result.steps.map((s) => ({
            children: (
              <span>
                <Typography.Text code>{s.at.slice(0, 16).replace('T', ' ')}</Typography.Text> {s.step}{' '}
                <Tag>{s.kind}</Tag>
              </span>
            ),
          }))}
        />
      )}
      <Table
        size="small"
        style={{ marginTop: 8 }}
        rowKey={(row) => `${row.at}-${row.type}-${row.lotId ?? ''}-${row.amount}`}
        pagination={false}
        dataSource={result.credit}
        locale={{ emptyText: t('simulate.noCredit') }}
        columns={[
          {
            title: t('simulate.at'),
            dataIndex: 'at',
            render: (v: string) => v.slice(0, 16).replace('T', ' '),
          },
          { title: t('simulate.movement'), dataIndex: 'type' },
          { title: t('simulate.amount'), dataIndex: 'amount', render: (v: number) => money(v) },
          { title: t('simulate.kind'), dataIndex: 'kind' },
          {
            title: t('simulate.expiresAt'),
            dataIndex: 'expiresAt',
            render: (v: string | null) => (v ? v.slice(0, 16).replace('T', ' ') : '—'),
          },
          { title: t('simulate.customer'), dataIndex: 'customerId' },
        ]}
      />
      {result.emails.length > 0 && (
        <Collapse
          style={{ marginTop: 16 }}
          items={result.emails.map((e, i) => ({
            key: i,
            label: `${e.at.slice(0, 16).replace('T', ' ')} · ${e.subject} (${e.locale})`,
            children: <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{e.text}</pre>,
          }))}
        />
      )}
    </div>
  );
}
