import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Ledger } from '../ledger';
import { CampaignStore } from '../stores/campaigns';
import { createTestDatabase, type TestDatabase } from '../test/support/database';
import { testPersonalData } from '../test/support/personal-data';
import { startTimeSkippingEnv, uniqueTaskQueue } from '../test/support/temporal';
import { campaignLifecycleFor } from './campaign-lifecycle';

/**
 * The worker's own wiring of scheduled launches and ends: the campaign service over the worker's pool, ledger and a
 * Client on its NativeConnection (the path `npm start` and the standalone worker take; the product tests bind the
 * API's service instead).
 */
describe('the worker’s campaign lifecycle for scheduled actions', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    db = await createTestDatabase(4);
  });
  afterAll(async () => {
    await db?.drop();
    await env?.teardown();
  });

  it('launches a scheduled campaign through the worker’s connection (its sweep started there), once', async () => {
    const ledger = new Ledger(db.pool, { currency: 'CNY' });
    await ledger.fundProgram({ idempotencyKey: 'fund', amount: 1_000, asOf: new Date().toISOString() });
    const startsAt = new Date(Date.now() + 60_000).toISOString();
    await new CampaignStore(db.pool).create({
      campaignId: 'cmp_sweep',
      name: 'reminders',
      journeyType: 'expiry-reminder',
      config: {},
      budget: 400,
      schedule: { startsAt, endsAt: null, timezone: 'Asia/Shanghai' },
      createdBy: null,
    });
    const lifecycle = campaignLifecycleFor({
      pool: db.pool,
      ledger,
      pii: testPersonalData,
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: uniqueTaskQueue('lifecycle'),
      campaignTaskQueue: uniqueTaskQueue('lifecycle-campaigns'),
    });

    expect(await lifecycle.runScheduled('cmp_sweep', { action: 'launch', at: startsAt })).toEqual({
      outcome: 'launched',
    });
    expect(await lifecycle.runScheduled('cmp_sweep', { action: 'launch', at: startsAt })).toEqual({
      outcome: 'no-op',
      reason: 'already-launched',
    });
    const sweep = await env.client.workflow.getHandle('journey/cmp_sweep/_campaign').describe();
    expect(sweep.status.name).toBe('RUNNING');
    expect((await ledger.campaignBudget('cmp_sweep')).budget).toBe(400);
    const audit = await db.pool.query('SELECT actor_key_id, operation_id FROM audit_log');
    expect(audit.rows).toEqual([{ actor_key_id: 'schedule', operation_id: 'launchCampaign' }]);
    await env.client.workflow.getHandle('journey/cmp_sweep/_campaign').terminate('test over');
  });
});
