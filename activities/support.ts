import {
  releaseCompensationQuota,
  reserveCompensationQuota,
  type QuotaRequest,
  type SupportTaskRequest,
} from '../stores/support';
import { openSupportTask } from '../support-desk/open-task';
import type { ActivityDeps } from './deps';

export function supportActivities(deps: ActivityDeps) {
  return {
    /** Creates the task where support works and notifies the support inbox (both idempotent by key). */
    createSupportTask: (req: SupportTaskRequest) => openSupportTask(deps.pool, deps.mail, req),
    reserveCompensationQuota: (req: QuotaRequest) => reserveCompensationQuota(deps.pool, req),
    releaseCompensationQuota: (requestKey: string) => releaseCompensationQuota(deps.pool, requestKey),
  };
}
