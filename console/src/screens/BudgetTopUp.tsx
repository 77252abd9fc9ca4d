import { App as AntApp, Button, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { call, problemOf, type Problem } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { toMinor } from '../format';
import { useLocale } from '../i18n/locale';

interface TopUpValues {
  /** Currency units as typed; the API takes integer minor units. */
  amount: number;
  reason: string;
}

/**
 * Top up a campaign's budget with a reason (growth, finance). A launched campaign takes it from the program budget at
 * once, so the API may refuse it (422 program-budget-exceeded), shown in the dialog.
 */
export function BudgetTopUp({ campaignId, onDone }: { campaignId: string; onDone: () => void }) {
  const { t } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<TopUpValues>();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setProblem(null);
    try {
      await call(
        api.POST('/v1/campaigns/{id}/budget', {
          params: { path: { id: campaignId } },
          body: { amount: toMinor(values.amount), reason: values.reason.trim() },
        }),
      );
      setOpen(false);
      form.resetFields();
      void message.success(t('action.done'));
      onDone();
    } catch (err) {
      setProblem(problemOf(err));
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="budget-top-up">
        {t('budget.topUp')}
      </Button>
      <Modal
        open={open}
        title={t('budget.topUp')}
        okText={t('action.ok')}
        cancelText={t('action.cancel')}
        onOk={submit}
        onCancel={() => {
          setOpen(false);
          setProblem(null);
        }}
        destroyOnHidden
      >
        {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
        <Form form={form} layout="vertical" name="budget">
          <Form.Item
            name="amount"
            label={t('budget.amount')}
            extra={t('adjustments.amountHelp')}
            rules={[{ required: true, message: t('adjustments.required') }]}
          >
            <InputNumber min={0.01} step={0.01} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('adjustments.reason')}
            rules={[{ required: true, whitespace: true, min: 3, message: t('adjustments.reasonRule') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
