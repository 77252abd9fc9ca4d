import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../activities';
import { createMailTransport } from '../email/mailer';
import { Ledger } from '../ledger';
import { createTestDatabase, type TestDatabase } from './support/database';
import { mailTo, testSmtpSettings, uniqueRecipient } from './support/mail';
import { startTimeSkippingEnv, createTestWorker, uniqueTaskQueue } from './support/temporal';
import { testPersonalData } from './support/personal-data';

describe('foundation: durable timer → Postgres row + email, on the real servers', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    await env?.teardown();
  });

  it('waits 30 days of workflow time in seconds of real time, then writes a row and sends an email', async () => {
    const email = uniqueRecipient('probe');
    const taskQueue = uniqueTaskQueue('probe');
    const worker = await createTestWorker(env, {
      taskQueue,
      activities: createActivities({
        pool: db.pool,
        ledger: new Ledger(db.pool),
        pii: testPersonalData,
        mail: {
          transport: createMailTransport(testSmtpSettings()),
          from: 'perkflow@test.local',
          supportInbox: 'support@test.local',
          defaults: {},
        },
      }),
    });
    const realStart = Date.now();
    const workflowStart = await env.currentTimeMs();

    const finishedAt = await worker.runUntil(
      env.client.workflow.execute('timerProbe', {
        taskQueue,
        workflowId: `probe/${email}`,
        args: [{ email, waitDays: 30 }],
      }),
    );

    const workflowElapsedDays = (Date.parse(finishedAt) - workflowStart) / 86_400_000;
    expect(workflowElapsedDays).toBeGreaterThanOrEqual(30);
    expect(workflowElapsedDays).toBeLessThan(31);
    expect(Date.now() - realStart).toBeLessThan(60_000);

    const rows = await db.pool.query('SELECT workflow_id, step, kind, detail FROM journey_events');
    expect(rows.rows).toEqual([
      { workflow_id: `probe/${email}`, step: 'after-wait', kind: 'probe', detail: { waitDays: 30 } },
    ]);

    const mail = await mailTo(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Journey probe: after-wait');
    expect(mail[0]!.text).toContain('Hello probe');
    expect(mail[0]!.html).toContain('<p>Hello probe, journey step after-wait ran.</p>');
  });
});
