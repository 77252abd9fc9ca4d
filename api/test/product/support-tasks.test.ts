import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { expectProblem } from '../../../test/support/api/probe';
import { useProductTestApi } from '../../../test/support/per-file';
import { createSupportTask } from '../../../stores/support';

describe('support tasks: assign and close by hand', () => {
  const api = useProductTestApi();
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const http = () => api.http();
  const openTask = async (kind: 'callback' | 'gift-fulfilment' | 'compensation-approval') =>
    (
      await createSupportTask(api.db.pool, {
        idempotencyKey: `test/${randomBytes(6).toString('hex')}`,
        customerId: 'cust-1',
        kind,
        title: `a ${kind}`,
      })
    ).taskId;

  it('a manager assigns a callback, the agent lists theirs and closes it with a note; it cannot close twice', async () => {
    const taskId = await openTask('callback');
    const assigned = await http()
      .post(`/v1/support/tasks/${taskId}/assign`)
      .set(as('support-manager'))
      .send({ assignee: api.keyIds.support });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ taskId, assignee: api.keyIds.support, status: 'open' });

    const mine = await http().get(`/v1/support/tasks?assignee=${api.keyIds.support}`).set(as('support'));
    expect((mine.body.items as { taskId: number }[]).map((t) => t.taskId)).toEqual([taskId]);

    const closed = await http()
      .post(`/v1/support/tasks/${taskId}/close`)
      .set(as('support'))
      .send({ status: 'done', note: 'called back, customer happy' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'done',
      closedBy: api.keyIds.support,
      detail: { closingNote: 'called back, customer happy' },
    });
    expect(Date.parse(closed.body.closedAt as string)).not.toBeNaN();

    expectProblem(
      await http().post(`/v1/support/tasks/${taskId}/close`).set(as('support')).send({ status: 'cancelled' }),
      409,
      'task-closed',
    );
    expectProblem(
      await http()
        .post(`/v1/support/tasks/${taskId}/assign`)
        .set(as('support-manager'))
        .send({ assignee: null }),
      409,
      'task-closed',
    );
  });

  it('approval tasks are decided, not closed; unknown tasks are 404; agents cannot assign', async () => {
    const approval = await openTask('compensation-approval');
    expectProblem(
      await http()
        .post(`/v1/support/tasks/${approval}/close`)
        .set(as('support-manager'))
        .send({ status: 'done' }),
      409,
      'decide-through-approvals',
    );
    expectProblem(
      await http().post('/v1/support/tasks/999999/close').set(as('support')).send({ status: 'done' }),
      404,
    );
    const gift = await openTask('gift-fulfilment');
    expectProblem(
      await http().post(`/v1/support/tasks/${gift}/assign`).set(as('support')).send({ assignee: 'me' }),
      403,
    );
    expectProblem(
      await http().post(`/v1/support/tasks/${gift}/close`).set(as('support')).send({ status: 'closed' }),
      400,
    );
    const cancelled = await http()
      .post(`/v1/support/tasks/${gift}/close`)
      .set(as('support'))
      .send({ status: 'cancelled' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', assignee: null });
  });
});
