import { randomBytes } from 'node:crypto';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';
import { createKey } from '../../../test/support/api/test-api';
import { eventually } from '../../../test/support/eventually';

describe('support API (POST /v1/support/credits, POST /v1/approvals/:id)', () => {
  const api = useProductTestApi();
  let campaignId: string;
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  /** A fresh support agent: quotas are per API key. */
  async function agent(): Promise<string> {
    return (await createKey(api.apiKeys, ['support'], id('agent'))).plaintext;
  }

  const requestCredit = (key: string, body: Record<string, unknown>) =>
    api.http().post('/v1/support/credits').set(as(key)).send(body);
  const journey = (workflowId: string) =>
    api
      .http()
      .get(`/v1/journeys?workflowId=${encodeURIComponent(workflowId)}`)
      .set(as(api.keys.ops));

  const waitForStep = async (workflowId: string, step: string) =>
    (
      await eventually(() => journey(workflowId), {
        until: (res) => res.status === 200 && res.body.step === step,
        description: `${workflowId} at step ${step}`,
      })
    ).body as { details: Record<string, unknown> };

  it('answers 422 when no compensation campaign is launched, starting nothing', async () => {
    const before = await api.counts();
    const res = await requestCredit(api.keys.support, {
      customerId: id('cust'),
      amount: 1000,
      reason: 'late parcel',
    });
    expectProblem(res, 422, 'no-compensation-campaign');
    expect(await api.counts()).toEqual(before);
    expect(api.workflowIds.size).toBe(0);

    // Launch the campaign the rest of the file uses.
    const growth = as(api.keys.growth);
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(growth)
      .send({
        name: 'compensation',
        journeyType: 'compensation',
        budget: 10_000_000,
        config: { agentDailyQuota: 30_000, agentMonthlyQuota: 50_000, approvalThreshold: 20_000 },
      });
    campaignId = created.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(growth)).status).toBe(200);
  });

  it('accepts a credit within quota with 202 and grants it (state and wallet through the API)', async () => {
    const customerId = id('cust');
    const res = await requestCredit(await agent(), { customerId, amount: 5000, reason: '物流延误补偿' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      requestId: expect.stringMatching(/^comp_/),
      campaignId,
      workflowId: `journey/${campaignId}/${customerId}/${res.body.requestId}`,
      status: 'submitted',
    });
    expect(await api.results([res.body.workflowId], { stepHours: 1, maxDays: 1 })).toEqual(['granted']);
    const state = await journey(res.body.workflowId);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      status: 'completed',
      outcome: 'granted',
      journeyType: 'compensation',
    });
    const wallet = await api.http().get(`/v1/customers/${customerId}/wallet`).set(as(api.keys.support));
    expect(wallet.body.balance).toBe(5000);
  });

  it('shows a quota refusal through GET /v1/journeys?workflowId=…', async () => {
    const key = await agent();
    const customerId = id('cust');
    // One after the other: two journeys in flight at once reserve the quota in whichever order the worker runs them.
    const first = await requestCredit(key, { customerId, amount: 20_000, reason: 'first claim' });
    expect(first.status).toBe(202);
    expect(await api.result(first.body.workflowId, { stepHours: 1 })).toBe('granted');
    const second = await requestCredit(key, { customerId, amount: 15_000, reason: 'second claim' });
    expect(second.status).toBe(202);
    expect(await api.result(second.body.workflowId, { stepHours: 1 })).toBe('DAILY_QUOTA_EXCEEDED');
    const state = await journey(second.body.workflowId);
    expect(state.body).toMatchObject({ status: 'refused', outcome: 'DAILY_QUOTA_EXCEEDED' });
    const wallet = await api.http().get(`/v1/customers/${customerId}/wallet`).set(as(key));
    expect(wallet.body.balance).toBe(20_000);
  });

  it('approval: a wrong role gets 422, the manager approves, a second decision is 409', async () => {
    const customerId = id('cust');
    const res = await requestCredit(await agent(), { customerId, amount: 25_000, reason: 'damaged parcel' });
    expect(res.status).toBe(202);
    const workflowId = res.body.workflowId as string;
    const waiting = await waitForStep(workflowId, 'awaiting-approval');

    const tasks = await api.db.pool.query<{ task_id: string; kind: string; status: string }>(
      `SELECT task_id, kind, status FROM support_tasks WHERE detail->>'workflowId' = $1`,
      [workflowId],
    );
    expect(tasks.rows).toEqual([
      { task_id: expect.any(String), kind: 'compensation-approval', status: 'open' },
    ]);
    const taskId = Number(tasks.rows[0]!.task_id);
    expect(waiting.details.approvalTaskId).toBe(taskId);
    const listed = await api
      .http()
      .get('/v1/support/tasks?status=open&kind=compensation-approval')
      .set(as(api.keys['support-manager']));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ taskId, kind: 'compensation-approval', status: 'open', customerId }),
    );

    // growth may decide referral reviews, not compensation approvals.
    const wrongRole = await api
      .http()
      .post(`/v1/approvals/${taskId}`)
      .set(as(api.keys.growth))
      .send({ decision: 'approve' });
    expectProblem(wrongRole, 422, 'not-your-decision');
    expect(await api.workflowStatus(workflowId)).toBe('RUNNING');

    const approved = await api
      .http()
      .post(`/v1/approvals/${taskId}`)
      .set(as(api.keys['support-manager']))
      .send({ decision: 'approve', note: 'photos checked' });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ taskId, workflowId, decision: 'approve', status: 'done' });

    const again = await api
      .http()
      .post(`/v1/approvals/${taskId}`)
      .set(as(api.keys['support-manager']))
      .send({ decision: 'reject' });
    expectProblem(again, 409, 'already-decided');

    expect(await api.results([workflowId], { stepHours: 1, maxDays: 1 })).toEqual(['granted']);
    expect((await journey(workflowId)).body).toMatchObject({ status: 'completed', outcome: 'granted' });
    const task = await api.db.pool.query<{ status: string; resolution: unknown }>(
      `SELECT status, detail->'resolution' AS resolution FROM support_tasks WHERE task_id = $1`,
      [taskId],
    );
    expect(task.rows[0]).toEqual({
      status: 'done',
      resolution: { decision: 'approve', by: api.keyIds['support-manager'], note: 'photos checked' },
    });
  });

  it('approval: a manager’s rejection refuses the credit', async () => {
    const customerId = id('cust');
    const res = await requestCredit(await agent(), { customerId, amount: 21_000, reason: 'second claim' });
    const waiting = await waitForStep(res.body.workflowId, 'awaiting-approval');
    const decided = await api
      .http()
      .post(`/v1/approvals/${String(waiting.details.approvalTaskId)}`)
      .set(as(api.keys.admin))
      .send({ decision: 'reject', note: 'duplicate' });
    expect(decided.status).toBe(200);
    expect(await api.results([res.body.workflowId], { stepHours: 1, maxDays: 1 })).toEqual([
      'REJECTED_BY_MANAGER',
    ]);
    expect((await journey(res.body.workflowId)).body).toMatchObject({
      status: 'refused',
      outcome: 'REJECTED_BY_MANAGER',
    });
    const wallet = await api.http().get(`/v1/customers/${customerId}/wallet`).set(as(api.keys.support));
    expect(wallet.body.balance).toBe(0);
  });

  it('approvals: unknown task 404, a task needing no decision 422, bad input 400', async () => {
    const manager = as(api.keys['support-manager']);
    expectProblem(
      await api.http().post('/v1/approvals/999999').set(manager).send({ decision: 'approve' }),
      404,
      'not-found',
    );
    const callback = await api.db.pool.query<{ task_id: string }>(
      `INSERT INTO support_tasks (idempotency_key, customer_id, kind, title)
       VALUES ($1, 'c1', 'callback', 'call back') RETURNING task_id`,
      [id('task')],
    );
    expectProblem(
      await api
        .http()
        .post(`/v1/approvals/${callback.rows[0]!.task_id}`)
        .set(manager)
        .send({ decision: 'approve' }),
      422,
      'not-an-approval',
    );
    expectProblem(await api.http().post('/v1/approvals/abc').set(manager).send({ decision: 'approve' }), 400);
    expectProblem(await api.http().post('/v1/approvals/0').set(manager).send({ decision: 'approve' }), 400);
    expectProblem(await api.http().post('/v1/approvals/1').set(manager).send({ decision: 'maybe' }), 400);
  });

  it('refuses malformed credit requests with 400 and an unknown campaign with 422', async () => {
    const key = await agent();
    const before = await api.counts();
    const started = api.workflowIds.size;
    for (const body of [
      { customerId: 'c', amount: 0, reason: 'zero' },
      { customerId: 'c', amount: 100, reason: 'no' },
      { customerId: 'has space', amount: 100, reason: 'bad id' },
      { customerId: 'c', amount: 100 },
      { customerId: 'c', amount: 100, reason: 'extra', agentId: 'someone-else' },
    ]) {
      expectProblem(await requestCredit(key, body), 400, 'validation-failed');
    }
    expectProblem(
      await requestCredit(key, { customerId: 'c', amount: 100, reason: 'wrong', campaignId: 'nope' }),
      422,
      'no-compensation-campaign',
    );
    expect(await api.counts()).toEqual(before);
    expect(api.workflowIds.size).toBe(started);
  });
});
