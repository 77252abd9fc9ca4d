import { App as AntApp, Button, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAccess } from '../access';
import { api } from '../api/client';
import { call, problemOf, type Problem } from '../api/problem';
import { firstPages } from '../api/pages';
import { useApiData } from '../api/use-api-data';
import type { components } from '../api/schema';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLocale } from '../i18n/locale';
import { AssignTaskDialog, CloseTaskDialog, type CloseTaskValues } from './TaskDialogs';

type Task = components['schemas']['SupportTask'];
type TaskStatus = 'open' | 'done' | 'cancelled';

/** Tasks per page of the API list. */
const TASKS_PER_PAGE = 100;

/** Task kinds that take an approve/reject decision (services/support.ts); the API checks who may decide which. */
const DECIDABLE = new Set([
  'compensation-approval',
  'referral-review',
  'approval-escalation',
  'points-dispute',
]);

/**
 * The support inbox: tasks by status, with approve / reject on open approvals behind a confirmation, closing by hand
 * (the API answers approvals with a 409, shown as it is) and assigning (support managers).
 */
export function SupportTasks() {
  const { t } = useLocale();
  const access = useAccess();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<TaskStatus>('open');
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'close' | 'assign'; task: Task } | null>(null);
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
        (before: number | undefined) =>
          call(
            api.GET('/v1/support/tasks', {
              params: { query: { status, limit: TASKS_PER_PAGE, ...(before ? { before } : {}) } },
            }),
          ),
        pages,
      ),
    [status, pages],
  );
  const tasks = loaded?.items;
  const problem = actionProblem ?? loadProblem;

  const decide = async (task: Task, decision: 'approve' | 'reject') => {
    setActionProblem(null);
    try {
      await call(
        api.POST('/v1/approvals/{id}', { params: { path: { id: task.taskId } }, body: { decision } }),
      );
      void message.success(t('action.done'));
      reload();
    } catch (err) {
      setActionProblem(problemOf(err));
    }
  };

  /** The dialog closes either way; a refusal shows above the table like any other. */
  const runDialogAction = async (request: () => Promise<unknown>) => {
    setActionProblem(null);
    setDialog(null);
    try {
      await request();
      void message.success(t('action.done'));
      reload();
    } catch (err) {
      setActionProblem(problemOf(err));
    }
  };
  const closeTask = (task: Task, values: CloseTaskValues) =>
    runDialogAction(() =>
      call(
        api.POST('/v1/support/tasks/{id}/close', {
          params: { path: { id: task.taskId } },
          body: { status: values.status, ...(values.note?.trim() ? { note: values.note.trim() } : {}) },
        }),
      ),
    );
  const assignTask = (task: Task, assignee: string | null) =>
    runDialogAction(() =>
      call(
        api.POST('/v1/support/tasks/{id}/assign', {
          params: { path: { id: task.taskId } },
          body: { assignee },
        }),
      ),
    );

  return (
    <section aria-labelledby="tasks-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={1} id="tasks-title" style={{ fontSize: 22, margin: 0 }}>
          {t('tasks.title')}
        </Typography.Title>
        {/* Radio buttons, not a Select: its open list has no accessible name (axe flags it). */}
        <Radio.Group
          aria-label={t('tasks.filter')}
          role="radiogroup"
          data-testid="tasks-filter"
          optionType="button"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as TaskStatus);
            setPages(1);
          }}
          options={[
            { value: 'open', label: t('tasks.open') },
            { value: 'done', label: t('tasks.doneStatus') },
            { value: 'cancelled', label: t('tasks.cancelled') },
          ]}
        />
      </Space>
      {problem && <ProblemAlert problem={problem} onClose={() => setActionProblem(null)} />}
      <Table<Task>
        data-testid="tasks-table"
        rowKey="taskId"
        loading={loading}
        dataSource={tasks ?? []}
        scroll={{ x: true }}
        columns={[
          { title: '#', dataIndex: 'taskId' },
          { title: t('tasks.kind'), dataIndex: 'kind', render: (kind: string) => <Tag>{kind}</Tag> },
          { title: t('tasks.customer'), dataIndex: 'customerId' },
          { title: t('tasks.taskTitle'), dataIndex: 'title' },
          { title: t('tasks.due'), dataIndex: 'dueAt', render: (v: string | null) => v ?? '—' },
          { title: t('tasks.assignee'), dataIndex: 'assignee', render: (v: string | null) => v ?? '—' },
          {
            title: t('tasks.closedBy'),
            dataIndex: 'closedBy',
            render: (v: string | null, task) => (v ? `${v} · ${task.closedAt ?? ''}` : '—'),
          },
          {
            title: t('tasks.actions'),
            key: 'actions',
            render: (_, task) => (
              <Space wrap>
                {task.status === 'open' && DECIDABLE.has(task.kind) && access.may('decideApproval') && (
                  <Space>
                    {(['approve', 'reject'] as const).map((d) => (
                      <Popconfirm
                        key={d}
                        title={t(`tasks.confirm.${d}`)}
                        okText={t('action.ok')}
                        cancelText={t('action.cancel')}
                        onConfirm={() => decide(task, d)}
                      >
                        <Button
                          size="small"
                          type={d === 'approve' ? 'primary' : 'default'}
                          danger={d === 'reject'}
                        >
                          {t(`tasks.${d}`)}
                        </Button>
                      </Popconfirm>
                    ))}
                  </Space>
                )}
                {task.status === 'open' && access.may('closeSupportTask') && (
                  <Button
                    size="small"
                    data-testid="close-task"
                    onClick={() => setDialog({ kind: 'close', task })}
                  >
                    {t('tasks.close')}
                  </Button>
                )}
                {task.status === 'open' && access.may('assignSupportTask') && (
                  <Button
                    size="small"
                    data-testid="assign-task"
                    onClick={() => setDialog({ kind: 'assign', task })}
                  >
                    {t('tasks.assign')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {loaded?.more && (
        <LoadMoreButton
          label={t('tasks.more', { count: TASKS_PER_PAGE })}
          loading={loading}
          onMore={() => setPages((n) => n + 1)}
          testId="tasks-more"
        />
      )}
      {dialog?.kind === 'close' && (
        <CloseTaskDialog
          task={dialog.task}
          onSubmit={(values) => closeTask(dialog.task, values)}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'assign' && (
        <AssignTaskDialog
          task={dialog.task}
          onSubmit={(assignee) => assignTask(dialog.task, assignee)}
          onCancel={() => setDialog(null)}
        />
      )}
    </section>
  );
}
