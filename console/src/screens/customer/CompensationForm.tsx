import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { call, problemOf, type Problem } from '../../api/problem';
import { useApiData } from '../../api/use-api-data';
import { ProblemAlert } from '../../components/ProblemAlert';
import { money, toMinor } from '../../format';
import { useLocale } from '../../i18n/locale';

interface Values {
  campaignId: string;
  /** Currency units as typed; the API takes integer minor units. */
  amount: number;
  reason: string;
}

/**
 * A compensation credit for this customer (客情维护), with what the signed-in agent may still grant: the quota is read
 * before and after each request; the journey checks it again when it runs, and above the threshold a manager approves.
 */
export function CompensationForm({
  customerId,
  onSubmitted,
}: {
  customerId: string;
  onSubmitted: () => void;
}) {
  const { t } = useLocale();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  // The launched compensation campaigns to pick from (the only one is picked already); the quota is the picked one's.
  const campaigns = useApiData(
    async () => (await call(api.GET('/v1/support/compensation-campaigns'))).items,
    [customerId],
  );
  const picked = Form.useWatch('campaignId', form);
  const only = campaigns.data?.length === 1 ? campaigns.data[0]!.campaignId : undefined;
  const campaignId: string | undefined = picked ?? only;
  // The only campaign is picked for the agent (a choice only when there are several).
  useEffect(() => {
    if (only !== undefined && form.getFieldValue('campaignId') === undefined)
      form.setFieldsValue({ campaignId: only });
  }, [only, form]);
  const quota = useApiData(
    async () =>
      campaignId === undefined
        ? null
        : call(api.GET('/v1/support/quota', { params: { query: { campaignId } } })),
    [customerId, campaignId],
  );

  const submit = async (values: Values) => {
    setActionProblem(null);
    setSubmitted(null);
    setSubmitting(true);
    try {
      const accepted = await call(
        api.POST('/v1/support/credits', {
          body: {
            customerId,
            campaignId: values.campaignId,
            amount: toMinor(values.amount),
            reason: values.reason.trim(),
          },
        }),
      );
      setSubmitted(accepted.workflowId);
      form.resetFields(['amount', 'reason']);
      quota.reload();
      onSubmitted();
    } catch (err) {
      setActionProblem(problemOf(err));
    } finally {
      setSubmitting(false);
    }
  };

  const q = quota.data;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('compensation.title')}</h2>}
      style={{ marginBottom: 16 }}
      data-testid="compensation"
    >
      {campaigns.problem && <ProblemAlert problem={campaigns.problem} />}
      {quota.problem && <ProblemAlert problem={quota.problem} />}
      {q && (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          data-testid="compensation-quota"
          style={{ marginBottom: 16 }}
        >
          <Descriptions.Item label={t('compensation.remainingToday')}>
            {/* One span: the item's content is a flex box, which would trim the space before the slash. */}
            <span>
              <span data-testid="quota-remaining-today">{money(q.remainingToday)}</span>
              {` / ${money(q.dailyQuota)}`}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('compensation.remainingThisMonth')}>
            {`${money(q.remainingThisMonth)} / ${money(q.monthlyQuota)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('compensation.threshold')}>
            {money(q.approvalThreshold)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {submitted && (
        <Alert
          type="success"
          showIcon
          data-testid="compensation-result"
          style={{ marginBottom: 16 }}
          title={t('compensation.submitted', { id: submitted })}
        />
      )}
      {actionProblem && <ProblemAlert problem={actionProblem} onClose={() => setActionProblem(null)} />}
      <Form<Values>
        form={form}
        name="compensation"
        layout="vertical"
        onFinish={submit}
        style={{ maxWidth: 480 }}
      >
        <Form.Item
          name="campaignId"
          label={t('compensation.campaign')}
          rules={[{ required: true, message: t('compensation.campaignRequired') }]}
        >
          <Select
            data-testid="compensation-campaign"
            loading={campaigns.loading}
            options={(campaigns.data ?? []).map((c) => ({
              value: c.campaignId,
              label: `${c.name} (${c.campaignId})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('compensation.amount')}
          rules={[{ required: true, message: t('codes.required') }]}
        >
          <InputNumber min={0.01} step={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('compensation.reason')}
          rules={[{ required: true, min: 3, message: t('compensation.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="compensation-submit">
          {t('compensation.submit')}
        </Button>
      </Form>
    </Card>
  );
}
