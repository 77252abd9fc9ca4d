import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../../activities';

const { recordJourneyEvent, sendEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '1 second' },
});

/** Harness probe: a durable 30-day timer followed by a Postgres write and an email. */
export async function timerProbe(input: { email: string; waitDays: number }): Promise<string> {
  await sleep(`${input.waitDays} days`);
  const { workflowId } = workflowInfo();
  await recordJourneyEvent({
    workflowId,
    step: 'after-wait',
    kind: 'probe',
    occurredAt: new Date().toISOString(),
    detail: { waitDays: input.waitDays },
  });
  await sendEmail({
    idempotencyKey: `${workflowId}/after-wait/email`,
    to: input.email,
    template: 'journey-probe',
    locale: 'en',
    vars: { name: 'probe', step: 'after-wait' },
  });
  return new Date().toISOString();
}
