import { randomBytes } from 'node:crypto';
import { recordTierChange } from '../../../stores/loyalty-tiers';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';

describe('loyalty API (catalog, rewards, points, tier, disputes)', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });

  /** Rows of every table, the catalog's total stock and the journeys started: what "nothing written" compares. */
  const snapshot = async () => {
    const stock = (
      await api.db.pool.query<{ stock: string }>(
        'SELECT COALESCE(sum(stock), 0) AS stock FROM loyalty_catalog',
      )
    ).rows[0]!.stock;
    return { tables: await api.counts(), stock, workflows: api.workflowIds.size };
  };

  const putReward = (rewardId: string, body: Record<string, unknown>) =>
    api.http().put(`/v1/loyalty/catalog/${rewardId}`).set(as('growth')).send(body);
  const redeem = (customerId: string, rewardId: unknown, headers: Record<string, string> = {}) =>
    api
      .http()
      .post(`/v1/customers/${customerId}/rewards`)
      .set({ ...as('storefront'), ...headers })
      .send({ rewardId });
  const points = (customerId: string) =>
    api.http().get(`/v1/customers/${customerId}/points`).set(as('storefront'));

  /** A customer holding `pts` points (earned straight through the ledger, expiring in a year). */
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

  describe('catalog', () => {
    it('growth creates and updates a reward; storefront lists it with stock', async () => {
      const rewardId = id('mug');
      const created = await putReward(rewardId, {
        name: ' Tea mug ',
        pointsCost: 500,
        stock: 3,
        lowStockThreshold: 1,
      });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        rewardId,
        name: 'Tea mug',
        pointsCost: 500,
        stock: 3,
        lowStockThreshold: 1,
        active: true,
      });
      const updated = await putReward(rewardId, {
        name: 'Tea mug',
        pointsCost: 400,
        stock: 10,
        lowStockThreshold: 2,
      });
      expect(updated.body).toMatchObject({ pointsCost: 400, stock: 10, lowStockThreshold: 2 });

      const listed = await api.http().get('/v1/loyalty/catalog').set(as('storefront'));
      expect(listed.status).toBe(200);
      expect(listed.body.items).toContainEqual({
        rewardId,
        name: 'Tea mug',
        pointsCost: 400,
        stock: 10,
        lowStockThreshold: 2,
        active: true,
      });

      // A retired reward leaves the catalog.
      await putReward(rewardId, {
        name: 'Tea mug',
        pointsCost: 400,
        stock: 10,
        lowStockThreshold: 2,
        active: false,
      });
      const after = await api.http().get('/v1/loyalty/catalog').set(as('ops'));
      expect(after.body.items.map((r: { rewardId: string }) => r.rewardId)).not.toContain(rewardId);
    });

    it.each([
      ['missing name', { pointsCost: 1, stock: 1, lowStockThreshold: 0 }],
      ['blank name', { name: '  ', pointsCost: 1, stock: 1, lowStockThreshold: 0 }],
      ['zero cost', { name: 'x', pointsCost: 0, stock: 1, lowStockThreshold: 0 }],
      ['fractional cost', { name: 'x', pointsCost: 1.5, stock: 1, lowStockThreshold: 0 }],
      ['negative stock', { name: 'x', pointsCost: 1, stock: -1, lowStockThreshold: 0 }],
      ['stock beyond int4', { name: 'x', pointsCost: 1, stock: 2 ** 31, lowStockThreshold: 0 }],
      ['string threshold', { name: 'x', pointsCost: 1, stock: 1, lowStockThreshold: '1' }],
      ['unknown field', { name: 'x', pointsCost: 1, stock: 1, lowStockThreshold: 0, colour: 'red' }],
    ])('PUT refuses %s with 400 and writes nothing', async (_name, body) => {
      const before = await snapshot();
      expectProblem(await putReward(id('bad'), body), 400, 'validation-failed');
      expect(await snapshot()).toEqual(before);
    });

    it('PUT refuses an invalid reward id with 400', async () => {
      const before = await snapshot();
      const res = await putReward('bad%20id', { name: 'x', pointsCost: 1, stock: 1, lowStockThreshold: 0 });
      expectProblem(res, 400, 'validation-failed');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('redeeming rewards', () => {
    it('spends points and stock; an Idempotency-Key retry replays it', async () => {
      const rewardId = id('tote');
      await putReward(rewardId, { name: 'Tote bag', pointsCost: 300, stock: 5, lowStockThreshold: 0 });
      const customerId = await funded(1000);
      const key = { 'Idempotency-Key': id('idem') };

      const first = await redeem(customerId, rewardId, key);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        customerId,
        rewardId,
        redemptionId: expect.stringMatching(/^rdm_/),
        points: 300,
        stockLeft: 4,
        ledgerTransactionId: expect.any(String),
        fulfilment: null,
      });
      const again = await redeem(customerId, rewardId, key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);

      const balance = await points(customerId);
      expect(balance.status).toBe(200);
      expect(balance.body.balance).toBe(700);

      // Without a key every request is a redemption of its own.
      const second = await redeem(customerId, rewardId);
      expect(second.status).toBe(201);
      expect(second.body.redemptionId).not.toBe(first.body.redemptionId);
      expect((await points(customerId)).body.balance).toBe(400);
    });

    it('refuses 422 insufficient-points, spending nothing and keeping the stock', async () => {
      const rewardId = id('kettle');
      await putReward(rewardId, { name: 'Kettle', pointsCost: 5000, stock: 2, lowStockThreshold: 0 });
      const customerId = await funded(4999);
      const before = await snapshot();
      expectProblem(await redeem(customerId, rewardId), 422, 'insufficient-points');
      const after = await snapshot();
      // A refused redemption may be recorded as refused; stock and points stay.
      expect({
        ...after,
        tables: {
          ...after.tables,
          loyalty_redemptions: before.tables.loyalty_redemptions,
          idempotency_keys: before.tables.idempotency_keys,
        },
      }).toEqual(before);
      expect((await points(customerId)).body.balance).toBe(4999);
    });

    it('refuses 422 out-of-stock once the last item is gone', async () => {
      const rewardId = id('lamp');
      await putReward(rewardId, { name: 'Lamp', pointsCost: 100, stock: 1, lowStockThreshold: 0 });
      const a = await funded(500);
      const b = await funded(500);
      expect((await redeem(a, rewardId)).status).toBe(201);
      expectProblem(await redeem(b, rewardId), 422, 'out-of-stock');
      expect((await points(b)).body.balance).toBe(500);
      // Out of stock: hidden from the storefront's list, still listed for growth (to restock it).
      const listed = await api.http().get('/v1/loyalty/catalog').set(as('storefront'));
      expect(listed.body.items).not.toContainEqual(expect.objectContaining({ rewardId }));
      const staff = await api.http().get('/v1/loyalty/catalog').set(as('growth'));
      expect(staff.body.items).toContainEqual(expect.objectContaining({ rewardId, stock: 0 }));
    });

    it('10 concurrent redemptions by a customer who can afford one: one succeeds, the other item comes back', async () => {
      const rewardId = id('mug');
      await putReward(rewardId, { name: 'Mug', pointsCost: 300, stock: 2, lowStockThreshold: 0 });
      const customerId = await funded(400);
      const answers = await Promise.all(Array.from({ length: 10 }, () => redeem(customerId, rewardId)));
      expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
      // Refusals are for points, or for stock (held by a redemption in flight, 409 stock-pending, or gone, 422).
      const reasons = answers
        .filter((r) => r.status !== 201)
        .map((r) => String(r.body.type).split('/').pop());
      expect(
        reasons.filter((r) => !['insufficient-points', 'stock-pending', 'out-of-stock'].includes(r!)),
      ).toEqual([]);
      for (const r of answers.filter((a) => a.status !== 201))
        expect(r.status).toBe(String(r.body.type).endsWith('stock-pending') ? 409 : 422);
      expect((await points(customerId)).body.balance).toBe(100);
      const staff = await api.http().get('/v1/loyalty/catalog').set(as('growth'));
      expect(staff.body.items).toContainEqual(expect.objectContaining({ rewardId, stock: 1 }));
    });

    it('refuses 422 unknown-reward for a reward not in the catalog', async () => {
      const customerId = await funded(500);
      const before = await snapshot();
      expectProblem(await redeem(customerId, 'no-such-reward'), 422, 'unknown-reward');
      expect((await snapshot()).tables.loyalty_redemptions).toBe(before.tables.loyalty_redemptions);
      expect((await points(customerId)).body.balance).toBe(500);
    });

    it('a redemption crossing the low-stock threshold opens a low-stock support task', async () => {
      const rewardId = id('pen');
      await putReward(rewardId, { name: 'Pen', pointsCost: 10, stock: 2, lowStockThreshold: 1 });
      const res = await redeem(await funded(100), rewardId);
      expect(res.status).toBe(201);
      expect(res.body.stockLeft).toBe(1);
      const tasks = await api.http().get('/v1/support/tasks?status=open&kind=low-stock').set(as('support'));
      expect(tasks.body.items).toContainEqual(
        expect.objectContaining({ kind: 'low-stock', detail: { rewardId, stockLeft: 1, threshold: 1 } }),
      );
    });

    it.each([
      ['missing rewardId', {}],
      ['numeric rewardId', { rewardId: 7 }],
      ['unknown field', { rewardId: 'x', points: 5 }],
    ])('refuses %s with 400 and writes nothing', async (_name, body) => {
      const customerId = await funded(100);
      const before = await snapshot();
      const res = await api
        .http()
        .post(`/v1/customers/${customerId}/rewards`)
        .set(as('storefront'))
        .send(body);
      expectProblem(res, 400, 'validation-failed');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('points and tier', () => {
    it('shows balance and lots with expiry; an unknown customer has none', async () => {
      const customerId = await funded(250);
      const res = await api.http().get(`/v1/customers/${customerId}/points`).set(as('support'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        customerId,
        balance: 250,
        lots: [{ lotId: expect.any(String), remaining: 250, expiresAt: expect.any(String) }],
      });
      expect((await points(id('nobody'))).body).toMatchObject({ balance: 0, lots: [] });
      expectProblem(await points('bad id!'), 400, 'validation-failed');
    });

    it('answers the current tier, 404 when the customer has none', async () => {
      const customerId = id('cust');
      expectProblem(
        await api.http().get(`/v1/customers/${customerId}/tier`).set(as('storefront')),
        404,
        'not-found',
      );
      await recordTierChange(api.db.pool, {
        idempotencyKey: id('tier'),
        campaignId: 'tiers-a',
        customerId,
        from: null,
        to: 'gold',
        reason: 'rolling spend',
        rollingSpend: 120_000,
        at: '2026-03-01T00:00:00.000Z',
      });
      const res = await api.http().get(`/v1/customers/${customerId}/tier`).set(as('growth'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        customerId,
        campaignId: 'tiers-a',
        tier: 'gold',
        rollingSpend: 120_000,
        since: '2026-03-01T00:00:00.000Z',
        updatedAt: '2026-03-01T00:00:00.000Z',
        byCampaign: [expect.objectContaining({ campaignId: 'tiers-a', tier: 'gold' })],
      });
    });
  });

  describe('points disputes', () => {
    const dispute = (body: Record<string, unknown>, role: keyof ProductTestApi['keys'] = 'support') =>
      api.http().post('/v1/points/disputes').set(as(role)).send(body);
    let campaignId: string;

    it('answers 422 no-points-campaign when none is launched, starting nothing', async () => {
      const before = await snapshot();
      expectProblem(await dispute({ customerId: id('cust'), orderId: 'o-1' }), 422, 'no-points-campaign');
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      ['missing orderId', { customerId: 'c-1' }],
      ['bad customerId', { customerId: 'a b', orderId: 'o-1' }],
      ['long note', { customerId: 'c-1', orderId: 'o-1', note: 'x'.repeat(501) }],
      ['unknown field', { customerId: 'c-1', orderId: 'o-1', points: 100 }],
    ])('refuses %s with 400 and starts nothing', async (_name, body) => {
      const before = await snapshot();
      expectProblem(await dispute(body), 400, 'validation-failed');
      expect(await snapshot()).toEqual(before);
    });

    it('opens a review with a support task; the manager approves it and the points arrive', async () => {
      const customerId = id('cust');
      const orderId = id('order');
      // The order is reported before the points campaign exists, so it earned nothing.
      const placed = await api
        .http()
        .post('/v1/events')
        .set(as('storefront'))
        .send({
          type: 'signed_up',
          eventId: id('ev'),
          customerId,
          email: `${customerId}@test.perkflow.local`,
        });
      expect(placed.status).toBeLessThan(300);
      const order = await api
        .http()
        .post('/v1/events')
        .set(as('storefront'))
        .send({
          type: 'order_placed',
          eventId: id('ev'),
          customerId,
          orderId,
          amount: 12_345,
          categories: ['tea'],
        });
      expect(order.status).toBeLessThan(300);

      const created = await api
        .http()
        .post('/v1/campaigns')
        .set(as('growth'))
        .send({ name: 'points', journeyType: 'points', budget: 1_000_000 });
      campaignId = created.body.campaignId as string;
      expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(
        200,
      );

      const res = await dispute({ customerId, orderId, note: 'receipt shows 123 points' });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        disputeId: expect.stringMatching(/^dsp_/),
        campaignId,
        workflowId: `journey/${campaignId}/${customerId}/dispute/${res.body.disputeId}`,
        status: 'awaiting-review',
        taskId: expect.any(Number),
        outcome: null,
      });
      const { taskId, workflowId } = res.body as { taskId: number; workflowId: string };

      // Support may not decide it; the support manager does.
      expectProblem(
        await api.http().post(`/v1/approvals/${taskId}`).set(as('support')).send({ decision: 'approve' }),
        403,
      );
      const approved = await api
        .http()
        .post(`/v1/approvals/${taskId}`)
        .set(as('support-manager'))
        .send({ decision: 'approve' });
      expect(approved.status).toBe(200);
      expect(approved.body).toEqual({ taskId, workflowId, decision: 'approve', status: 'done' });
      expect(await api.results([workflowId], { stepHours: 1, maxDays: 3 })).toEqual(['approved']);
      expect((await points(customerId)).body.balance).toBe(123);
    });

    it('reports a dispute the re-check refuses (unknown order) as refused, with no task', async () => {
      const res = await dispute({ customerId: id('cust'), orderId: id('never-reported'), campaignId });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'refused', taskId: null, outcome: 'ORDER_UNKNOWN' });
    });

    it('answers 422 no-points-campaign for a campaign that is not a points campaign', async () => {
      const before = await snapshot();
      const res = await dispute({ customerId: id('cust'), orderId: 'o-1', campaignId: 'not-a-campaign' });
      expectProblem(res, 422, 'no-points-campaign');
      expect(await snapshot()).toEqual(before);
    });
  });
});
