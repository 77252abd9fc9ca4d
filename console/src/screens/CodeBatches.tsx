import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { call, problemOf, type Problem } from '../api/problem';
import type { components } from '../api/schema';
import { CreditKindFields, creditKindTerms, type CreditKindValues } from '../components/CreditKindFields';
import { ProblemAlert } from '../components/ProblemAlert';
import { money, toMinor } from '../format';
import { useLocale } from '../i18n/locale';

type Batch = components['schemas']['CodeBatch'];
type Code = components['schemas']['PromotionCode'];

interface BatchValues extends CreditKindValues {
  kind: 'unique' | 'shared';
  count?: number;
  code?: string;
  totalLimit?: number;
  perCustomerLimit?: number;
  /** Currency units as typed; the API takes integer minor units. */
  amount: number;
}

/** How many codes the screen shows of a new batch (the API pages them for export). */
const FIRST_PAGE = 50;

/**
 * Promotion codes of a campaign (growth): create a batch of unique codes or a shared code, then its summary and first
 * page of codes, each voidable. The API lists no batches per campaign, so the screen shows the batch it just made.
 */
export function CodeBatches({ campaignId }: { campaignId: string }) {
  const { t } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<BatchValues>();
  const kind = Form.useWatch('kind', form) ?? 'unique';
  const creditKind = Form.useWatch('creditKind', form) ?? 'cash';
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [shown, setShown] = useState<{ batch: Batch; codes: Code[] } | null>(null);

  const load = async (batchId: string) => {
    const [batch, page] = await Promise.all([
      call(api.GET('/v1/code-batches/{batchId}', { params: { path: { batchId } } })),
      call(
        api.GET('/v1/code-batches/{batchId}/codes', {
          params: { path: { batchId }, query: { limit: FIRST_PAGE } },
        }),
      ),
    ]);
    setShown({ batch, codes: page.items });
  };

  const create = async (values: BatchValues) => {
    setProblem(null);
    setSubmitting(true);
    const reward: components['schemas']['CodeReward'] = {
      amount: toMinor(values.amount),
      ...creditKindTerms(values),
      scope: { type: 'all' },
      stacking: 'stackable',
    };
    const body: components['schemas']['NewCodeBatch'] =
      values.kind === 'unique'
        ? { kind: 'unique', count: values.count ?? 0, reward }
        : {
            kind: 'shared',
            code: (values.code ?? '').trim(),
            perCustomerLimit: values.perCustomerLimit ?? 1,
            ...(values.totalLimit ? { totalLimit: values.totalLimit } : {}),
            reward,
          };
    try {
      const batch = await call(
        api.POST('/v1/campaigns/{id}/code-batches', { params: { path: { id: campaignId } }, body }),
      );
      await load(batch.batchId);
      void message.success(t('codes.created'));
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setSubmitting(false);
    }
  };

  const voidCode = async (code: Code) => {
    if (!shown) return;
    setProblem(null);
    try {
      await call(api.POST('/v1/codes/{code}/void', { params: { path: { code: code.code } } }));
      void message.success(t('action.done'));
      await load(shown.batch.batchId);
    } catch (err) {
      setProblem(problemOf(err));
    }
  };

  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('codes.title')}</h2>}
      data-testid="code-batches"
    >
      {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
      <Form<BatchValues>
        form={form}
        name="code-batch"
        layout="inline"
        initialValues={{ kind: 'unique', count: 10, perCustomerLimit: 1, creditKind: 'cash' }}
        onFinish={create}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="kind" label={t('codes.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'unique', label: t('codes.kind.unique') },
              { value: 'shared', label: t('codes.kind.shared') },
            ]}
          />
        </Form.Item>
        {kind === 'unique' ? (
          <Form.Item
            name="count"
            label={t('codes.count')}
            rules={[{ required: true, message: t('codes.required') }]}
          >
            <InputNumber min={1} max={100_000} precision={0} />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="code"
              label={t('codes.code')}
              rules={[{ required: true, whitespace: true, message: t('codes.required') }]}
            >
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="totalLimit" label={t('codes.totalLimit')}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item name="perCustomerLimit" label={t('codes.perCustomerLimit')}>
              <InputNumber min={1} max={1000} precision={0} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="amount"
          label={t('codes.amount')}
          tooltip={t('adjustments.amountHelp')}
          rules={[{ required: true, message: t('codes.required') }]}
        >
          <InputNumber min={0.01} step={0.01} precision={2} />
        </Form.Item>
        <CreditKindFields kind={creditKind} />
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="code-batch-submit">
          {t('codes.create')}
        </Button>
      </Form>
      {shown && (
        <>
          <Descriptions
            style={{ marginTop: 16 }}
            size="small"
            column={{ xs: 1, md: 3 }}
            data-testid="code-batch-summary"
            items={[
              { key: 'id', label: t('codes.batch'), children: shown.batch.batchId },
              { key: 'kind', label: t('codes.kind'), children: t(`codes.kind.${shown.batch.kind}`) },
              { key: 'codes', label: t('codes.codes'), children: shown.batch.codes },
              { key: 'claimed', label: t('codes.claimed'), children: shown.batch.claimed },
              { key: 'voided', label: t('codes.voided'), children: shown.batch.voided },
              {
                key: 'reward',
                label: t('codes.amount'),
                children: money((shown.batch.reward as { amount?: number } | undefined)?.amount),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('codes.firstPage', { n: Math.min(FIRST_PAGE, shown.batch.codes) })}
          </Typography.Paragraph>
          <Table<Code>
            size="small"
            data-testid="codes-table"
            rowKey="code"
            pagination={false}
            dataSource={shown.codes}
            columns={[
              { title: t('codes.code'), dataIndex: 'display', render: (v: string) => <code>{v}</code> },
              {
                title: t('campaigns.status'),
                dataIndex: 'status',
                render: (s: Code['status']) => <Tag data-status={s}>{t(`codes.status.${s}`)}</Tag>,
              },
              { title: t('codes.claims'), dataIndex: 'claims' },
              {
                title: t('tasks.actions'),
                key: 'actions',
                render: (_, code) =>
                  code.status === 'active' ? (
                    <Popconfirm
                      title={t('codes.confirmVoid')}
                      okText={t('action.ok')}
                      cancelText={t('action.cancel')}
                      onConfirm={() => voidCode(code)}
                    >
                      <Button size="small" danger data-testid="void-code">
                        {t('codes.void')}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
