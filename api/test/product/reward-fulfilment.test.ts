import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';
import { newCipherKey, personalDataWithKeys, TEST_PII_ENV } from '../../../test/support/personal-data';
import { resealPersonalData } from '../../../stores/personal-data-reseal';

describe('reward fulfilment API (delivery / pickup, status, task, out-of-stock hidden)', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const snapshot = async () => ({ tables: await api.counts(), workflows: api.workflowIds.size });

  const putReward = (rewardId: string, stock: number, pointsCost = 100) =>
    api
      .http()
      .put(`/v1/loyalty/catalog/${rewardId}`)
      .set(as('growth'))
      .send({ name: `Gift ${rewardId}`, pointsCost, stock, lowStockThreshold: 0 });
  const redeem = (customerId: string, body: Record<string, unknown>, key = id('k')) =>
    api
      .http()
      .post(`/v1/customers/${customerId}/rewards`)
      .set({ ...as('storefront'), 'Idempotency-Key': key })
      .send(body);
  const balance = async (customerId: string) =>
    (await api.http().get(`/v1/customers/${customerId}/points`).set(as('storefront'))).body.balance as number;
  const stock = async (rewardId: string) =>
    (
      await api.db.pool.query<{ stock: number }>('SELECT stock FROM loyalty_catalog WHERE reward_id = $1', [
        rewardId,
      ])
    ).rows[0]!.stock;
  const status = (redemptionId: string, to: string, role: keyof ProductTestApi['keys'] = 'support') =>
    api.http().post(`/v1/loyalty/fulfilments/${redemptionId}/status`).set(as(role)).send({ status: to });
  const closeTask = (taskId: number, to: 'done' | 'cancelled') =>
    api.http().post(`/v1/support/tasks/${taskId}/close`).set(as('support')).send({ status: to });

  const funded = async (pts: number) => {
    const customerId = id('cust');
    const now = Date.now();
    await api.ledger.earnPoints({
      transactionId: id('seed'),
      customerId,
      points: pts,
      asOf: new Date(now).toISOString(),
      expiresAt: new Date(now + 365 * 86_400_000).toISOString(),
      reason: 'test points',
    });
    return customerId;
  };
  const address = {
    recipient: '王小明',
    phone: '+86 138 0000 0000',
    line1: '上海市浦东新区世纪大道 100 号 12 楼',
    city: 'Shanghai',
    postalCode: '200120',
    country: 'CN',
  };

  it('hides out-of-stock rewards from the storefront list; growth and ops still see them', async () => {
    const empty = id('empty');
    const full = id('full');
    expect((await putReward(empty, 0)).status).toBe(200);
    expect((await putReward(full, 5)).status).toBe(200);
    const ids = async (role: keyof ProductTestApi['keys']) =>
      ((await api.http().get('/v1/loyalty/catalog').set(as(role))).body.items as { rewardId: string }[]).map(
        (r) => r.rewardId,
      );
    const shop = await ids('storefront');
    expect(shop).toContain(full);
    expect(shop).not.toContain(empty);
    expect(await ids('growth')).toEqual(expect.arrayContaining([empty, full]));
    expect(await ids('ops')).toEqual(expect.arrayContaining([empty, full]));
  });

  it('delivers: the address is stored sealed, closing the task ships it, then delivered; no cancelling after', async () => {
    const rewardId = id('mug');
    await putReward(rewardId, 3);
    const customerId = await funded(250);
    const signed = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({ type: 'signed_up', eventId: id('ev'), customerId, email: `${customerId}@test.perkflow.local` });
    expect(signed.status).toBeLessThan(300);
    const res = await redeem(customerId, { rewardId, fulfilment: { mode: 'delivery', address } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      points: 100,
      fulfilment: { mode: 'delivery', status: 'requested', storeId: null, taskId: expect.any(Number) },
    });
    const { redemptionId } = res.body as { redemptionId: string };
    const taskId = res.body.fulfilment.taskId as number;

    // Personal data: nowhere in clear — not in the fulfilment row, not in the task.
    const row = await api.db.pool.query<{ address_sealed: string }>(
      'SELECT address_sealed FROM loyalty_reward_fulfilments WHERE redemption_key = $1',
      [redemptionId],
    );
    expect(row.rows[0]!.address_sealed).not.toContain('世纪大道');
    expect(row.rows[0]!.address_sealed).not.toContain('138');
    const task = await api.db.pool.query<{ kind: string; detail: unknown; title: string }>(
      'SELECT kind, detail, title FROM support_tasks WHERE task_id = $1',
      [taskId],
    );
    expect(task.rows[0]).toMatchObject({
      kind: 'reward-fulfilment',
      detail: { redemptionId, rewardId, mode: 'delivery' },
    });
    expect(JSON.stringify(task.rows[0])).not.toContain('世纪大道');
    // Support reads it opened; the storefront may not.
    const read = await api.http().get(`/v1/loyalty/fulfilments/${redemptionId}`).set(as('support'));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ customerId, rewardId, status: 'requested', address });
    expectProblem(await api.http().get(`/v1/loyalty/fulfilments/${redemptionId}`).set(as('storefront')), 403);
    // Who read the address is audited, the address itself never is.
    const audited = await api
      .http()
      .get(`/v1/audit?resource=/v1/loyalty/fulfilments/${redemptionId}`)
      .set(as('ops'));
    expect(audited.body.items).toEqual([
      expect.objectContaining({ operationId: 'getRewardFulfilment', actorKeyId: api.keyIds.support }),
    ]);
    expect(JSON.stringify((await api.db.pool.query('SELECT * FROM audit_log')).rows)).not.toContain(
      '世纪大道',
    );
    // The customer's own export lists it, address opened (the data subject's right of access).
    const exported = await api.http().get(`/v1/customers/${customerId}/export`).set(as('support-manager'));
    expect(exported.status).toBe(200);
    expect(exported.body.fulfilments).toEqual([
      expect.objectContaining({ redemptionId, rewardId, mode: 'delivery', status: 'requested', address }),
    ]);
    // Key rotation reseals the address too (and back, so the rest of the file reads with the test key).
    const test2 = newCipherKey('test2');
    const rotated = await resealPersonalData(
      api.db.pool,
      personalDataWithKeys(test2, TEST_PII_ENV.PII_ENCRYPTION_KEYS),
    );
    expect(rotated.addresses).toBeGreaterThanOrEqual(1);
    const resealed = await api.db.pool.query<{ pii_key_id: string; address_sealed: string }>(
      'SELECT pii_key_id, address_sealed FROM loyalty_reward_fulfilments WHERE redemption_key = $1',
      [redemptionId],
    );
    expect(resealed.rows[0]).toMatchObject({ pii_key_id: 'test2' });
    expect(resealed.rows[0]!.address_sealed).not.toBe(row.rows[0]!.address_sealed);
    await resealPersonalData(api.db.pool, personalDataWithKeys(TEST_PII_ENV.PII_ENCRYPTION_KEYS, test2));
    expect(
      (await api.http().get(`/v1/loyalty/fulfilments/${redemptionId}`).set(as('support'))).body.address,
    ).toEqual(address);

    // A pickup step does not fit a delivery.
    expectProblem(await status(redemptionId, 'ready'), 409, 'fulfilment-status');
    expectProblem(await status(redemptionId, 'delivered'), 409, 'fulfilment-status');
    expect((await closeTask(taskId, 'done')).status).toBe(200);
    expect(
      (await api.http().get(`/v1/loyalty/fulfilments/${redemptionId}`).set(as('support'))).body.status,
    ).toBe('shipped');
    const delivered = await status(redemptionId, 'delivered');
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', pointsReturnedTransactionId: null });
    expectProblem(await status(redemptionId, 'cancelled'), 409, 'fulfilment-status');
    expect(await balance(customerId)).toBe(150);

    // Erasure wipes the address; the fulfilment keeps its status.
    expect(
      (await api.http().delete(`/v1/customers/${customerId}`).set(as('support-manager'))).status,
    ).toBeLessThan(300);
    const after = await api.http().get(`/v1/loyalty/fulfilments/${redemptionId}`).set(as('support'));
    expect(after.body).toMatchObject({ status: 'delivered', address: null });
  });

  it('picks up: ready then picked-up; a cancelled pickup gives the points and the item back, once', async () => {
    const rewardId = id('tote');
    await putReward(rewardId, 2, 120);
    const customerId = await funded(300);
    const first = await redeem(customerId, {
      rewardId,
      fulfilment: { mode: 'pickup', storeId: 'store-sh-01' },
    });
    expect(first.status).toBe(201);
    expect(first.body.fulfilment).toMatchObject({
      mode: 'pickup',
      status: 'requested',
      storeId: 'store-sh-01',
    });
    expect((await status(first.body.redemptionId, 'ready')).body.status).toBe('ready');
    // Moved on by a status call: its task has nothing left to do and is closed.
    const closed = await api.db.pool.query<{ status: string; closed_by: string }>(
      'SELECT status, closed_by FROM support_tasks WHERE task_id = $1',
      [first.body.fulfilment.taskId],
    );
    expect(closed.rows[0]).toEqual({ status: 'done', closed_by: 'reward-fulfilment' });
    // Closing it again is a conflict, and the fulfilment stays where it is.
    expectProblem(await closeTask(first.body.fulfilment.taskId as number, 'cancelled'), 409, 'task-closed');
    expect((await status(first.body.redemptionId, 'picked-up')).body.status).toBe('picked-up');
    expect(await balance(customerId)).toBe(180);
    expect(await stock(rewardId)).toBe(1);

    const second = await redeem(customerId, {
      rewardId,
      fulfilment: { mode: 'pickup', storeId: 'store-sh-01' },
    });
    expect(second.status).toBe(201);
    expect(await balance(customerId)).toBe(60);
    expect(await stock(rewardId)).toBe(0);
    // Closing its task as cancelled cancels the fulfilment: 120 points back, the item back in stock.
    expect((await closeTask(second.body.fulfilment.taskId as number, 'cancelled')).status).toBe(200);
    const cancelled = await api
      .http()
      .get(`/v1/loyalty/fulfilments/${second.body.redemptionId}`)
      .set(as('support'));
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      pointsReturnedTransactionId: expect.any(String),
      address: null,
    });
    expect(await balance(customerId)).toBe(180);
    expect(await stock(rewardId)).toBe(1);
    // Cancelling again changes nothing.
    expect((await status(second.body.redemptionId, 'cancelled')).status).toBe(200);
    expect(await balance(customerId)).toBe(180);
    expect(await stock(rewardId)).toBe(1);
    // The storefront lists the customer's fulfilments with their status, newest first, never an address.
    const mine = await api.http().get(`/v1/customers/${customerId}/reward-fulfilments`).set(as('storefront'));
    expect(mine.status).toBe(200);
    expect(
      (mine.body.items as { redemptionId: string; status: string }[]).map((f) => [f.redemptionId, f.status]),
    ).toEqual([
      [second.body.redemptionId, 'cancelled'],
      [first.body.redemptionId, 'picked-up'],
    ]);
    expect(JSON.stringify(mine.body)).not.toContain('address');
    const legs = await api.db.pool.query<{ total: string; n: string }>(
      'SELECT SUM(amount) AS total, COUNT(*) AS n FROM ledger_postings WHERE transaction_id = $1',
      [cancelled.body.pointsReturnedTransactionId],
    );
    expect(legs.rows[0]).toEqual({ total: '0', n: '2' });
  });

  it.each([
    ['an address without city', { mode: 'delivery', address: { ...address, city: undefined } }],
    ['a bad country', { mode: 'delivery', address: { ...address, country: 'China' } }],
    ['pickup without store', { mode: 'pickup' }],
    ['an unknown mode', { mode: 'drone', storeId: 's' }],
  ])('refuses %s with 400, redeeming nothing', async (_n, fulfilment) => {
    const rewardId = id('pen');
    await putReward(rewardId, 1);
    const customerId = await funded(100);
    const before = await snapshot();
    expectProblem(await redeem(customerId, { rewardId, fulfilment }), 400, 'validation-failed');
    expect(await snapshot()).toEqual(before);
    expect(await balance(customerId)).toBe(100);
  });
});
