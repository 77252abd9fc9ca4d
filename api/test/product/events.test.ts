import { randomBytes } from 'node:crypto';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';
import { eventually } from '../../../test/support/eventually';

interface Delivery {
  campaignId: string;
  journeyType: string;
  delivery: string;
}

describe('events API (POST /v1/events → journey signals)', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const growth = () => ({ Authorization: `Bearer ${api.keys.growth}` });
  const storefront = () => ({ Authorization: `Bearer ${api.keys.storefront}` });
  const campaigns: Record<'trial' | 'repurchase' | 'dormancy' | 'referral', string> = {
    trial: '',
    repurchase: '',
    dormancy: '',
    referral: '',
  };

  async function launch(journeyType: string): Promise<string> {
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(growth())
      .send({ name: journeyType, journeyType, budget: 10_000_000 });
    expect(created.status).toBe(201);
    const launched = await api.http().post(`/v1/campaigns/${created.body.campaignId}/launch`).set(growth());
    expect(launched.status).toBe(200);
    return created.body.campaignId as string;
  }

  const post = (event: Record<string, unknown>) =>
    api.http().post('/v1/events').set(storefront()).send(event);

  /** The deliveries of one event, by our campaign key; campaigns the event does not concern are absent. */
  function byCampaign(deliveries: Delivery[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, campaignId] of Object.entries(campaigns)) {
      const d = deliveries.filter((x) => x.campaignId === campaignId);
      expect(d.length).toBeLessThanOrEqual(1);
      if (d[0]) out[name] = d[0].delivery;
    }
    return out;
  }

  async function journeyState(campaignId: string, customerId: string) {
    return api.http().get(`/v1/campaigns/${campaignId}/journeys/${customerId}`).set(growth());
  }

  beforeAll(async () => {
    campaigns.trial = await launch('trial-credit');
    campaigns.repurchase = await launch('repurchase-voucher');
    campaigns.dormancy = await launch('dormancy');
    campaigns.referral = await launch('referral');
  });

  it('routes every event type to the journeys it concerns and records it once', async () => {
    const customerId = id('cust');
    const orderId = id('order');
    const signedUp = await post({
      type: 'signed_up',
      eventId: id('ev'),
      customerId,
      email: `${customerId}@test.perkflow.local`,
    });
    expect(signedUp.status).toBe(202);
    expect(signedUp.body).toMatchObject({ duplicate: false, creditRestored: 0 });
    // No referral code: the referral journey does not start.
    expect(byCampaign(signedUp.body.deliveries)).toEqual({ trial: 'delivered', dormancy: 'delivered' });

    const trialState = await journeyState(campaigns.trial, customerId);
    expect(trialState.status).toBe(200);
    expect(trialState.body).toMatchObject({
      workflowId: `journey/${campaigns.trial}/${customerId}`,
      journeyType: 'trial-credit',
      campaignId: campaigns.trial,
      customerId,
    });

    const ordered = await post({
      type: 'order_placed',
      eventId: id('ev'),
      customerId,
      orderId,
      amount: 12_000,
      categories: ['tea'],
    });
    expect(ordered.status).toBe(202);
    expect(byCampaign(ordered.body.deliveries)).toEqual({
      trial: 'signalled',
      repurchase: 'delivered',
      dormancy: 'delivered',
      referral: 'not-running',
    });

    const active = await post({ type: 'active', eventId: id('ev'), customerId });
    expect(active.status).toBe(202);
    expect(byCampaign(active.body.deliveries)).toEqual({ dormancy: 'delivered' });

    const review = await post({
      type: 'review_submitted',
      eventId: id('ev'),
      customerId,
      orderId,
      rating: 5,
    });
    expect(review.status).toBe(202);
    expect(byCampaign(review.body.deliveries)).toEqual({ dormancy: 'delivered' });

    const refunded = await post({ type: 'order_refunded', eventId: id('ev'), customerId, orderId });
    expect(refunded.status).toBe(202);
    expect(refunded.body.creditRestored).toBe(0);
    expect(byCampaign(refunded.body.deliveries)).toEqual({
      repurchase: 'signalled',
      referral: 'not-running',
    });

    // The refund of the first order cancels the repurchase journey.
    const state = await eventually(
      async () => (await journeyState(campaigns.repurchase, customerId)).body as { status: string },
      { until: (s) => s.status === 'cancelled', description: 'the repurchase journey to be cancelled' },
    );
    expect(state).toMatchObject({ status: 'cancelled', outcome: 'first-order-refunded' });

    const rows = await api.db.pool.query<{ type: string }>(
      'SELECT type FROM customer_events WHERE customer_id = $1 ORDER BY received_at',
      [customerId],
    );
    expect(rows.rows.map((r) => r.type)).toEqual([
      'signed_up',
      'order_placed',
      'active',
      'review_submitted',
      'order_refunded',
    ]);
  });

  it('starts the referral journey for a sign-up with a referral code', async () => {
    const customerId = id('referee');
    const res = await post({
      type: 'signed_up',
      eventId: id('ev'),
      customerId,
      email: `${customerId}@test.perkflow.local`,
      referralCode: 'NO-SUCH-CODE',
      locale: 'en',
    });
    expect(res.status).toBe(202);
    expect(byCampaign(res.body.deliveries)).toMatchObject({ referral: 'delivered' });
    expect(await api.workflowStatus(`journey/${campaigns.referral}/${customerId}`)).not.toBeNull();
  });

  it('marks a redelivered event as duplicate, recording it once', async () => {
    const customerId = id('cust');
    const event = { type: 'active', eventId: id('ev'), customerId, activity: 'login' };
    expect((await post(event)).body.duplicate).toBe(false);
    const again = await post(event);
    expect(again.status).toBe(202);
    expect(again.body.duplicate).toBe(true);
    const rows = await api.db.pool.query('SELECT 1 FROM customer_events WHERE event_id = $1', [
      event.eventId,
    ]);
    expect(rows.rowCount).toBe(1);
  });

  it('answers 409 for an eventId redelivered with other content, writing nothing; the same content stays a duplicate', async () => {
    const customerId = id('cust');
    const eventId = id('ev');
    const order = { type: 'order_placed', eventId, customerId, orderId: id('order'), amount: 10_000 };
    expect((await post(order)).body.duplicate).toBe(false);
    // Personal fields aside, the same content in another key order is the same event.
    const reordered = { amount: 10_000, orderId: order.orderId, customerId, eventId, type: 'order_placed' };
    expect((await post(reordered)).body).toMatchObject({ duplicate: true });
    // A sender that stamps each delivery anew redelivers the same event.
    expect((await post({ ...order, occurredAt: new Date().toISOString() })).body).toMatchObject({
      duplicate: true,
    });
    for (const other of [
      { ...order, orderId: id('order') },
      { ...order, amount: 10_001 },
      { type: 'active', eventId, customerId, activity: 'login' },
    ]) {
      expectProblem(await post(other), 409, 'event-id-reused');
    }
    const orders = await api.db.pool.query<{ order_id: string; amount: string }>(
      'SELECT order_id, amount FROM customer_orders WHERE customer_id = $1',
      [customerId],
    );
    expect(orders.rows).toEqual([{ order_id: order.orderId, amount: '10000' }]);
    const profile = await api.db.pool.query<{ order_count: number; total_spent: string }>(
      'SELECT order_count, total_spent FROM customers WHERE customer_id = $1',
      [customerId],
    );
    expect(profile.rows).toEqual([{ order_count: 1, total_spent: '10000' }]);
  });

  it('refuses an order that would take total spend past 2^53 - 1 (422, nothing written); the profile stays readable', async () => {
    const customerId = id('cust');
    const big = Number.MAX_SAFE_INTEGER;
    const first = await post({
      type: 'order_placed',
      eventId: id('ev'),
      customerId,
      orderId: id('order'),
      amount: big,
    });
    expect(first.status).toBe(202);
    const secondOrderId = id('order');
    const second = await post({
      type: 'order_placed',
      eventId: id('ev'),
      customerId,
      orderId: secondOrderId,
      amount: 1,
    });
    const problem = expectProblem(second, 422, 'spend-out-of-range');
    expect(problem.errors).toEqual([expect.objectContaining({ path: ['body', 'amount'] })]);
    const written = await api.db.pool.query(
      'SELECT (SELECT count(*) FROM customer_orders WHERE order_id = $1) AS orders, (SELECT count(*) FROM customer_events WHERE customer_id = $2) AS events',
      [secondOrderId, customerId],
    );
    expect(written.rows[0]).toEqual({ orders: '0', events: '1' });
    const profile = await api
      .http()
      .get(`/v1/customers/${customerId}`)
      .set({ Authorization: `Bearer ${api.keys.support}` });
    expect(profile.status).toBe(200);
    expect(profile.body.profile).toMatchObject({ orderCount: 1, totalSpent: big });
    expect(profile.body.facts).toMatchObject({ totalSpent: big, totalSpentLast365Days: big });
  });

  it('refuses a refund of more than its order (422, nothing written); the whole order and a part of it are fine', async () => {
    const customerId = id('cust');
    const orderId = id('order');
    expect(
      (await post({ type: 'order_placed', eventId: id('ev'), customerId, orderId, amount: 1_000 })).status,
    ).toBe(202);
    const tooMuchEventId = id('ev');
    const tooMuch = await post({
      type: 'order_refunded',
      eventId: tooMuchEventId,
      customerId,
      orderId,
      amount: 1_001,
    });
    const problem = expectProblem(tooMuch, 422, 'refund-exceeds-order');
    expect(problem.errors).toEqual([expect.objectContaining({ path: ['body', 'amount'] })]);
    const stored = await api.db.pool.query(
      `SELECT (SELECT count(*) FROM customer_events WHERE event_id = $1) AS events,
              (SELECT count(*) FROM customer_orders WHERE order_id = $2 AND refunded_at IS NOT NULL) AS refunded`,
      [tooMuchEventId, orderId],
    );
    expect(stored.rows[0]).toEqual({ events: '0', refunded: '0' });
    const part = await post({ type: 'order_refunded', eventId: id('ev'), customerId, orderId, amount: 400 });
    expect(part.status).toBe(202);
    const rest = await post({
      type: 'order_refunded',
      eventId: id('ev'),
      customerId,
      orderId,
      amount: 1_000,
    });
    expect(rest.status).toBe(202);
    // An order this product never heard of cannot be checked: its refund is recorded as it always was.
    const unknown = await post({
      type: 'order_refunded',
      eventId: id('ev'),
      customerId,
      orderId: id('order'),
      amount: 5_000,
    });
    expect(unknown.status).toBe(202);
  });

  it('refuses malformed events with 400, recording and starting nothing', async () => {
    const customerId = id('malformed');
    const malformed: Record<string, unknown>[] = [
      { type: 'logged_in', eventId: id('ev'), customerId },
      { eventId: id('ev'), customerId },
      { type: 'signed_up', eventId: id('ev'), customerId, email: 'not-an-email' },
      { type: 'signed_up', eventId: id('ev'), customerId },
      { type: 'order_placed', eventId: id('ev'), customerId, orderId: 'o', amount: -1 },
      { type: 'order_placed', eventId: id('ev'), customerId, orderId: 'o', amount: 1.5 },
      { type: 'order_placed', eventId: id('ev'), customerId, amount: 100 },
      { type: 'order_refunded', eventId: id('ev'), customerId },
      { type: 'review_submitted', eventId: id('ev'), customerId, rating: 6 },
      { type: 'active', eventId: id('ev'), customerId, extra: true },
      { type: 'active', eventId: '', customerId },
      { type: 'active', eventId: id('ev'), customerId: '   ' },
      { type: 'active', eventId: id('ev'), customerId, occurredAt: 'yesterday' },
    ];
    // Journeys of the earlier tests may still be writing: count what this customer's events could have written.
    const written = async () =>
      (
        await api.db.pool.query(
          `SELECT (SELECT count(*) FROM customer_events WHERE customer_id = $1) AS events,
                  (SELECT count(*) FROM customers WHERE customer_id = $1) AS customers,
                  (SELECT count(*) FROM journey_events WHERE customer_id = $1) AS journal,
                  (SELECT count(*) FROM ledger_lots WHERE customer_id = $1) AS lots,
                  (SELECT count(*) FROM customer_events) AS allEvents`,
          [customerId],
        )
      ).rows[0] as Record<string, string>;
    const before = await written();
    expect(before).toEqual({
      events: '0',
      customers: '0',
      journal: '0',
      lots: '0',
      allevents: before.allevents,
    });
    for (const event of malformed) {
      const res = await post(event);
      const problem = expectProblem(res, 400, 'validation-failed');
      expect((problem.errors as { path: unknown[] }[]).every((e) => e.path[0] === 'body')).toBe(true);
    }
    expectProblem(
      await api.http().post('/v1/events').set(storefront()).type('json').send('{"type":'),
      400,
      'malformed-json',
    );
    expect(await written()).toEqual(before);
    for (const campaignId of Object.values(campaigns)) {
      expect(await api.workflowStatus(`journey/${campaignId}/${customerId}`)).toBeNull();
    }
  });

  it('a paused campaign starts no new journey but still signals a running one', async () => {
    const campaignId = await launch('repurchase-voucher');
    const running = id('running');
    const first = await post({
      type: 'order_placed',
      eventId: id('ev'),
      customerId: running,
      orderId: id('order'),
      amount: 5000,
    });
    const firstDelivery = (first.body.deliveries as Delivery[]).find((d) => d.campaignId === campaignId);
    expect(firstDelivery?.delivery).toBe('delivered');
    const firstOrderId = (
      await api.db.pool.query<{ first_order_id: string }>(
        'SELECT first_order_id FROM customers WHERE customer_id = $1',
        [running],
      )
    ).rows[0]!.first_order_id;

    expect((await api.http().post(`/v1/campaigns/${campaignId}/pause`).set(growth())).body.status).toBe(
      'paused',
    );

    const newcomer = id('newcomer');
    const second = await post({
      type: 'order_placed',
      eventId: id('ev'),
      customerId: newcomer,
      orderId: id('order'),
      amount: 5000,
    });
    expect(second.status).toBe(202);
    expect((second.body.deliveries as Delivery[]).find((d) => d.campaignId === campaignId)?.delivery).toBe(
      'not-running',
    );
    expect(await api.workflowStatus(`journey/${campaignId}/${newcomer}`)).toBeNull();
    expectProblem(await journeyState(campaignId, newcomer), 404, 'not-found');

    const refund = await post({
      type: 'order_refunded',
      eventId: id('ev'),
      customerId: running,
      orderId: firstOrderId,
    });
    expect((refund.body.deliveries as Delivery[]).find((d) => d.campaignId === campaignId)?.delivery).toBe(
      'signalled',
    );
    const [result] = await api.results([`journey/${campaignId}/${running}`], { stepHours: 1, maxDays: 1 });
    expect(result).toBe('first-order-refunded');
    const state = await journeyState(campaignId, running);
    expect(state.body).toMatchObject({ status: 'cancelled', outcome: 'first-order-refunded' });
  });
});
