import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { useProductTestApi } from '../../../test/support/per-file';

/**
 * Every journey plugin's main path, simulated: the answer must say what the plugin's own real-server test asserts
 * (workflows/journeys/<plugin>/*.test.ts) — the same grants, emails, steps and days — with no customer event sent to
 * the real API and nothing written to its database.
 */
describe('simulation of every journey plugin', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });

  interface Result {
    journeys: { status: string; outcome: string | null; step: string; workflowId: string }[];
    steps: { at: string; step: string; kind: string; detail: Record<string, unknown> }[];
    credit: {
      at: string;
      type: string;
      customerId: string;
      amount: number;
      kind: string | null;
      expiresAt: string | null;
    }[];
    points: { at: string; type: string; points: number }[];
    emails: { at: string; to: string; subject: string; text: string; locale: string }[];
    tasks: { at: string; kind: string; title: string }[];
    deliveries: { event: string; delivery: string }[];
    cost: { granted: number; revoked: number; net: number; pointsAwarded: number };
  }

  async function simulate(journeyType: string, timeline: object, config?: object): Promise<Result> {
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: id(journeyType), journeyType, budget: 10_000_000, ...(config ? { config } : {}) });
    expect(created.status).toBe(201);
    const res = await api
      .http()
      .post(`/v1/campaigns/${created.body.campaignId}/simulate`)
      .set(as('growth'))
      .send({ timelines: [timeline] });
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({
      status: 200,
      body: 'ok',
    });
    return res.body.results[0] as Result;
  }

  const DAY = '2030-01-';
  const day = (n: number, time = '00:00') =>
    new Date(Date.parse(`${DAY}01T${time}:00.000Z`) + n * 86_400_000).toISOString();
  const signUp = (locale = 'en', extra: object = {}) => ({
    at: 'P0D',
    event: { type: 'signed_up', email: 'lin@example.com', locale, ...extra },
  });
  const order = (at: string, orderId: string, amount: number, categories: string[] = []) => ({
    at,
    event: { type: 'order_placed', orderId, amount, categories },
  });

  it('trial-credit: 50.00 for 30 days, a reminder on day 23, expired-unused on day 30', async () => {
    const r = await simulate('trial-credit', { events: [signUp()] });
    expect(r.steps.map((s) => s.step)).toEqual(['grant', 'email:granted', 'email:reminder', 'end']);
    expect(r.steps.map((s) => s.at)).toEqual([day(0), day(0), day(23), day(30)]);
    expect(r.credit).toEqual([
      expect.objectContaining({ at: day(0), type: 'grant', amount: 5000, kind: 'cash', expiresAt: day(30) }),
    ]);
    expect(r.emails.map((e) => e.subject)).toEqual([
      'Your 50.00 CNY trial credit is ready',
      expect.stringContaining('expires'),
    ]);
    expect(r.emails[0]!.text).toContain(`valid until ${day(30).slice(0, 10)}`);
    expect(r.emails[1]!.text).toContain(`50.00 CNY trial credit expires on ${day(30).slice(0, 10)}`);
    expect(r.journeys).toEqual([expect.objectContaining({ status: 'completed', outcome: 'expired-unused' })]);
    expect(r.cost).toMatchObject({ granted: 5000, net: 5000 });
  });

  it('trial-credit: a zh-CN lead converts on a day-3 order, emailed in Chinese, no reminder', async () => {
    const r = await simulate('trial-credit', { events: [signUp('zh-CN'), order('P3D', 'o-1', 12_000)] });
    expect(r.steps.map((s) => [s.step, s.at])).toEqual([
      ['grant', day(0)],
      ['email:granted', day(0)],
      ['end', day(3)],
    ]);
    expect(r.emails.map((e) => [e.subject, e.locale])).toEqual([
      ['您的新品体验金 50.00 CNY 已到账', 'zh-CN'],
    ]);
    expect(r.journeys[0]).toMatchObject({ outcome: 'converted' });
  });

  it('dormancy: offer email on day 10, callback task on day 12, 100.00 gift on day 14', async () => {
    const r = await simulate(
      'dormancy',
      { events: [signUp()], horizon: 'P20D' },
      { dormantDays: 10, callbackAfterDays: 2, giftAfterDays: 2, eventsPerRun: 10 },
    );
    const at = (step: string) => r.steps.find((s) => s.step === step)?.at;
    expect([at('cycle-1:email-offer'), at('cycle-1:callback'), at('cycle-1:gift')]).toEqual([
      day(10),
      day(12),
      day(14),
    ]);
    expect(r.tasks).toEqual([expect.objectContaining({ at: day(12), kind: 'callback' })]);
    expect(r.credit).toEqual([
      expect.objectContaining({
        at: day(14),
        type: 'grant',
        amount: 10_000,
        kind: 'cash',
        expiresAt: day(44),
      }),
    ]);
    expect(r.emails.map((e) => [e.at, e.subject])).toEqual([
      [day(10), 'We miss you, lin: a welcome-back offer'],
      [day(12), '[perkflow support] Call back dormant customer sim-customer (10+ days inactive)'],
      [day(14), 'A welcome-back gift: 100.00 CNY credit'],
    ]);
    expect(r.journeys[0]).toMatchObject({ status: 'waiting', step: 'cycle-1:awaiting-order' });
  });

  it('points: 1 point per unit × category multiplier up to the daily cap, refunds take them back', async () => {
    const r = await simulate(
      'points',
      {
        events: [
          order('P0D', 'a', 12_345),
          order('P0D', 'tea', 10_000, ['tea', 'cups']),
          order('P0D', 'c', 57_700),
          order('P0D', 'd', 100),
          order('P1D', 'e', 500),
          { at: 'P1DT1H', event: { type: 'order_refunded', orderId: 'tea' } },
        ],
        horizon: 'P2D',
      },
      { categoryMultipliers: { tea: 3 }, dailyCap: 1000 },
    );
    const detail = (step: string) => r.steps.find((s) => s.step === step)?.detail;
    expect(detail('earn:a')).toMatchObject({ requested: 123, earned: 123 });
    expect(detail('earn:tea')).toMatchObject({ requested: 300, earned: 300 });
    expect(detail('earn:c')).toMatchObject({ requested: 577, earned: 577 });
    expect(detail('earn:d')).toMatchObject({ requested: 1, earned: 0, cappedBy: 1 });
    expect(detail('refund:tea')).toMatchObject({ earned: 300, deducted: 300 });
    expect(r.points.reduce((sum, p) => sum + p.points, 0)).toBe(705);
    expect(r.cost.pointsAwarded).toBe(1005);
  });

  it('points dispute: an order from before the campaign earned nothing; support approves within 48 h → 912 points once', async () => {
    const r = await simulate(
      'points',
      {
        profile: {
          locale: 'en',
          orders: [{ orderId: 'missed', daysAgo: 3, amount: 45_600, categories: ['tea'] }],
        },
        events: [
          { at: 'P0D', pointsDispute: { orderId: 'missed' } },
          { at: 'PT47H', decision: 'approve', by: 'support-1' },
        ],
        horizon: 'P3D',
      },
      { categoryMultipliers: { tea: 2 } },
    );
    expect(r.tasks).toEqual([expect.objectContaining({ kind: 'points-dispute', at: day(0) })]);
    expect(r.journeys).toEqual([expect.objectContaining({ status: 'completed', outcome: 'approved' })]);
    expect(r.points).toEqual([
      expect.objectContaining({ type: 'points_earn', points: 912, at: day(1, '23:00') }),
    ]);
    expect(r.emails.filter((e) => e.to === 'customer@example.com').map((e) => e.subject)).toEqual([
      'Missing points added: 912 points',
    ]);
  });

  it('member-tier: silver at exactly 5,000.00 of rolling spend, each order rebated at its tier after 7 days', async () => {
    const r = await simulate(
      'member-tier',
      {
        profile: { locale: 'en' },
        events: [order('P0D', 'first', 300_000), order('PT1H', 'second', 200_000)],
        horizon: 'P8D',
      },
      { spendWindowDays: 20, reviewEveryDays: 30 },
    );
    expect(r.emails.map((e) => [e.at, e.subject])).toEqual([
      [day(0, '01:00'), 'You are now a Silver member'],
      [day(7), 'Your 30.00 CNY rebate is here'],
      [day(7, '01:00'), 'Your 40.00 CNY rebate is here'],
    ]);
    // The standard-tier order at 1 %, the upgrading order at 2 %.
    expect(
      r.credit
        .filter((c) => c.kind === 'rebate')
        .map((c) => c.amount)
        .sort((a, b) => a - b),
    ).toEqual([3000, 4000]);
    expect(r.credit.every((c) => c.at >= day(7))).toBe(true);
    expect(r.journeys[0]).toMatchObject({ status: 'waiting' });
  });

  it('prepayment-bonus: 2 % of a prepaid order at once, nothing without the marker, taken back on refund', async () => {
    const r = await simulate('prepayment-bonus', {
      events: [
        order('P0D', 'plain', 500_000, ['tea']),
        order('PT1H', 'prepaid', 500_000, ['tea', 'prepayment']),
        order('PT2H', 'second', 123_456, ['prepayment']),
        { at: 'P2D', event: { type: 'order_refunded', orderId: 'prepaid' } },
      ],
      horizon: 'P3D',
    });
    expect(r.deliveries.map((d) => d.delivery)).toEqual([
      'not-applicable',
      'delivered',
      'delivered',
      'signalled', // the refund reaches the running journey
    ]);
    expect(r.credit.map((c) => [c.type, c.amount])).toEqual([
      ['grant', 10_000],
      ['grant', 2_469],
      ['revoke', -10_000],
    ]);
    expect(r.cost).toMatchObject({ granted: 12_469, revoked: 10_000, net: 2_469 });
  });

  it('in-sale-rebate: 3 %, 5 %, 8 % tiers paid after the 7-day refund window; below 10,000.00 nothing', async () => {
    const r = await simulate('in-sale-rebate', {
      profile: { locale: 'en' },
      events: [
        order('P0D', 'below', 999_999),
        order('P0D', 'exact', 1_000_000),
        order('P0D', 'odd', 1_234_567),
        order('P0D', 'mid', 3_000_000),
        order('P0D', 'top', 5_000_000),
      ],
      horizon: 'P8D',
    });
    expect(r.credit.map((c) => c.amount).sort((a, b) => a - b)).toEqual([30_000, 37_037, 150_000, 400_000]);
    expect(r.credit.every((c) => c.kind === 'rebate' && c.at >= day(7))).toBe(true);
    expect(r.emails.map((e) => e.subject).sort()).toEqual(
      [
        'Your 300.00 CNY rebate is here',
        'Your 370.37 CNY rebate is here',
        'Your 1500.00 CNY rebate is here',
        'Your 4000.00 CNY rebate is here',
      ].sort(),
    );
    expect(r.cost.granted).toBe(617_037);
  });

  it('referral: sales approve, 72 h without refund, both sides paid and the referrer gets the first tier voucher', async () => {
    const r = await simulate('referral', {
      profile: { customerId: 'referee-1', email: 'referee@example.com', locale: 'en' },
      events: [
        {
          at: 'P0D',
          customerId: 'referrer-1',
          event: { type: 'signed_up', email: 'referrer@example.com', locale: 'en', phone: '+86-1' },
        },
        {
          at: 'PT1H',
          customerId: 'referrer-1',
          event: { type: 'order_placed', orderId: 'r-1', amount: 30_000 },
        },
        {
          at: 'P1D',
          event: {
            type: 'signed_up',
            email: 'referee@example.com',
            locale: 'en',
            referralCode: 'referrer-1',
          },
        },
        order('P2D', 'first', 20_000),
        { at: 'P2DT1H', decision: 'approve', by: 'sales-1' },
      ],
      horizon: 'P10D',
    });
    expect(r.tasks).toEqual([expect.objectContaining({ kind: 'referral-review' })]);
    const referee = r.journeys.find((j) => j.workflowId.endsWith('/referee-1'));
    expect(referee).toMatchObject({ status: 'completed', outcome: 'rewarded' });
    const paid = (customerId: string) =>
      r.credit
        .filter((c) => c.customerId === customerId && c.type === 'grant')
        .reduce((s, c) => s + c.amount, 0);
    expect(paid('referee-1')).toBe(5000);
    expect(paid('referrer-1')).toBe(15_000);
    const refereePaidAt = r.credit.find((c) => c.customerId === 'referee-1')!.at;
    expect(Date.parse(refereePaidAt) - Date.parse(day(2, '01:00'))).toBeGreaterThanOrEqual(72 * 3_600_000);
    expect(r.emails.filter((e) => e.to === 'referrer@example.com').map((e) => e.subject)).toEqual([
      'Your referral reward of 50.00 CNY is here',
      'Congratulations: 1 successful referrals',
    ]);
  });

  it('compensation: above the threshold a manager approves, the customer gets the credit and a zh-CN email', async () => {
    const r = await simulate(
      'compensation',
      {
        profile: { locale: 'zh-CN' },
        events: [
          { at: 'P0D', compensation: { agentId: 'agent-1', amount: 25_000, reason: 'parcel lost twice' } },
          { at: 'PT2H', decision: 'approve' },
        ],
        horizon: 'P2D',
      },
      { approvalThreshold: 20_000 },
    );
    expect(r.tasks).toEqual([expect.objectContaining({ kind: 'compensation-approval', at: day(0) })]);
    expect(r.journeys).toEqual([expect.objectContaining({ outcome: 'granted' })]);
    expect(r.credit).toEqual([
      expect.objectContaining({ at: day(0, '02:00'), type: 'grant', amount: 25_000 }),
    ]);
    expect(r.emails.map((e) => [e.at, e.to, e.subject])).toEqual([
      [
        day(0),
        'support@test.perkflow.local',
        '[perkflow support] Approve 250.00 compensation for sim-customer by agent-1',
      ],
      [day(0, '02:00'), 'customer@example.com', '客情维护金 250.00 CNY 已到账'],
    ]);
  });

  it('flow (cart-abandonment template): no order within the hour → a 满100减10 coupon for 7 days and an email', async () => {
    const templates = await api.http().get('/v1/journey-templates').set(as('growth'));
    const cart = (
      templates.body.items as {
        id: string;
        config: object;
        eventTypes: { name: string; propertiesSchema: object }[];
      }[]
    ).find((t) => t.id === 'cart-abandonment')!;
    for (const type of cart.eventTypes) {
      const put = await api
        .http()
        .put(`/v1/event-types/${type.name}`)
        .set(as('growth'))
        .send({ propertiesSchema: type.propertiesSchema });
      expect([200, 201]).toContain(put.status);
    }
    const r = await simulate(
      'flow',
      {
        events: [
          signUp(),
          { at: 'PT10M', event: { type: 'custom', name: 'cart_abandoned', properties: { cartId: 'c-1' } } },
        ],
        horizon: 'P1D',
      },
      cart.config,
    );
    expect(r.credit).toEqual([
      expect.objectContaining({
        at: day(0, '01:10'),
        amount: 1000,
        kind: 'threshold',
        expiresAt: day(7, '01:10'),
      }),
    ]);
    expect(r.emails.map((e) => e.subject)).toEqual(['Your cart is waiting: 10.00 CNY off 100.00']);
  });

  it('flow (newer nodes): waits until 10:00 Asia/Shanghai, awards points, counts a limit, grants by tier, tags', async () => {
    const r = await simulate(
      'flow',
      { events: [signUp()], horizon: 'P2D' },
      {
        definition: {
          nodes: [
            { id: 'joined', type: 'entry', on: { type: 'signed_up' }, next: 'ten' },
            { id: 'ten', type: 'wait', at: { time: '10:00', timezone: 'Asia/Shanghai' }, next: 'points' },
            { id: 'points', type: 'awardPoints', points: { fixed: 200 }, next: 'first' },
            {
              id: 'first',
              type: 'limit',
              counter: 'first-10',
              max: 10,
              countOnce: 'customer',
              next: 'gift',
              onReached: 'done',
            },
            {
              id: 'gift',
              type: 'grantCredit',
              amount: { byTier: { none: 500, gold: 900 } },
              validityDays: 7,
              next: 'tag',
            },
            { id: 'tag', type: 'setAttribute', attribute: 'tags', addTag: 'early-bird', next: 'done' },
            { id: 'done', type: 'exit', outcome: 'done' },
          ],
        },
      },
    );
    // The timeline starts at 01:00 UTC (09:00 in Shanghai): 10:00 there is 02:00 UTC the same day.
    expect(r.points).toEqual([expect.objectContaining({ at: day(0, '02:00'), points: 200 })]);
    expect(r.credit).toEqual([expect.objectContaining({ at: day(0, '02:00'), amount: 500, kind: 'cash' })]);
    expect(r.steps.map((s) => [s.step, s.kind])).toEqual([
      ['joined', 'flow-entered'],
      ['points', 'points-awarded'],
      ['first', 'limit-counted'],
      ['gift', 'credit-granted'],
      ['tag', 'attribute-set'],
      ['end', 'journey-completed'],
    ]);
    expect(r.journeys).toEqual([expect.objectContaining({ status: 'completed', outcome: 'done' })]);
  });

  it('flow: a condition on the sharedIdentityAccounts fact refuses a second account signing up with a known phone', async () => {
    const definition = {
      version: 1,
      nodes: [
        { id: 'signed-up', type: 'entry', on: { type: 'signed_up' }, next: 'fraud-check' },
        {
          id: 'fraud-check',
          type: 'condition',
          branches: [
            { when: [{ on: 'fact', fact: 'sharedIdentityAccounts', op: 'gt', value: 0 }], next: 'refuse' },
          ],
          otherwise: 'welcome',
        },
        { id: 'refuse', type: 'exit', outcome: 'multi-account', status: 'refused' },
        { id: 'welcome', type: 'grantCredit', amount: { fixed: 2000 }, validityDays: 30, next: 'done' },
        { id: 'done', type: 'exit', outcome: 'welcomed' },
      ],
      exitOn: [],
    };
    const twin = await simulate(
      'flow',
      {
        events: [
          {
            at: 'P0D',
            customerId: 'first-account',
            event: {
              type: 'signed_up',
              email: 'first@example.com',
              locale: 'en',
              phone: '+86 138 0000 1111',
            },
          },
          {
            at: 'P1D',
            event: {
              type: 'signed_up',
              email: 'second@example.com',
              locale: 'en',
              phone: '+86-138-0000-1111',
            },
          },
        ],
        horizon: 'P2D',
      },
      { definition },
    );
    const outcomes = Object.fromEntries(twin.journeys.map((j) => [j.workflowId.split('/')[2], j.outcome]));
    expect(outcomes).toEqual({ 'first-account': 'welcomed', 'sim-customer': 'multi-account' });
    expect(twin.credit.map((c) => [c.customerId, c.amount])).toEqual([['first-account', 2000]]);
  });

  it('expiry-reminder: the daily sweep reminds a lot 7 days before it expires, once', async () => {
    const r = await simulate('expiry-reminder', {
      profile: { credit: [{ amount: 3000, expiresInDays: 20 }] },
      events: [],
      horizon: 'P25D',
    });
    expect(r.emails).toHaveLength(1);
    expect(r.emails[0]!.at >= day(13) && r.emails[0]!.at <= day(14)).toBe(true);
    expect(r.credit.map((c) => [c.type, c.amount])).toEqual([
      ['grant', 3000],
      ['expire', -3000],
    ]);
  });
});
