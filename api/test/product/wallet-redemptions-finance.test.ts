import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';

const DAY_MS = 86_400_000;

describe('wallet, redemptions and finance APIs', () => {
  const api = useProductTestApi();
  let campaignId: string;
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });

  /** Credit straight through the ledger (the journeys that grant it have their own tests). */
  async function grant(
    customerId: string,
    amount: number,
    options: { expiresAt?: string; asOf?: string; minOrderAmount?: number } = {},
  ) {
    return api.ledger.grantCredit({
      idempotencyKey: id('grant'),
      campaignId,
      customerId,
      amount,
      kind: options.minOrderAmount ? 'threshold' : 'cash',
      ...(options.minOrderAmount ? { minOrderAmount: options.minOrderAmount } : {}),
      scope: { type: 'all' },
      stacking: 'stackable',
      expiresAt: options.expiresAt ?? new Date(Date.now() + 30 * DAY_MS).toISOString(),
      asOf: options.asOf ?? new Date().toISOString(),
      source: { reason: 'test' },
    });
  }

  const redeem = (body: Record<string, unknown>) =>
    api.http().post('/v1/redemptions').set(as('storefront')).send(body);
  const wallet = (customerId: string, query = '') =>
    api.http().get(`/v1/customers/${customerId}/wallet${query}`).set(as('storefront'));

  beforeAll(async () => {
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'goodwill', journeyType: 'compensation', budget: 1_000_000 });
    campaignId = created.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);
  });

  it('GET wallet: balance by kind, lots soonest-expiring first, expiring soon, points', async () => {
    const customerId = id('cust');
    const soon = new Date(Date.now() + 3 * DAY_MS).toISOString();
    const later = new Date(Date.now() + 60 * DAY_MS).toISOString();
    await grant(customerId, 3000, { expiresAt: later });
    await grant(customerId, 2000, { expiresAt: soon });
    await grant(customerId, 1500, { expiresAt: later, minOrderAmount: 10_000 });

    const res = await wallet(customerId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      customerId,
      currency: 'CNY',
      balance: 6500,
      byKind: { cash: 5000, threshold: 1500, rebate: 0 },
      points: 0,
    });
    expect((res.body.lots as { remaining: number }[])[0]!.remaining).toBe(2000);
    expect((res.body.expiringSoon as { original: number }[]).map((l) => l.original)).toEqual([2000]);
    const wide = await wallet(customerId, '?expiringWithinDays=90');
    expect((wide.body.expiringSoon as unknown[]).length).toBe(3);

    const empty = await wallet(id('nobody'));
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ balance: 0, lots: [], expiringSoon: [], points: 0 });

    expectProblem(await wallet(customerId, '?expiringWithinDays=0'), 400);
    expectProblem(await wallet(customerId, '?expiringWithinDays=400'), 400);
    expectProblem(await wallet(customerId, '?other=1'), 400);
    expectProblem(await wallet('bad%20id'), 400);
  });

  it('GET statement: newest first, keyset pages, 422 for a cursor it did not issue', async () => {
    const customerId = id('cust');
    await grant(customerId, 1000);
    await grant(customerId, 2000);
    await grant(customerId, 3000);
    const page1 = await api.http().get(`/v1/customers/${customerId}/statement?limit=2`).set(as('support'));
    expect(page1.status).toBe(200);
    expect((page1.body.entries as { amount: number }[]).map((e) => e.amount)).toEqual([3000, 2000]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await api
      .http()
      .get(
        `/v1/customers/${customerId}/statement?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
      )
      .set(as('support'));
    expect((page2.body.entries as { amount: number; type: string }[]).map((e) => e.amount)).toEqual([1000]);
    expect(page2.body.nextCursor).toBeNull();
    expectProblem(
      await api.http().get(`/v1/customers/${customerId}/statement?cursor=garbage`).set(as('support')),
      422,
    );
    // Forged cursors shaped like ours whose values the database would refuse: 422 like any other, never a 500.
    const issued = JSON.parse(Buffer.from(page1.body.nextCursor, 'base64url').toString('utf8')) as {
      at: string;
      id: string;
    };
    for (const forged of [
      { ...issued, id: '9223372036854775808' },
      { ...issued, id: '99999999999999999999999' },
      { ...issued, at: '2026-02-30T20:03:47.844Z' },
      { ...issued, at: '-000001-01-01T00:00:00.000Z' },
      { ...issued, at: '2026-12-03T20:03:47Z' },
    ]) {
      const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
      expectProblem(
        await api.http().get(`/v1/customers/${customerId}/statement?cursor=${cursor}`).set(as('support')),
        422,
      );
    }
    expectProblem(
      await api.http().get(`/v1/customers/${customerId}/statement?limit=0`).set(as('support')),
      400,
    );
  });

  it('POST redemptions: an order whose lines add up to more than its amount is a 422 that says so', async () => {
    const customerId = id('cust');
    await grant(customerId, 3000);
    const res = await api
      .http()
      .post('/v1/redemptions')
      .set(as('storefront'))
      .send({
        customerId,
        order: {
          orderId: id('order'),
          amount: 1_000,
          categories: ['tea'],
          lines: [{ category: 'tea', amount: 900 }],
          shippingAmount: 200,
        },
      });
    // Located in the body, as every other rule of the request (it was the ledger's words only, with no location).
    const problem = expectProblem(res, 422, 'rule-violated');
    expect(problem.errors).toEqual([
      expect.objectContaining({
        path: ['body', 'order', 'lines'],
        message: 'the lines and the shipping together exceed the order amount',
      }),
    ]);
  });

  it('POST redemptions: a quote writes nothing; a commit applies credit once per order', async () => {
    const customerId = id('cust');
    await grant(customerId, 3000);
    const orderId = id('order');
    const body = { customerId, order: { orderId, amount: 10_000, categories: ['tea'] } };

    const before = await api.counts();
    const quote = await redeem(body);
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ committed: false, total: 3000, payable: 7000 });
    expect(quote.body.redemptionId).toBeUndefined();
    expect(await api.counts()).toEqual(before);
    expect((await wallet(customerId)).body.balance).toBe(3000);

    const committed = await redeem({ ...body, commit: true });
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({ committed: true, total: 3000, payable: 7000 });
    expect(committed.body.redemptionId).toEqual(expect.any(String));
    expect((await wallet(customerId)).body.balance).toBe(0);
    expect((await api.counts()).ledger_transactions).toBe(before.ledger_transactions! + 1);

    // A retried commit (a moment later) gets the original redemption back and applies nothing twice.
    const again = await redeem({ ...body, commit: true });
    expect(again.status).toBe(200);
    expect(again.body.redemptionId).toBe(committed.body.redemptionId);
    expect((await wallet(customerId)).body.balance).toBe(0);
    expect((await api.counts()).ledger_transactions).toBe(before.ledger_transactions! + 1);

    // The same order with a different request is a conflict.
    const changed = await redeem({ ...body, order: { ...body.order, amount: 20_000 }, commit: true });
    expectProblem(changed, 409, 'idempotency-conflict');
    expect((await api.counts()).ledger_transactions).toBe(before.ledger_transactions! + 1);

    // The statement shows the redemption; a refund event gives the credit back.
    const statement = await api.http().get(`/v1/customers/${customerId}/statement`).set(as('storefront'));
    expect((statement.body.entries as { amount: number }[])[0]!.amount).toBe(-3000);
    const refund = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({ type: 'order_refunded', eventId: id('ev'), customerId, orderId });
    expect(refund.body.creditRestored).toBe(3000);
    expect((await wallet(customerId)).body.balance).toBe(3000);
  });

  it('a refund after the lot was clawed back reports no credit restored: its share went back to the budget', async () => {
    const customerId = id('cust');
    const lot = await grant(customerId, 1_000);
    const orderId = id('order');
    const body = { customerId, order: { orderId, amount: 5_000, categories: ['tea'] }, commit: true };
    expect((await redeem(body)).body).toMatchObject({ committed: true, total: 1_000 });
    await api.ledger.revokeGrant({
      idempotencyKey: id('revoke'),
      lotId: lot.lotId,
      asOf: new Date().toISOString(),
      reason: 'fraud',
    });
    const refund = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({ type: 'order_refunded', eventId: id('ev'), customerId, orderId });
    // It said 1 000 here, with nothing in the wallet (an outside probe).
    expect(refund.body.creditRestored).toBe(0);
    expect((await wallet(customerId)).body.balance).toBe(0);
  });

  it("POST redemptions: a percent coupon quotes each line's discount, free shipping the shipping part", async () => {
    const customerId = id('cust');
    const base = {
      idempotencyKey: id('grant'),
      campaignId,
      customerId,
      scope: { type: 'categories' as const, categories: ['tea'] },
      stacking: 'stackable' as const,
      expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
      asOf: new Date().toISOString(),
      source: { reason: 'test' },
    };
    await api.ledger.grantCredit({ ...base, kind: 'percent', percentBp: 1_500, amount: 2_000 });
    await api.ledger.grantCredit({
      ...base,
      idempotencyKey: id('grant'),
      scope: { type: 'all' },
      kind: 'shipping',
      amount: 800,
    });
    const order = {
      orderId: id('order'),
      amount: 10_500,
      categories: ['tea', 'cups'],
      lines: [
        { category: 'tea', amount: 4_001 },
        { category: 'cups', amount: 6_000 },
      ],
      shippingAmount: 499,
    };
    const quote = await redeem({ customerId, order });
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({
      committed: false,
      total: 600 + 499,
      payable: 10_500 - 1_099,
      lines: [
        { line: 0, category: 'tea', amount: 4_001, discount: 600 },
        { line: 1, category: 'cups', amount: 6_000, discount: 0 },
      ],
      shippingDiscount: 499,
    });
    const wallet_ = await wallet(customerId);
    expect(wallet_.body.byKind).toMatchObject({ percent: 2_000, shipping: 800 });
    expect(wallet_.body.lots).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'percent', percentBp: 1_500 })]),
    );
    const tooMuch = await redeem({ customerId, order: { ...order, shippingAmount: 600 } });
    expectProblem(tooMuch, 422);
  });

  it('order_refunded with an amount gives back that share of the credit, once per refund event', async () => {
    const customerId = id('cust');
    await grant(customerId, 1_000);
    const orderId = id('order');
    await redeem({ customerId, order: { orderId, amount: 3_000 }, commit: true });
    const refund = (eventId: string, amount?: number) =>
      api
        .http()
        .post('/v1/events')
        .set(as('storefront'))
        .send({ type: 'order_refunded', eventId, customerId, orderId, ...(amount ? { amount } : {}) });
    const first = id('ev');
    expect((await refund(first, 1_000)).body.creditRestored).toBe(333);
    // Redelivered: the same refund, nothing more given back.
    expect((await refund(first, 1_000)).body.creditRestored).toBe(333);
    expect((await wallet(customerId)).body.balance).toBe(333);
    // A refund without an amount refunds the rest of the order: the rest of the credit.
    expect((await refund(id('ev'))).body.creditRestored).toBe(667);
    expect((await wallet(customerId)).body.balance).toBe(1_000);
    expect((await refund(id('ev'), 500)).body.creditRestored).toBe(0);
  });

  it('POST redemptions: credit short of the order leaves the rest payable; maxAmount caps it', async () => {
    const customerId = id('cust');
    await grant(customerId, 500);
    const order = { orderId: id('order'), amount: 8000 };
    const res = await redeem({ customerId, order, commit: true });
    expect(res.body).toMatchObject({ committed: true, total: 500, payable: 7500 });
    expect(res.body.applied).toEqual([expect.objectContaining({ kind: 'cash', amount: 500 })]);

    const capped = id('cust');
    await grant(capped, 5000);
    const quote = await redeem({
      customerId: capped,
      order: { orderId: id('order'), amount: 8000 },
      maxAmount: 1200,
    });
    expect(quote.body).toMatchObject({ committed: false, total: 1200, payable: 6800 });
  });

  it('POST redemptions: a customer without credit gets a zero quote and a 422 commit', async () => {
    const customerId = id('broke');
    const order = { orderId: id('order'), amount: 8000 };
    const quote = await redeem({ customerId, order });
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ committed: false, total: 0, payable: 8000, applied: [] });
    const before = await api.counts();
    expectProblem(await redeem({ customerId, order, commit: true }), 422, 'insufficient-balance');
    expect(await api.counts()).toEqual(before);
    expectProblem(await redeem({ customerId, order: { orderId: 'x', amount: -1 } }), 400);
    expectProblem(await redeem({ customerId, order: { orderId: 'x', amount: 1, coupon: 'x' } }), 400);
    expectProblem(await redeem({ customerId, order, commit: 'yes' }), 400);
  });

  it('finance: liability, breakage over a period, expense per campaign', async () => {
    const customerId = id('cust');
    await grant(customerId, 4000);
    // A lot that expired yesterday, swept into breakage.
    const past = Date.now() - 2 * DAY_MS;
    await grant(customerId, 700, {
      asOf: new Date(past).toISOString(),
      expiresAt: new Date(past + DAY_MS).toISOString(),
    });
    await api.ledger.expireDueLots({ asOf: new Date().toISOString() });

    const liability = await api.http().get('/v1/finance/liability').set(as('finance'));
    expect(liability.status).toBe(200);
    expect(liability.body.currency).toBe('CNY');
    const mine = (liability.body.byCampaign as { campaignId: string; amount: number }[]).find(
      (c) => c.campaignId === campaignId,
    );
    const outstanding = await api.db.pool.query<{ sum: string }>(
      `SELECT coalesce(sum(a.balance), 0) AS sum FROM ledger_lots l JOIN ledger_accounts a ON a.id = l.account_id
        WHERE l.campaign_id = $1 AND (l.expires_at IS NULL OR l.expires_at > now())`,
      [campaignId],
    );
    expect(mine?.amount).toBe(Number(outstanding.rows[0]!.sum));
    expect(liability.body.total).toBeGreaterThanOrEqual(mine!.amount);

    const from = new Date(past - DAY_MS).toISOString();
    const to = new Date(Date.now() + DAY_MS).toISOString();
    const breakage = await api.http().get(`/v1/finance/breakage?from=${from}&to=${to}`).set(as('finance'));
    expect(breakage.status).toBe(200);
    expect(breakage.body).toMatchObject({ total: 700, byCampaign: [{ campaignId, amount: 700 }] });
    const before = await api
      .http()
      .get(`/v1/finance/breakage?from=${new Date(past - 10 * DAY_MS).toISOString()}&to=${from}`)
      .set(as('finance'));
    expect(before.body.total).toBe(0);
    expectProblem(await api.http().get('/v1/finance/breakage').set(as('finance')), 400);
    // A period that ends before it starts, located at `to` on every report over a period.
    for (const report of ['breakage', 'expense', 'points']) {
      const reversed = await api.http().get(`/v1/finance/${report}?from=${to}&to=${from}`).set(as('finance'));
      expect(expectProblem(reversed, 422, 'rule-violated').errors).toEqual([
        expect.objectContaining({ path: ['query', 'to'] }),
      ]);
    }

    const expense = await api
      .http()
      .get(`/v1/finance/expense?from=${from}&to=${to}&campaignId=${campaignId}`)
      .set(as('finance'));
    expect(expense.status).toBe(200);
    const row = (expense.body.campaigns as { campaignId: string; granted: number; expired: number }[]).find(
      (c) => c.campaignId === campaignId,
    );
    expect(row).toMatchObject({ campaignId });
    expect(row!.granted).toBeGreaterThanOrEqual(4700);
    expect(row!.expired).toBe(700);
  });

  it('finance: the program budget is funded and read through the API', async () => {
    const read = await api.http().get('/v1/finance/program-budget').set(as('growth'));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      currency: 'CNY',
      funded: 1_000_000_000,
      allocated: 1_000_000,
      remaining: 999_000_000,
    });
    const funded = await api
      .http()
      .post('/v1/finance/program-budget')
      .set(as('finance'))
      .send({ amount: 250_000, memo: 'Q3 top-up' });
    expect(funded.status).toBe(201);
    expect(funded.body).toEqual({
      currency: 'CNY',
      funded: 1_000_250_000,
      allocated: 1_000_000,
      remaining: 999_250_000,
    });
    const before = await api.counts();
    expectProblem(
      await api.http().post('/v1/finance/program-budget').set(as('finance')).send({ amount: 0 }),
      400,
    );
    expectProblem(
      await api.http().post('/v1/finance/program-budget').set(as('finance')).send({ amount: 1.5 }),
      400,
    );
    expect(await api.counts()).toEqual(before);
  });

  it('two fundings without an Idempotency-Key both count, even with the same X-Request-Id', async () => {
    const start = (await api.http().get('/v1/finance/program-budget').set(as('finance'))).body
      .funded as number;
    const requestId = id('trace');
    for (let i = 0; i < 2; i++) {
      const res = await api
        .http()
        .post('/v1/finance/program-budget')
        .set(as('finance'))
        .set('X-Request-Id', requestId)
        .send({ amount: 100 });
      expect(res.status).toBe(201);
    }
    expect((await api.http().get('/v1/finance/program-budget').set(as('finance'))).body.funded).toBe(
      start + 200,
    );
  });

  it('GET /v1/journeys answers 404 for an unknown journey and 400 for a non-journey id', async () => {
    expectProblem(
      await api.http().get('/v1/journeys?workflowId=journey/none/none').set(as('ops')),
      404,
      'not-found',
    );
    expectProblem(
      await api.http().get(`/v1/campaigns/${campaignId}/journeys/nobody`).set(as('ops')),
      404,
      'not-found',
    );
    expectProblem(await api.http().get('/v1/journeys?workflowId=other/thing').set(as('ops')), 400);
    expectProblem(await api.http().get('/v1/journeys').set(as('ops')), 400);
  });
});
