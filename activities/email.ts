import { keysAlreadySent, sendLoggedEmail, type SendEmailRequest } from '../email/outbox';
import type { ActivityDeps } from './deps';
import { journaled } from './journaled';

export function emailActivities(deps: ActivityDeps) {
  return {
    sendEmail: journaled(deps, (req: SendEmailRequest) =>
      sendLoggedEmail(deps.pool, deps.mail.transport, deps.mail.from, {
        ...req,
        vars: { ...deps.mail.defaults, ...req.vars },
      }),
    ),
    emailsAlreadySent: (keys: string[]) => keysAlreadySent(deps.pool, keys),
  };
}
