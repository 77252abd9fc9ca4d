import { Form, Input, Modal, Radio } from 'antd';
import type { components } from '../api/schema';
import { useLocale } from '../i18n/locale';

type Task = components['schemas']['SupportTask'];

export interface CloseTaskValues {
  status: 'done' | 'cancelled';
  note?: string;
}

/** Closing a task by hand: done or cancelled, with an optional note (the API records who closed it). */
export function CloseTaskDialog({
  task,
  onSubmit,
  onCancel,
}: {
  task: Task;
  onSubmit: (values: CloseTaskValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const [form] = Form.useForm<CloseTaskValues>();
  return (
    <Modal
      open
      title={t('tasks.closeTitle', { id: task.taskId })}
      okText={t('action.ok')}
      cancelText={t('action.cancel')}
      onOk={async () => onSubmit(await form.validateFields())}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ status: 'done' }} name="close-task">
        <Form.Item name="status" label={t('tasks.closeAs')}>
          <Radio.Group
            options={[
              { value: 'done', label: t('tasks.doneStatus') },
              { value: 'cancelled', label: t('tasks.cancelled') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('tasks.note')}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Assigning an open task to an agent (an API key id or agent id); empty unassigns it. */
export function AssignTaskDialog({
  task,
  onSubmit,
  onCancel,
}: {
  task: Task;
  onSubmit: (assignee: string | null) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const [form] = Form.useForm<{ assignee?: string }>();
  return (
    <Modal
      open
      title={t('tasks.assignTitle', { id: task.taskId })}
      okText={t('action.ok')}
      cancelText={t('action.cancel')}
      onOk={async () => {
        const { assignee } = await form.validateFields();
        await onSubmit(assignee?.trim() ? assignee.trim() : null);
      }}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ assignee: task.assignee ?? '' }}
        name="assign-task"
      >
        <Form.Item name="assignee" label={t('tasks.assignee')} extra={t('tasks.assigneeHelp')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
