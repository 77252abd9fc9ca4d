import { App as AntApp, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useAccess } from '../access';
import { api } from '../api/client';
import { call, problemOf, type Problem } from '../api/problem';
import { allPages, PAGE_LIMIT } from '../api/pages';
import { useApiData } from '../api/use-api-data';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLocale } from '../i18n/locale';
import { ConditionGroup } from './segments/ConditionGroup';
import { filterOf, newGroup, type AttributeType, type Group } from './segments/segment-model';

/** How long the builder waits after the last change before counting: typing a value is one request, not five. */
const DEBOUNCE_MS = 500;

type LiveCount =
  | { state: 'checking' }
  | { state: 'counted'; count: number; sample: string[] }
  | { state: 'refused'; problem: Problem };

/**
 * The filter's live count (POST /v1/segments/preview) a moment after it stops changing; the answer to an older filter
 * is dropped when a newer one is on its way. A filter the API refuses shows its 422 with the located issues.
 */
function useLiveCount(filter: unknown): LiveCount {
  const json = JSON.stringify(filter);
  // The answer and the filter it is about: an answer about another filter means "checking" for this one.
  const [answer, setAnswer] = useState<{ json: string; count: LiveCount } | null>(null);
  useEffect(() => {
    let current = true;
    const body = { filter: JSON.parse(json) as Record<string, unknown> };
    const timer = setTimeout(() => {
      call(api.POST('/v1/segments/preview', { body })).then(
        (preview) => {
          if (current)
            setAnswer({ json, count: { state: 'counted', count: preview.count, sample: preview.sample } });
        },
        (err: unknown) => {
          if (current) setAnswer({ json, count: { state: 'refused', problem: problemOf(err) } });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [json]);
  return answer?.json === json ? answer.count : { state: 'checking' };
}

/** Growth's audiences: the saved segments with their count on demand, and a builder with a live count. */
export function Segments() {
  const { t } = useLocale();
  const access = useAccess();
  const { message } = AntApp.useApp();
  const segments = useApiData(
    () =>
      allPages((after) =>
        call(
          api.GET('/v1/segments', { params: { query: { limit: PAGE_LIMIT, ...(after ? { after } : {}) } } }),
        ),
      ),
    [],
  );
  const catalog = useApiData(async () => (await call(api.GET('/v1/attribute-types'))).items, []);
  const types = useMemo(
    () => new Map<string, AttributeType>((catalog.data ?? []).map((a) => [a.name, a.type])),
    [catalog.data],
  );
  const [group, setGroup] = useState<Group>(() => newGroup());
  const filter = useMemo(() => filterOf(group, types), [group, types]);
  const live = useLiveCount(filter);
  const [counts, setCounts] = useState<Record<string, number | Problem>>({});
  const [saveProblem, setSaveProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const countSaved = async (segmentId: string) => {
    try {
      const preview = await call(
        api.GET('/v1/segments/{id}/preview', { params: { path: { id: segmentId } } }),
      );
      setCounts((c) => ({ ...c, [segmentId]: preview.count }));
    } catch (err) {
      setCounts((c) => ({ ...c, [segmentId]: problemOf(err) }));
    }
  };

  const save = async () => {
    const { name } = await form.validateFields();
    setSaving(true);
    setSaveProblem(null);
    try {
      await call(
        api.POST('/v1/segments', { body: { name: name.trim(), filter: filter as Record<string, unknown> } }),
      );
      void message.success(t('segments.saved'));
      form.resetFields();
      segments.reload();
    } catch (err) {
      setSaveProblem(problemOf(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="segments-title">
      <Typography.Title level={1} id="segments-title" style={{ fontSize: 22 }}>
        {t('segments.title')}
      </Typography.Title>
      {segments.problem && <ProblemAlert problem={segments.problem} />}
      {catalog.problem && <ProblemAlert problem={catalog.problem} />}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('segments.list')}</h2>}>
        <Table
          size="small"
          rowKey="segmentId"
          data-testid="segments-table"
          loading={segments.loading}
          dataSource={segments.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('segments.name'), dataIndex: 'name' },
            {
              title: t('segments.filter'),
              key: 'filter',
              render: (_, s) => <Typography.Text code>{JSON.stringify(s.filter)}</Typography.Text>,
            },
            { title: t('segments.createdAt'), dataIndex: 'createdAt' },
            {
              title: t('segments.countNow'),
              key: 'count',
              render: (_, s) => {
                const counted = counts[s.segmentId];
                if (counted === undefined)
                  return (
                    <Button
                      size="small"
                      onClick={() => void countSaved(s.segmentId)}
                      data-testid="segment-count"
                    >
                      {t('segments.count')}
                    </Button>
                  );
                return typeof counted === 'number' ? (
                  <span data-testid="segment-count-value">{counted}</span>
                ) : (
                  <Tag color="error">{counted.status}</Tag>
                );
              },
            },
          ]}
        />
      </Card>
      {access.may('createSegment') && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('segments.new')}</h2>}
        >
          <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <div style={{ flex: 1, minWidth: 520 }}>
              <ConditionGroup group={group} types={types} depth={0} path="g" onChange={setGroup} />
            </div>
            <Card size="small" style={{ width: 280 }} title={t('segments.live')} data-testid="segment-live">
              <div data-testid="segment-live-state" data-state={live.state}>
                {live.state === 'counted' && (
                  <>
                    <Typography.Text
                      strong
                      style={{ fontSize: 24, display: 'block' }}
                      data-testid="segment-live-count"
                      data-count={live.count}
                    >
                      {t('segments.liveCount', { n: live.count })}
                    </Typography.Text>
                    {live.sample.length > 0 && (
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
                        {t('segments.sample')}
                        {live.sample.slice(0, 5).join(', ')}
                        {live.sample.length > 5 ? ' …' : ''}
                      </Typography.Paragraph>
                    )}
                  </>
                )}
                {live.state === 'checking' && (
                  <Typography.Text type="secondary">{t('segments.checking')}</Typography.Text>
                )}
                {live.state === 'refused' && <ProblemAlert problem={live.problem} />}
              </div>
            </Card>
          </div>
          {saveProblem && <ProblemAlert problem={saveProblem} onClose={() => setSaveProblem(null)} />}
          <Form form={form} name="segment" layout="inline" requiredMark={false} style={{ marginTop: 12 }}>
            <Form.Item
              name="name"
              label={t('segments.name')}
              rules={[{ required: true, whitespace: true, max: 200 }]}
            >
              <Input style={{ width: 260 }} />
            </Form.Item>
            <Space>
              <Button
                type="primary"
                loading={saving}
                disabled={live.state === 'refused'}
                onClick={() => void save()}
                data-testid="segment-save"
              >
                {t('segments.save')}
              </Button>
            </Space>
          </Form>
        </Card>
      )}
    </section>
  );
}
