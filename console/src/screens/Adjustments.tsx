import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useAccess } from '../access';
import { api } from '../api/client';
import { firstPages } from '../api/pages';
import { call, problemOf, type Problem } from '../api/problem';
import type { components } from '../api/schema';
import { useApiData } from '../api/use-api-data';
import { CreditKindFields, creditKindTerms, type CreditKindValues } from '../components/CreditKindFields';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { MAX_CURRENCY_UNITS, money, toMinor } from '../format';
import { useLocale } from '../i18n/locale';

type Adjustment = components['schemas']['ManualAdjustment'];
type Action = Adjustment['action'];

/** The request's fields this form has an input for, by the body's name (the same as the form's). */
const FORM_FIELDS = new Set(['campaignId', 'amount', 'lotId', 'reason']);

/** The API's longest reason (a void or clawback prefixes it within the ledger's 500 characters). */
const REASON_MAX_LENGTH = 480;

/** Adjustments waiting for approval per page (the API's most). */
const ADJUSTMENTS_PER_PAGE = 200;

interface RequestValues extends CreditKindValues<'cash' | 'percent' | 'shipping'> {
  customerId: string;
  action: Action;
  campaignId?: string;
  /** Currency units as typed; the API takes integer minor units. */
  amount?: number;
  lotId?: string;
  reason: string;
}

/**
 * Manual credit adjustments: grant, void or claw back for a customer with a reason, and the adjustments waiting for a
 * second person's approval (the API refuses the requester's own decision with a 422, shown as it is).
 */
export function Adjustments() {
  const { t } = useLocale();
  const access = useAccess();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RequestValues>();
  const action = Form.useWatch('action', form) ?? 'grant';
  const creditKind = Form.useWatch('creditKind', form) ?? 'cash';
  const [submitting, setSubmitting] = useState(false);
  const [requested, setRequested] = useState<Adjustment | null>(null);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  // Pages loaded so far (newest first): the first on arrival, one more per "more".
  const [pages, setPages] = useState(1);
  const {
    data: loaded,
    problem: loadProblem,
    loading,
    reload,
  } = useApiData(
    () =>
      firstPages(
        (after: string | undefined) =>
          call(
            api.GET('/v1/adjustments', {
              params: {
                query: {
                  status: 'pending-approval',
                  limit: ADJUSTMENTS_PER_PAGE,
                  ...(after ? { after } : {}),
                },
              },
            }),
          ),
        pages,
      ),
    [pages],
  );
  const pending = loaded?.items;
  const problem = actionProblem ?? loadProblem;

  const submit = async (values: RequestValues) => {
    setActionProblem(null);
    setRequested(null);
    setSubmitting(true);
    const reason = values.reason.trim();
    const body: components['schemas']['ManualAdjustmentRequest'] =
      values.action === 'grant'
        ? {
            action: 'grant',
            campaignId: values.campaignId ?? '',
            amount: toMinor(values.amount ?? 0),
            ...creditKindTerms(values),
            reason,
          }
        : { action: values.action, lotId: values.lotId ?? '', reason };
    try {
      const adjustment = await call(
        api.POST('/v1/customers/{id}/adjustments', {
          params: { path: { id: values.customerId.trim() } },
          body,
        }),
      );
      setRequested(adjustment);
      reload();
    } catch (err) {
      const problem = problemOf(err);
      setActionProblem(problem);
      // Issues about a field of this form also show on the field (the amount's in minor units, as the API says).
      form.setFields(
        problem.errors
          .filter((issue) => issue.path[0] === 'body' && FORM_FIELDS.has(String(issue.path[1])))
          .map((issue) => ({ name: String(issue.path[1]) as keyof RequestValues, errors: [issue.message] })),
      );
    } finally {
      setSubmitting(false);
    }
  };

  const decide = async (adjustment: Adjustment, decision: 'approve' | 'reject') => {
    setActionProblem(null);
    try {
      await call(
        api.POST('/v1/adjustments/{adjustmentId}/decision', {
          params: { path: { adjustmentId: adjustment.adjustmentId } },
          body: { decision },
        }),
      );
      void message.success(t('action.done'));
      reload();
    } catch (err) {
      setActionProblem(problemOf(err));
    }
  };

  return (
    <section aria-labelledby="adjustments-title">
      <Typography.Title level={1} id="adjustments-title" style={{ fontSize: 22 }}>
        {t('adjustments.title')}
      </Typography.Title>
      {problem && <ProblemAlert problem={problem} onClose={() => setActionProblem(null)} />}
      {access.may('requestAdjustment') && (
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('adjustments.new')}</h2>}
          style={{ marginBottom: 24 }}
        >
          {requested && (
            <Alert
              type="success"
              showIcon
              data-testid="adjustment-result"
              style={{ marginBottom: 16 }}
              title={t('adjustments.requested', {
                id: requested.adjustmentId,
                status: t(`adjustments.status.${requested.status}`),
              })}
            />
          )}
          <Form<RequestValues>
            form={form}
            name="adjustment"
            layout="vertical"
            initialValues={{ action: 'grant', creditKind: 'cash' }}
            onFinish={submit}
            style={{ maxWidth: 560 }}
          >
            <Form.Item
              name="customerId"
              label={t('adjustments.customer')}
              rules={[{ required: true, whitespace: true, message: t('adjustments.required') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="action" label={t('adjustments.action')}>
              <Radio.Group
                optionType="button"
                options={(['grant', 'void', 'clawback'] as const).map((a) => ({
                  value: a,
                  label: t(`adjustments.action.${a}`),
                }))}
              />
            </Form.Item>
            {action === 'grant' ? (
              <>
                <Form.Item
                  name="campaignId"
                  label={t('adjustments.campaign')}
                  rules={[{ required: true, whitespace: true, message: t('adjustments.required') }]}
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name="amount"
                  label={t('adjustments.amount')}
                  extra={`${t('adjustments.amountHelp')} ${creditKind === 'cash' ? '' : t('credit.amountIsCap')}`}
                  rules={[
                    { required: true, message: t('adjustments.required') },
                    // A rule, not the input's max: that one clamps silently what was typed.
                    {
                      type: 'number',
                      max: MAX_CURRENCY_UNITS,
                      message: t('amount.tooLarge', { max: MAX_CURRENCY_UNITS }),
                    },
                  ]}
                >
                  <InputNumber min={0.01} step={0.01} precision={2} style={{ width: 200 }} />
                </Form.Item>
                <CreditKindFields kind={creditKind} kinds={['cash', 'percent', 'shipping']} />
              </>
            ) : (
              <Form.Item
                name="lotId"
                label={t('adjustments.lot')}
                rules={[{ required: true, whitespace: true, message: t('adjustments.required') }]}
              >
                <Input />
              </Form.Item>
            )}
            <Form.Item
              name="reason"
              label={t('adjustments.reason')}
              rules={[{ required: true, whitespace: true, min: 3, message: t('adjustments.reasonRule') }]}
            >
              <Input.TextArea rows={2} maxLength={REASON_MAX_LENGTH} showCount />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="adjustment-submit">
              {t('adjustments.submit')}
            </Button>
          </Form>
        </Card>
      )}
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('adjustments.pending')}
      </Typography.Title>
      <Table<Adjustment>
        data-testid="adjustments-table"
        rowKey="adjustmentId"
        loading={loading}
        dataSource={pending ?? []}
        scroll={{ x: true }}
        columns={[
          { title: 'ID', dataIndex: 'adjustmentId' },
          { title: t('adjustments.customer'), dataIndex: 'customerId' },
          {
            title: t('adjustments.action'),
            dataIndex: 'action',
            render: (a: Action) => <Tag>{t(`adjustments.action.${a}`)}</Tag>,
          },
          { title: t('adjustments.amount'), dataIndex: 'amount', align: 'right', render: money },
          { title: t('adjustments.reason'), dataIndex: 'reason' },
          { title: t('adjustments.requestedBy'), dataIndex: 'requestedBy' },
          { title: t('adjustments.requestedAt'), dataIndex: 'requestedAt' },
          {
            title: t('tasks.actions'),
            key: 'actions',
            render: (_, adjustment) =>
              access.may('decideAdjustment') ? (
                <Space>
                  {(['approve', 'reject'] as const).map((d) => (
                    <Popconfirm
                      key={d}
                      title={t(`adjustments.confirm.${d}`)}
                      okText={t('action.ok')}
                      cancelText={t('action.cancel')}
                      onConfirm={() => decide(adjustment, d)}
                    >
                      <Button
                        size="small"
                        type={d === 'approve' ? 'primary' : 'default'}
                        danger={d === 'reject'}
                        data-testid={`adjustment-${d}`}
                      >
                        {t(`tasks.${d}`)}
                      </Button>
                    </Popconfirm>
                  ))}
                </Space>
              ) : null,
          },
        ]}
      />
      {loaded?.more && (
        <LoadMoreButton
          label={t('adjustments.more', { count: ADJUSTMENTS_PER_PAGE })}
          loading={loading}
          onMore={() => setPages((n) => n + 1)}
          testId="adjustments-more"
        />
      )}
    </section>
  );
}
