import type { Pool } from 'pg';
import type { MailSettings } from '../email/mail-settings';
import { sendLoggedEmail } from '../email/outbox';
import { createSupportTask, type SupportTaskRequest } from '../stores/support';

/**
 * Opens a support task and announces it to the support inbox, both idempotent by the request's key: the one way a
 * task is opened, whether a journey's activity or a customer action (a low-stock reward redemption) asks for it.
 */
export async function openSupportTask(
  pool: Pool,
  mail: MailSettings,
  req: SupportTaskRequest,
): Promise<{ taskId: number; created: boolean }> {
  const task = await createSupportTask(pool, req);
  await sendLoggedEmail(pool, mail.transport, mail.from, {
    idempotencyKey: `${req.idempotencyKey}/notify`,
    to: mail.supportInbox,
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
}
