import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { expectProblem } from '../../../test/support/api/probe';
import { useProductTestApi } from '../../../test/support/per-file';

/**
 * POST /v1/campaigns/{id}/simulate on the real stack: each timeline runs the genuine workflow code on a time-skipping
 * server of its own with a scratch ledger, and the answer must match what the real-server journey tests assert.
 */
describe('campaign simulation', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });

  async function draft(journeyType: string, budget = 1_000_000, config?: unknown) {
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: id(journeyType), journeyType, budget, ...(config ? { config } : {}) });
    expect(created.status).toBe(201);
    return created.body.campaignId as string;
  }

  const simulate = (campaignId: string, body: object) =>
    api.http().post(`/v1/campaigns/${campaignId}/simulate`).set(as('growth')).send(body);

  const firstOrder = [
    { at: 'P0D', event: { type: 'signed_up', email: 'lin@example.com', locale: 'en' } },
    { at: 'P0D', event: { type: 'order_placed', orderId: 'o-1', amount: 15_000, categories: ['tea'] } },
  ];

  it('runs the repurchase journey of a draft for three timelines: never back, back on day 10, refunded', async () => {
    const campaignId = await draft('repurchase-voucher');
    const res = await simulate(campaignId, {
      timelines: [
        { name: 'never buys again', events: firstOrder },
        {
          name: 'buys again on day 10',
          events: [
            ...firstOrder,
            { at: 'P10D', event: { type: 'order_placed', orderId: 'o-2', amount: 9_900 } },
          ],
        },
        {
          name: 'refunds on day 12',
          events: [...firstOrder, { at: 'P12D', event: { type: 'order_refunded', orderId: 'o-1' } }],
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.startAt).toBe('2030-01-01T00:00:00.000Z');
    const [never, back, refunded] = res.body.results;

    // Voucher A on day 7 (20.00 off 200.00, 14 days), voucher B on day 30 (50.00 off 300.00, 30 days).
    expect(never.clock).toBe('exact');
    expect(never.journeys).toEqual([
      expect.objectContaining({ status: 'completed', outcome: 'vouchers-issued' }),
    ]);
    expect(never.credit).toEqual([
      expect.objectContaining({
        at: '2030-01-08T00:00:00.000Z',
        type: 'grant',
        amount: 2000,
        kind: 'threshold',
        expiresAt: '2030-01-22T00:00:00.000Z',
      }),
      expect.objectContaining({
        at: '2030-01-31T00:00:00.000Z',
        type: 'grant',
        amount: 5000,
        expiresAt: '2030-03-02T00:00:00.000Z',
      }),
    ]);
    expect(
      never.emails.map((e: { at: string; subject: string; locale: string }) => [e.at, e.subject, e.locale]),
    ).toEqual([
      ['2030-01-08T00:00:00.000Z', 'A repurchase voucher for you: 20.00 off 200.00', 'en'],
      ['2030-01-31T00:00:00.000Z', 'A repurchase voucher for you: 50.00 off 300.00', 'en'],
    ]);
    expect(never.emails[0].text).toContain('20.00 CNY off any order of 200.00 CNY');
    expect(never.cost).toEqual({ currency: 'CNY', granted: 7000, revoked: 0, net: 7000, pointsAwarded: 0 });
    expect(never.horizonReached).toBe(false);
    expect(never.summary.join('\n')).toContain('Day 7: granted 20.00 CNY threshold credit');

    // Voucher A went out on day 7; the order on day 10 ends the journey before voucher B.
    expect(back.journeys).toEqual([expect.objectContaining({ status: 'completed', outcome: 'repurchased' })]);
    expect(back.credit.map((c: { type: string; amount: number }) => [c.type, c.amount])).toEqual([
      ['grant', 2000],
    ]);
    expect(back.emails).toHaveLength(1);
    expect(back.cost.net).toBe(2000);
    expect(
      back.deliveries.map((d: { at: string; event: string; delivery: string }) => [
        d.at,
        d.event,
        d.delivery,
      ]),
    ).toEqual([
      ['2030-01-01T00:00:00.000Z', 'signed_up', 'not-applicable'],
      ['2030-01-01T00:00:00.000Z', 'order_placed', 'delivered'],
      ['2030-01-11T00:00:00.000Z', 'order_placed', 'delivered'],
    ]);

    expect(refunded.journeys).toEqual([
      expect.objectContaining({ status: 'cancelled', outcome: 'first-order-refunded' }),
    ]);
    expect(refunded.credit.map((c: { type: string; amount: number }) => [c.type, c.amount])).toEqual([
      ['grant', 2000],
      ['revoke', -2000],
    ]);
    expect(refunded.emails).toHaveLength(1);
    expect(refunded.cost).toMatchObject({ granted: 2000, revoked: 2000, net: 0 });
  });

  it('answers the same document for the same request, and touches no table of the real database', async () => {
    const campaignId = await draft('repurchase-voucher');
    const body = { timelines: [{ events: firstOrder, horizon: 'P40D' }] };
    const before = await api.nothingWrittenSnapshot();
    const first = await simulate(campaignId, body);
    const second = await simulate(campaignId, body);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await api.nothingWrittenSnapshot()).toEqual(before);
  });

  it('runs a start in the past now and shifts its times back onto the requested start', async () => {
    const campaignId = await draft('repurchase-voucher');
    const res = await simulate(campaignId, {
      startAt: '2020-06-01T00:00:00+08:00',
      timelines: [{ events: firstOrder, horizon: 'P10D' }],
    });
    expect(res.status).toBe(200);
    const [result] = res.body.results;
    expect(result.clock).toBe('shifted');
    expect(result.startAt).toBe('2020-05-31T16:00:00.000Z');
    expect(result.credit).toEqual([
      expect.objectContaining({
        at: '2020-06-07T16:00:00.000Z',
        amount: 2000,
        expiresAt: '2020-06-21T16:00:00.000Z',
      }),
    ]);
    expect(result.horizonReached).toBe(true);
    expect(result.endAt).toBe('2020-06-10T16:00:00.000Z');
  });

  it('answers 429 with Retry-After when every simulation environment is busy, runs the others, and does not keep the 429 for its Idempotency-Key', async () => {
    const campaignId = await draft('repurchase-voucher');
    const body = { timelines: [{ events: firstOrder, horizon: 'P60D' }] };
    const keys = [1, 2, 3].map((n) => `simulate-busy-${n}-${randomBytes(4).toString('hex')}`);
    const send = (key: string) => simulate(campaignId, body).set('Idempotency-Key', key);
    const answers = await Promise.all(keys.map(send));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429]);
    const busyAt = answers.findIndex((a) => a.status === 429);
    expectProblem(answers[busyAt]!, 429, 'simulations-busy');
    expect(answers[busyAt]!.headers['retry-after']).toBe('5');
    // The retry Retry-After invites, with the same key, runs: a refusal of the moment is not replayed.
    const retried = await send(keys[busyAt]!);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(answers.find((a) => a.status === 200)!.body);
  });

  it('refuses bad timelines with 422 naming the field, and unknown campaigns with 404', async () => {
    const campaignId = await draft('repurchase-voucher');
    const tooLong = await simulate(campaignId, { timelines: [{ events: firstOrder, horizon: 'P4Y' }] });
    expect(expectProblem(tooLong, 422, 'simulation-too-long').errors).toEqual([
      expect.objectContaining({ path: ['body', 'timelines', 0, 'horizon'] }),
    ]);
    const beforeEvents = await simulate(campaignId, {
      timelines: [{ events: [{ at: 'P10D', event: firstOrder[1]!.event }], horizon: 'P5D' }],
    });
    expect(expectProblem(beforeEvents, 422, 'simulation-too-long').errors).toEqual([
      expect.objectContaining({ path: ['body', 'timelines', 0, 'horizon'] }),
    ]);
    const notDuration = await simulate(campaignId, {
      timelines: [{ events: [{ at: '3 days', event: firstOrder[1]!.event }] }],
    });
    expect(expectProblem(notDuration, 400).errors).toEqual([
      expect.objectContaining({ path: ['body', 'timelines', 0, 'events', 0, 'at'] }),
    ]);
    // A bad value inside one kind of entry is named where it is, not as the entry's "Invalid input".
    const negative = await simulate(campaignId, {
      timelines: [
        {
          events: [
            { at: 'P1D', event: { type: 'order_placed', orderId: 'o-neg', amount: -5, categories: [] } },
            { at: 'P2D', decision: 'maybe' },
          ],
        },
      ],
    });
    expect(expectProblem(negative, 400).errors).toEqual([
      expect.objectContaining({ path: ['body', 'timelines', 0, 'events', 0, 'event', 'amount'] }),
      expect.objectContaining({ path: ['body', 'timelines', 0, 'events', 1, 'decision'] }),
    ]);
    // A profile whose orders (or credit) add up past one amount could only fail the run: refused up front, named.
    for (const [field, entries] of [
      [
        'orders',
        [
          { daysAgo: 2, amount: Number.MAX_SAFE_INTEGER },
          { daysAgo: 1, amount: 1 },
        ],
      ],
      ['credit', [1, 2].map(() => ({ amount: Number.MAX_SAFE_INTEGER, expiresInDays: 5 }))],
    ] as const) {
      const overflowing = await simulate(campaignId, {
        timelines: [{ profile: { [field]: entries }, events: [] }],
      });
      expect(expectProblem(overflowing, 422, 'rule-violated').errors).toEqual([
        expect.objectContaining({ path: ['body', 'timelines', 0, 'profile', field] }),
      ]);
    }
    // An event that takes the profile's spend past the bound is refused at that entry (it said ['body', 'amount']).
    const spentOut = await simulate(campaignId, {
      timelines: [
        {
          profile: { orders: [{ daysAgo: 2, amount: Number.MAX_SAFE_INTEGER }] },
          events: [
            { at: 'P1D', event: { type: 'order_placed', orderId: 'o-past', amount: 1, categories: [] } },
          ],
        },
      ],
    });
    expect(expectProblem(spentOut, 422, 'spend-out-of-range').errors).toEqual([
      expect.objectContaining({ path: ['body', 'timelines', 0, 'events', 0, 'event', 'amount'] }),
    ]);
    // The profile's credit and the campaign's budget fund one scratch program: together past one amount, refused at
    // the second timeline's credit (it answered 503 "the environment failed").
    const overFunded = await simulate(campaignId, {
      timelines: [
        { events: [], horizon: 'P1D' },
        { profile: { credit: [{ amount: Number.MAX_SAFE_INTEGER, expiresInDays: 5 }] }, events: [] },
      ],
    });
    expect(expectProblem(overFunded, 422, 'rule-violated').errors).toEqual([
      expect.objectContaining({ path: ['body', 'timelines', 1, 'profile', 'credit'] }),
    ]);
    const undeclared = await simulate(campaignId, {
      timelines: [
        { events: [{ at: 'P1D', event: { type: 'custom', name: 'never_declared', properties: {} } }] },
      ],
    });
    expect(expectProblem(undeclared, 422, 'unknown-event-type').errors).toEqual([
      expect.objectContaining({ path: ['body', 'timelines', 0, 'events', 0, 'event', 'name'] }),
    ]);
    const crowd = await simulate(campaignId, {
      timelines: [
        {
          events: Array.from({ length: 101 }, (_, i) => ({
            at: 'P1D',
            customerId: `crowd-${i}`,
            event: { type: 'active' },
          })),
        },
      ],
    });
    expect(expectProblem(crowd, 422).errors).toEqual([
      expect.objectContaining({ path: ['body', 'timelines', 0, 'events'] }),
    ]);
    const farFuture = await simulate(campaignId, {
      startAt: '9999-12-31T00:00:00Z',
      timelines: [{ events: firstOrder }],
    });
    expect(expectProblem(farFuture, 422).errors).toEqual([
      expect.objectContaining({ path: ['body', 'startAt'] }),
    ]);
    const missing = await simulate('no-such-campaign', { timelines: [{ events: firstOrder }] });
    expectProblem(missing, 404);
    const support = await api
      .http()
      .post(`/v1/campaigns/${campaignId}/simulate`)
      .set(as('support'))
      .send({ timelines: [{ events: firstOrder }] });
    expect(support.status).toBe(403);
  });
});
