import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { journal } from '../../../test/support/journey-assertions';
import { useProductTestApi } from '../../../test/support/per-file';
import { journeyWorkflowId } from '../../../workflows/shared/definitions';

/** The statement timeout of segment tests in this file (the product's default is 3 s). */
const TIMEOUT_MS = 1_000;

/**
 * A flow's segment test runs under a statement timeout: a filter the database cannot answer in time fails the node for
 * good (no retries holding a connection), the journey reads failed with the reason, a support task is opened. The slow
 * query is real: the table the filter's `tier` fact reads is locked by another transaction, so Postgres waits until
 * statement_timeout cancels it.
 */
describe('flow segment tests under a statement timeout', () => {
  const api = useProductTestApi({ segmentTestTimeoutMs: TIMEOUT_MS });
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });

  const definition = {
    nodes: [
      { id: 'ordered', type: 'entry', on: { type: 'order_placed' }, next: 'later' },
      { id: 'later', type: 'wait', for: { hours: 1 }, next: 'silver' },
      {
        id: 'silver',
        type: 'condition',
        branches: [
          { when: [{ on: 'segment', filter: { fact: 'tier', op: 'gte', value: 'silver' } }], next: 'member' },
        ],
        otherwise: 'other',
      },
      { id: 'member', type: 'exit', outcome: 'member' },
      { id: 'other', type: 'exit', outcome: 'not-a-member' },
    ],
  };

  async function order(campaignId: string): Promise<{ customerId: string; workflowId: string }> {
    const customerId = id('cust');
    const res = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({ type: 'order_placed', eventId: id('ev'), customerId, orderId: id('order'), amount: 10_000 });
    expect(res.status).toBe(202);
    expect(res.body.deliveries).toEqual([{ campaignId, journeyType: 'flow', delivery: 'delivered' }]);
    return { customerId, workflowId: journeyWorkflowId(campaignId, customerId) };
  }

  it('a segment test the database cannot answer in time fails its journey at once, with the reason', async () => {
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'segment timeout', journeyType: 'flow', budget: 100_000, config: { definition } });
    expect(created.status).toBe(201);
    const campaignId = created.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);

    // Unhindered, the test answers well within the timeout.
    const quick = await order(campaignId);
    expect(await api.result(quick.workflowId, { stepHours: 1, maxDays: 1 })).toBe('not-a-member');

    const slow = await order(campaignId);
    const locker = await api.db.pool.connect();
    const started = Date.now();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE loyalty_member_tiers IN ACCESS EXCLUSIVE MODE');
      await expect(api.result(slow.workflowId, { stepHours: 1, maxDays: 1 })).rejects.toThrow();
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    // One attempt, cut by the timeout: not a week of retries.
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await api.workflowStatus(slow.workflowId)).toBe('FAILED');

    const state = await api
      .http()
      .get(`/v1/campaigns/${campaignId}/journeys/${slow.customerId}`)
      .set(as('ops'));
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      status: 'failed',
      outcome: 'failed',
      failure: { activity: 'customerInSegments', reason: 'non-retryable:SEGMENT_TEST_TIMEOUT' },
    });
    const tasks = await api.http().get('/v1/support/tasks?status=open&kind=journey-failed').set(as('ops'));
    expect(tasks.body.items).toContainEqual(
      expect.objectContaining({
        taskId: state.body.failure.supportTaskId,
        kind: 'journey-failed',
        customerId: slow.customerId,
      }),
    );
    expect((await journal(api.db.pool, slow.workflowId)).map((r) => r.kind)).toEqual([
      'flow-entered',
      'journey-failed',
    ]);
  });
});
