import {
  createSupportTask,
  releaseCompensationQuota,
  reserveCompensationQuota,
  type QuotaRequest,
  type SupportTaskRequest,
} from '../stores/support';
import { sendLoggedEmail } from '../email/outbox';
import type { ActivityDeps } from './deps';

export function supportActivities(deps: ActivityDeps) {
  return {
    /** Creates the task where support works and notifies the support inbox (both idempotent by key). */
    createSupportTask: async (req: SupportTaskRequest) => {
      const task = await createSupportTask(deps.pool, req);
      await sendLoggedEmail(deps.pool, deps.mail.transport, deps.mail.from, {
        idempotencyKey: `${req.idempotencyKey}/notify`,
        to: deps.mail.supportInbox,
        template: 'support-task',
        locale: 'en',
        vars: {
          taskId: task.taskId,
          kind: req.kind,
          customerId: req.customerId,
          title: req.title,
          detail: JSON.stringify(req.detail ?? {}),
        },
      });
      return task;
    },
    reserveCompensationQuota: (req: QuotaRequest) => reserveCompensationQuota(deps.pool, req),
    releaseCompensationQuota: (requestKey: string) => releaseCompensationQuota(deps.pool, requestKey),
  };
}
