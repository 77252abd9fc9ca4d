import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { expectProblem } from '../../../test/support/api/probe';
import { useProductTestApi } from '../../../test/support/per-file';
import { recordTierChange } from '../../../stores/loyalty-tiers';
import { setReferralStatus } from '../../../stores/referrals';

const DAY_MS = 86_400_000;

/**
 * Customer profiles (typed attributes from the catalog, computed facts) and segments (a filter compiled to one SQL
 * statement), on the real API and Postgres.
 */
describe('customer profiles and segments', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });

  const send = async (event: Record<string, unknown>) => {
    const res = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({ eventId: id('ev'), ...event });
    expect(res.status).toBe(202);
  };
  const signUp = (customerId: string) =>
    send({ type: 'signed_up', customerId, locale: 'en', email: `${customerId}@test.perkflow.local` });
  const put = (
    customerId: string,
    attributes: Record<string, unknown>,
    role: keyof ProductTestApi['keys'] = 'growth',
  ) => api.http().put(`/v1/customers/${customerId}/attributes`).set(as(role)).send({ attributes });
  const patch = (customerId: string, attributes: Record<string, unknown>) =>
    api.http().patch(`/v1/customers/${customerId}/attributes`).set(as('support')).send({ attributes });
  const getCustomer = (customerId: string) => api.http().get(`/v1/customers/${customerId}`).set(as('growth'));
  const declare = (name: string, body: Record<string, unknown>) =>
    api.http().put(`/v1/attribute-types/${name}`).set(as('growth')).send(body);
  const createSegment = (filter: unknown, name = 'segment') =>
    api.http().post('/v1/segments').set(as('growth')).send({ name, filter });

  beforeAll(async () => {
    expect((await declare('cohort', { type: 'string', description: 'test population' })).status).toBe(200);
    expect((await declare('score', { type: 'number' })).status).toBe(200);
    expect((await declare('newsletter', { type: 'boolean' })).status).toBe(200);
    expect((await declare('joinedOn', { type: 'date' })).status).toBe(200);
    expect((await declare('interests', { type: 'string-list' })).status).toBe(200);
  });

  describe('attribute catalog', () => {
    it('lists the built-in attributes and the declared ones; a declared type is fixed, a built-in one too', async () => {
      const list = await api.http().get('/v1/attribute-types').set(as('support'));
      expect(list.status).toBe(200);
      const byName = new Map((list.body.items as { name: string }[]).map((a) => [a.name, a]));
      expect(byName.get('birthday')).toMatchObject({ type: 'date', builtIn: true });
      expect(byName.get('tags')).toMatchObject({ type: 'string-list', builtIn: true });
      for (const name of ['region', 'industry', 'acquisitionChannel'])
        expect(byName.get(name)).toMatchObject({ type: 'string', builtIn: true });
      expect(byName.get('cohort')).toMatchObject({
        type: 'string',
        builtIn: false,
        description: 'test population',
        declaredBy: api.keyIds.growth,
      });

      const redescribed = await api
        .http()
        .put('/v1/attribute-types/score')
        .set(as('ops'))
        .send({ type: 'number', description: 'points of interest' });
      expect(redescribed.status).toBe(200);
      expect(redescribed.body).toMatchObject({
        name: 'score',
        type: 'number',
        description: 'points of interest',
      });
      expectProblem(await declare('score', { type: 'string' }), 409, 'attribute-type-fixed');
      expectProblem(await declare('birthday', { type: 'string' }), 409, 'built-in-attribute');
      expectProblem(await declare('bad-name', { type: 'string' }), 400, 'validation-failed');
      expectProblem(await declare('whatever', { type: 'json' }), 400, 'validation-failed');
    });
  });

  describe('profiles', () => {
    it('PUT replaces, PATCH merges and null removes; GET shows the attributes', async () => {
      const customerId = id('prof');
      await signUp(customerId);
      const replaced = await put(customerId, {
        birthday: '1990-04-12',
        region: 'east',
        tags: ['vip', 'b2b'],
        score: 7,
        newsletter: true,
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body.attributes).toEqual({
        birthday: '1990-04-12',
        region: 'east',
        tags: ['vip', 'b2b'],
        score: 7,
        newsletter: true,
      });

      const merged = await patch(customerId, { region: 'west', score: null, industry: 'retail' });
      expect(merged.status).toBe(200);
      expect(merged.body.attributes).toEqual({
        birthday: '1990-04-12',
        region: 'west',
        tags: ['vip', 'b2b'],
        newsletter: true,
        industry: 'retail',
      });

      const again = await put(customerId, { region: 'north' });
      expect(again.status).toBe(200);
      const read = await getCustomer(customerId);
      expect(read.status).toBe(200);
      expect(read.body.attributes).toEqual({ region: 'north' });
    });

    it('422 names the attribute: unknown name, wrong type, invalid date; nothing is written', async () => {
      const customerId = id('prof');
      await signUp(customerId);
      expect((await put(customerId, { region: 'east' })).status).toBe(200);
      const cases: [Record<string, unknown>, string][] = [
        [{ favouriteColour: 'red' }, 'favouriteColour'],
        [{ region: 5 }, 'region'],
        [{ score: '7' }, 'score'],
        [{ newsletter: 'yes' }, 'newsletter'],
        [{ tags: 'vip' }, 'tags'],
        [{ birthday: '1990-02-30' }, 'birthday'],
        [{ birthday: '12/04/1990' }, 'birthday'],
        [{ joinedOn: true }, 'joinedOn'],
        [{ 'x-not-a-name': 'a' }, 'x-not-a-name'],
        [{ '': 'a' }, ''],
      ];
      for (const [attributes, name] of cases) {
        for (const res of [await put(customerId, attributes), await patch(customerId, attributes)]) {
          const problem = expectProblem(res, 422, 'invalid-attributes');
          expect(problem.errors).toEqual([expect.objectContaining({ path: ['body', 'attributes', name] })]);
          expect(problem.detail).toContain(name);
        }
      }
      expect((await getCustomer(customerId)).body.attributes).toEqual({ region: 'east' });
      // PATCH may remove with null; PUT may not hold a null.
      expectProblem(await put(customerId, { region: null }), 400, 'validation-failed');
    });

    it('an unknown customer is 404; the write is audited', async () => {
      expectProblem(await put(id('nobody'), { region: 'east' }), 404, 'not-found');
      const customerId = id('prof');
      await signUp(customerId);
      expect((await patch(customerId, { region: 'south' })).status).toBe(200);
      const audit = await api
        .http()
        .get('/v1/audit')
        .query({ resource: `/v1/customers/${customerId}/attributes` })
        .set(as('ops'));
      expect(audit.status).toBe(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ operationId: 'mergeCustomerAttributes', actorKeyId: api.keyIds.support }),
      ]);
    });

    it('facts follow orders, refunds, grants, points, tiers and paid referrals, as the ledger views show them', async () => {
      const customerId = id('facts');
      await signUp(customerId);
      const lead = await getCustomer(customerId);
      expect(lead.body.facts).toEqual({
        orderCount: 0,
        totalSpent: 0,
        totalSpentLast365Days: 0,
        daysSinceLastOrder: null,
        daysSinceLastActive: 0,
        lead: true,
        walletBalance: 0,
        pointsBalance: 0,
        tier: null,
        referralsPaid: 0,
      });

      const now = Date.now();
      const old = id('order');
      const recent = id('order');
      const refunded = id('order');
      await send({
        type: 'order_placed',
        customerId,
        orderId: old,
        amount: 30_000,
        occurredAt: new Date(now - 380 * DAY_MS).toISOString(),
      });
      await send({
        type: 'order_placed',
        customerId,
        orderId: recent,
        amount: 12_000,
        occurredAt: new Date(now - 3 * DAY_MS).toISOString(),
      });
      await send({
        type: 'order_placed',
        customerId,
        orderId: refunded,
        amount: 5_000,
        occurredAt: new Date(now - 10 * DAY_MS).toISOString(),
      });
      await send({ type: 'order_refunded', customerId, orderId: refunded, amount: 5_000 });

      const created = await api
        .http()
        .post('/v1/campaigns')
        .set(as('growth'))
        .send({ name: 'goodwill', journeyType: 'compensation', budget: 1_000_000 });
      expect(created.status).toBe(201);
      const campaignId = created.body.campaignId as string;
      expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(
        200,
      );
      const grant = (amount: number, expiresAt: string | null) =>
        api.ledger.grantCredit({
          idempotencyKey: id('grant'),
          campaignId,
          customerId,
          amount,
          kind: 'cash',
          scope: { type: 'all' },
          stacking: 'stackable',
          expiresAt,
          asOf: new Date().toISOString(),
          source: { reason: 'test' },
        });
      await grant(1_500, new Date(now + 30 * DAY_MS).toISOString());
      await grant(700, null);
      const revoked = await grant(400, null);
      await api.ledger.revokeGrant({
        idempotencyKey: id('revoke'),
        lotId: revoked.lotId,
        asOf: new Date().toISOString(),
        reason: 'test',
      });
      await api.ledger.earnPoints({
        transactionId: id('earn'),
        customerId,
        points: 320,
        asOf: new Date().toISOString(),
        reason: 'test',
      });
      const at = new Date().toISOString();
      await recordTierChange(api.db.pool, {
        idempotencyKey: id('tier'),
        campaignId: 'cmp-tiers',
        customerId,
        from: null,
        to: 'gold',
        reason: 'upgrade',
        rollingSpend: 12_000,
        at,
      });
      for (const status of ['paid', 'paid', 'pending'] as const) {
        await setReferralStatus(api.db.pool, {
          refereeId: id('referee'),
          referrerId: customerId,
          campaignId: 'cmp-referral',
          status,
          at,
        });
      }

      const res = await getCustomer(customerId);
      expect(res.status).toBe(200);
      expect(res.body.facts).toEqual({
        orderCount: 3,
        totalSpent: 42_000,
        totalSpentLast365Days: 12_000,
        daysSinceLastOrder: 3,
        daysSinceLastActive: 0,
        lead: false,
        walletBalance: 2_200,
        pointsBalance: 320,
        tier: 'gold',
        referralsPaid: 2,
      });
      // The same numbers as the ledger's own views.
      const asOf = res.body.asOf as string;
      expect((await api.ledger.wallet(customerId, asOf)).balance).toBe(res.body.facts.walletBalance);
      expect((await api.ledger.pointsBalance(customerId, asOf)).balance).toBe(res.body.facts.pointsBalance);
      expect((await api.services.loyalty.tier(customerId))?.tier).toBe(res.body.facts.tier);

      // Segments filter on the same facts.
      expect((await put(customerId, { cohort: customerId })).status).toBe(200);
      const preview = async (fact: Record<string, unknown>) => {
        const segment = await createSegment({
          all: [{ attribute: 'cohort', op: 'eq', value: customerId }, fact],
        });
        expect(segment.status).toBe(201);
        const res = await api.http().get(`/v1/segments/${segment.body.segmentId}/preview`).set(as('ops'));
        expect(res.status).toBe(200);
        return res.body.count as number;
      };
      expect(await preview({ fact: 'walletBalance', op: 'eq', value: 2_200 })).toBe(1);
      expect(await preview({ fact: 'pointsBalance', op: 'gte', value: 321 })).toBe(0);
      expect(await preview({ fact: 'totalSpentLast365Days', op: 'eq', value: 12_000 })).toBe(1);
      expect(await preview({ fact: 'tier', op: 'gte', value: 'silver' })).toBe(1);
      expect(await preview({ fact: 'tier', op: 'gt', value: 'gold' })).toBe(0);
      expect(await preview({ fact: 'referralsPaid', op: 'eq', value: 2 })).toBe(1);
      expect(await preview({ fact: 'daysSinceLastOrder', op: 'in', value: [3, 4] })).toBe(1);
    });

    it('erasure wipes the attributes and refuses new ones; export includes them', async () => {
      const customerId = id('erase');
      await signUp(customerId);
      expect(
        (await put(customerId, { birthday: '1985-11-02', tags: ['vip'], cohort: customerId })).status,
      ).toBe(200);
      const exported = await api.http().get(`/v1/customers/${customerId}/export`).set(as('support-manager'));
      expect(exported.status).toBe(200);
      expect(exported.body.attributes).toEqual({ birthday: '1985-11-02', tags: ['vip'], cohort: customerId });

      expect((await api.http().delete(`/v1/customers/${customerId}`).set(as('support-manager'))).status).toBe(
        200,
      );
      expect((await getCustomer(customerId)).body.attributes).toEqual({});
      const stored = await api.db.pool.query('SELECT attributes FROM customers WHERE customer_id = $1', [
        customerId,
      ]);
      expect(stored.rows).toEqual([{ attributes: {} }]);
      expectProblem(await put(customerId, { birthday: '1985-11-02' }), 409, 'customer-erased');
      expectProblem(await patch(customerId, { region: 'east' }), 409, 'customer-erased');
      expect(
        (await api.http().get(`/v1/customers/${customerId}/export`).set(as('support-manager'))).body
          .attributes,
      ).toEqual({});
    });
  });

  describe('segments over a seeded population of 200 customers', () => {
    const cohort = id('pop');
    const REGIONS = ['east', 'west', 'north', 'south'];
    const pad = (n: number) => String(n).padStart(2, '0');
    /** The population, as data: each test counts its expectation from here. */
    const population = Array.from({ length: 200 }, (_, i) => {
      const tags = i % 5 === 0 ? ['vip'] : i % 5 === 1 ? ['vip', 'new'] : i % 5 === 2 ? ['new'] : undefined;
      return {
        i,
        customerId: `${cohort}-${String(i).padStart(3, '0')}`,
        orders: i % 10 === 0 ? [10_000] : i % 10 === 1 ? [5_000, 5_000] : [],
        attributes: {
          cohort,
          region: REGIONS[i % 4]!,
          score: i,
          newsletter: i % 2 === 0,
          birthday: `19${70 + (i % 30)}-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`,
          ...(tags ? { tags } : {}),
          ...(i === 7 ? { industry: "x' OR '1'='1" } : {}),
        } as Record<string, unknown>,
      };
    });
    type Member = (typeof population)[number];
    const expectedIds = (pred: (m: Member) => boolean) => population.filter(pred).map((m) => m.customerId);

    beforeAll(async () => {
      // Ten at a time: sign-up, orders, attributes, each through the API.
      for (let start = 0; start < population.length; start += 10) {
        await Promise.all(
          population.slice(start, start + 10).map(async (m) => {
            await signUp(m.customerId);
            for (const amount of m.orders)
              await send({ type: 'order_placed', customerId: m.customerId, orderId: id('order'), amount });
            const res = await put(m.customerId, m.attributes, 'storefront');
            expect(res.status).toBe(200);
          }),
        );
      }
    });

    /** Creates a segment of the cohort and the filter, and previews it. */
    const preview = async (filter: Record<string, unknown>) => {
      const created = await createSegment({
        all: [{ attribute: 'cohort', op: 'eq', value: cohort }, filter],
      });
      expect(created.status).toBe(201);
      const res = await api.http().get(`/v1/segments/${created.body.segmentId}/preview`).set(as('growth'));
      expect(res.status).toBe(200);
      return res.body as { count: number; sample: string[] };
    };
    const expectSegment = async (filter: Record<string, unknown>, pred: (m: Member) => boolean) => {
      const ids = expectedIds(pred);
      const got = await preview(filter);
      expect({ filter, count: got.count }).toEqual({ filter, count: ids.length });
      // The sample: the first (up to) 20 members in id order.
      expect(got.sample).toEqual(ids.sort().slice(0, 20));
    };

    it('each comparison operator on attributes of every type', async () => {
      await expectSegment({ attribute: 'region', op: 'eq', value: 'east' }, (m) => m.i % 4 === 0);
      await expectSegment({ attribute: 'region', op: 'ne', value: 'east' }, (m) => m.i % 4 !== 0);
      await expectSegment({ attribute: 'region', op: 'in', value: ['east', 'west'] }, (m) => m.i % 4 < 2);
      await expectSegment({ attribute: 'region', op: 'contains', value: 'st' }, (m) => m.i % 4 < 2);
      await expectSegment({ attribute: 'region', op: 'gt', value: 'north' }, (m) =>
        ['south', 'west'].includes(m.attributes.region as string),
      );
      await expectSegment({ attribute: 'score', op: 'gte', value: 150 }, (m) => m.i >= 150);
      await expectSegment({ attribute: 'score', op: 'gt', value: 189.5 }, (m) => m.i > 189.5);
      await expectSegment({ attribute: 'score', op: 'lt', value: 10 }, (m) => m.i < 10);
      await expectSegment({ attribute: 'score', op: 'lte', value: 0 }, (m) => m.i === 0);
      await expectSegment({ attribute: 'score', op: 'eq', value: 42 }, (m) => m.i === 42);
      await expectSegment(
        { attribute: 'score', op: 'in', value: [1, 2, 300] },
        (m) => m.i === 1 || m.i === 2,
      );
      await expectSegment({ attribute: 'newsletter', op: 'eq', value: true }, (m) => m.i % 2 === 0);
      await expectSegment({ attribute: 'newsletter', op: 'ne', value: true }, (m) => m.i % 2 === 1);
      await expectSegment({ attribute: 'tags', op: 'exists' }, (m) => m.i % 5 < 3);
      await expectSegment({ attribute: 'tags', op: 'contains', value: 'vip' }, (m) => m.i % 5 < 2);
      await expectSegment({ attribute: 'tags', op: 'in', value: ['new', 'none'] }, (m) =>
        [1, 2].includes(m.i % 5),
      );
      await expectSegment({ attribute: 'industry', op: 'exists' }, (m) => m.i === 7);
      await expectSegment(
        { attribute: 'birthday', op: 'gte', value: '1990-01-01' },
        (m) => (m.attributes.birthday as string) >= '1990-01-01',
      );
      await expectSegment(
        { attribute: 'birthday', op: 'lt', value: '1970-02-01' },
        (m) => m.i % 30 === 0 && m.i % 12 === 0,
      );
    });

    it('facts, the birthday helpers, and all / any / not combined', async () => {
      await expectSegment({ fact: 'orderCount', op: 'gte', value: 1 }, (m) => m.orders.length >= 1);
      await expectSegment({ fact: 'orderCount', op: 'eq', value: 2 }, (m) => m.orders.length === 2);
      await expectSegment({ fact: 'totalSpent', op: 'eq', value: 10_000 }, (m) => m.orders.length > 0);
      await expectSegment({ fact: 'daysSinceLastOrder', op: 'exists' }, (m) => m.orders.length > 0);
      await expectSegment(
        { not: { fact: 'daysSinceLastOrder', op: 'exists' } },
        (m) => m.orders.length === 0,
      );
      await expectSegment({ fact: 'tier', op: 'exists' }, () => false);
      await expectSegment({ birthday: { month: 4 } }, (m) => m.i % 12 === 3);

      const today = new Date();
      const within = (m: Member, days: number) => {
        const [, month, day] = (m.attributes.birthday as string).split('-').map(Number);
        for (let d = 0; d <= days; d++) {
          const date = new Date(
            Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + d),
          );
          if (date.getUTCMonth() + 1 === month && date.getUTCDate() === day) return true;
        }
        return false;
      };
      await expectSegment({ birthday: { withinDays: 10 } }, (m) => within(m, 10));
      await expectSegment({ birthday: { withinDays: 0 } }, (m) => within(m, 0));

      await expectSegment(
        {
          all: [
            { attribute: 'region', op: 'eq', value: 'east' },
            { attribute: 'tags', op: 'contains', value: 'vip' },
          ],
        },
        (m) => m.i % 4 === 0 && m.i % 5 < 2,
      );
      await expectSegment(
        {
          any: [
            { fact: 'orderCount', op: 'eq', value: 2 },
            {
              all: [
                { attribute: 'score', op: 'lt', value: 50 },
                { not: { attribute: 'newsletter', op: 'eq', value: true } },
              ],
            },
          ],
        },
        (m) => m.orders.length === 2 || (m.i < 50 && m.i % 2 === 1),
      );
      await expectSegment(
        { not: { any: [{ attribute: 'tags', op: 'exists' }, { birthday: { month: 1 } }] } },
        (m) => !(m.i % 5 < 3) && m.i % 12 !== 0,
      );
    });

    it('an injection attempt in a value stays a value', async () => {
      await expectSegment({ attribute: 'industry', op: 'eq', value: "x' OR '1'='1" }, (m) => m.i === 7);
      await expectSegment({ attribute: 'region', op: 'eq', value: "east' OR '1'='1" }, () => false);
      await expectSegment(
        { attribute: 'region', op: 'in', value: ["'); DROP TABLE customers; --"] },
        () => false,
      );
      await expectSegment({ attribute: 'region', op: 'contains', value: '%' }, () => false);
      const count = await api.db.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM customers WHERE customer_id LIKE $1',
        [`${cohort}-%`],
      );
      expect(count.rows[0]!.n).toBe(200);
    });

    it('GET lists and reads segments; previews exclude erased customers', async () => {
      const created = await createSegment(
        {
          all: [
            { attribute: 'cohort', op: 'eq', value: cohort },
            { attribute: 'score', op: 'lt', value: 3 },
          ],
        },
        'first three',
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'first three', createdBy: api.keyIds.growth });
      const read = await api.http().get(`/v1/segments/${created.body.segmentId}`).set(as('ops'));
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
      const list = await api.http().get('/v1/segments').set(as('ops'));
      expect((list.body.items as { segmentId: string }[]).map((s) => s.segmentId)).toContain(
        created.body.segmentId,
      );
      expectProblem(await api.http().get('/v1/segments/seg_none').set(as('ops')), 404, 'not-found');
      expectProblem(await api.http().get('/v1/segments/seg_none/preview').set(as('ops')), 404, 'not-found');

      const extra = id('erased');
      await signUp(extra);
      expect((await put(extra, { cohort, score: 1 })).status).toBe(200);
      const url = `/v1/segments/${created.body.segmentId}/preview`;
      expect((await api.http().get(url).set(as('ops'))).body.count).toBe(4);
      expect((await api.http().delete(`/v1/customers/${extra}`).set(as('support-manager'))).status).toBe(200);
      expect((await api.http().get(url).set(as('ops'))).body).toMatchObject({
        count: 3,
        sample: population.slice(0, 3).map((m) => m.customerId),
      });
    });

    it('counts a filter not saved yet (the console’s live count); 422 located for a bad one, nothing written', async () => {
      const filter = {
        all: [
          { attribute: 'cohort', op: 'eq', value: cohort },
          { attribute: 'score', op: 'lt', value: 3 },
        ],
      };
      const saved = await createSegment(filter, 'to compare');
      const ofSaved = await api.http().get(`/v1/segments/${saved.body.segmentId}/preview`).set(as('ops'));
      const before = (await api.http().get('/v1/segments').set(as('ops'))).body.items.length as number;
      const unsaved = await api.http().post('/v1/segments/preview').set(as('growth')).send({ filter });
      expect(unsaved.status).toBe(200);
      expect(unsaved.body).toMatchObject({ count: ofSaved.body.count, sample: ofSaved.body.sample });
      expect(unsaved.body.count).toBeGreaterThan(0);
      const bad = await api
        .http()
        .post('/v1/segments/preview')
        .set(as('ops'))
        .send({
          filter: {
            any: [
              { fact: 'orderCount', op: 'gte', value: 1 },
              { attribute: 'shoeSize', op: 'eq', value: 1 },
            ],
          },
        });
      const problem = expectProblem(bad, 422, 'invalid-segment-filter');
      expect(problem.errors).toEqual([expect.objectContaining({ path: ['body', 'filter', 'any', 1] })]);
      expectProblem(
        await api
          .http()
          .post('/v1/segments/preview')
          .set(as('ops'))
          .send({ filter: { all: 'no' } }),
        422,
        'invalid-segment-filter',
      );
      expect((await api.http().get('/v1/segments').set(as('ops'))).body.items.length).toBe(before);
    });

    it('refuses filters that do not fit the catalog, the tree shape or the limits (422, located)', async () => {
      const refused = async (filter: unknown, where: (string | number)[]) => {
        const problem = expectProblem(await createSegment(filter), 422, 'invalid-segment-filter');
        expect(problem.errors).toEqual([expect.objectContaining({ path: ['body', 'filter', ...where] })]);
      };
      await refused({ attribute: 'shoeSize', op: 'eq', value: 42 }, []);
      await refused(
        {
          all: [
            { attribute: 'region', op: 'eq', value: 'east' },
            { attribute: 'region', op: 'gt', value: 5 },
          ],
        },
        ['all', 1],
      );
      await refused({ any: [{ attribute: 'score', op: 'contains', value: '1' }] }, ['any', 0]);
      await refused({ not: { attribute: 'newsletter', op: 'gt', value: true } }, ['not']);
      await refused({ attribute: 'birthday', op: 'eq', value: '1990-13-01' }, []);
      await refused({ attribute: 'tags', op: 'in', value: [] }, []);
      await refused({ attribute: 'tags', op: 'exists', value: 'vip' }, []);
      await refused({ fact: 'tier', op: 'eq', value: 'platinum' }, []);
      await refused({ fact: 'orderCount', op: 'contains', value: 1 }, []);
      // A NUL byte in a value (which Postgres' jsonb refuses): refused, not a 500.
      await refused({ attribute: 'region', op: 'eq', value: '\u0000' }, ['value']);
      await refused({ attribute: 'region', op: 'in', value: ['east', 'a\u0000b'] }, ['value', 1]);
      expectProblem(
        await api
          .http()
          .post('/v1/segments/preview')
          .set(as('ops'))
          .send({ filter: { attribute: 'region', op: 'eq', value: '\u0000' } }),
        422,
        'invalid-segment-filter',
      );

      let deep: Record<string, unknown> = { fact: 'orderCount', op: 'gte', value: 1 };
      for (let i = 0; i < 6; i++) deep = { not: deep };
      expectProblem(await createSegment(deep), 422, 'invalid-segment-filter');
      const wide = { any: Array.from({ length: 100 }, () => ({ fact: 'orderCount', op: 'gte', value: 1 })) };
      expectProblem(await createSegment(wide), 422, 'invalid-segment-filter');
      expectProblem(await createSegment({}), 422, 'invalid-segment-filter');
      const unknownFact = { fact: 'lifetimeValue', op: 'gte', value: 1 };
      expectProblem(await createSegment(unknownFact), 422, 'invalid-segment-filter');
      const unknownOp = { attribute: 'region', op: 'like', value: 'e%' };
      expectProblem(await createSegment(unknownOp), 422, 'invalid-segment-filter');
      expect((await api.http().get('/v1/segments').set(as('growth'))).body.items).not.toContainEqual(
        expect.objectContaining({ filter: deep }),
      );
    });
  });
});
