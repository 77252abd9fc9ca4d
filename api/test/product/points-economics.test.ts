import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';
import { eventually } from '../../../test/support/eventually';
import { mailTo } from '../../../test/support/mail';

describe('points economics API (multiplier and expiry config, donations)', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const snapshot = async () => ({ tables: await api.counts(), workflows: api.workflowIds.size });

  const createPoints = (config: Record<string, unknown>) =>
    api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'points', journeyType: 'points', budget: 1_000_000, config });

  describe('campaign config', () => {
    // Type and range errors break the published schema (400); cross-field rules are refinements it cannot state (422).
    it.each([
      [
        'a window with neither weekdays nor dates',
        { multipliers: { windows: [{ name: 'w', multiplier: 2 }] } },
        422,
        ['multipliers', 'windows', 0, 'weekdays'],
      ],
      [
        'a window ending before it starts',
        { multipliers: { windows: [{ name: 'w', multiplier: 2, from: '2026-11-12', to: '2026-11-11' }] } },
        422,
        ['multipliers', 'windows', 0, 'to'],
      ],
      [
        'a ×11 window',
        { multipliers: { windows: [{ name: 'w', multiplier: 11, weekdays: ['sat'] }] } },
        400,
        ['multipliers', 'windows', 0, 'multiplier'],
      ],
      [
        'an unknown weekday',
        { multipliers: { windows: [{ name: 'w', multiplier: 2, weekdays: ['caturday'] }] } },
        400,
        ['multipliers', 'windows', 0, 'weekdays', 0],
      ],
      [
        'a date that is not one',
        { multipliers: { windows: [{ name: 'w', multiplier: 2, from: '2026-02-30' }] } },
        400,
        ['multipliers', 'windows', 0, 'from'],
      ],
      ['an unknown tier', { multipliers: { tiers: { platinum: 2 } } }, 400, ['multipliers', 'tiers']],
      ['partial expiry without percent', { expiry: { mode: 'partial' } }, 422, ['expiry', 'percent']],
      ['whole expiry with a percent', { expiry: { mode: 'whole', percent: 30 } }, 422, ['expiry', 'percent']],
      ['a 100 % partial expiry', { expiry: { mode: 'partial', percent: 100 } }, 400, ['expiry', 'percent']],
      [
        'a charity id with capitals',
        { charities: [{ charityId: 'Green', name: 'Green' }] },
        400,
        ['charities', 0, 'charityId'],
      ],
      [
        'a charity listed twice',
        {
          charities: [
            { charityId: 'green', name: 'Green' },
            { charityId: 'green', name: 'Green again' },
          ],
        },
        422,
        ['charities'],
      ],
    ])('refuses %s, naming the field, creating nothing', async (_n, config, status, path) => {
      const before = await snapshot();
      const res = await createPoints(config);
      const problem = expectProblem(res, status, status === 400 ? 'validation-failed' : 'rule-violated');
      const errors = problem.errors as { path: (string | number)[] }[];
      expect(errors.map((e) => e.path)).toContainEqual(['body', 'config', ...path]);
      expect(await snapshot()).toEqual(before);
    });

    it('accepts windows, tiers and partial expiry and returns them with their defaults', async () => {
      const res = await createPoints({
        multipliers: {
          windows: [
            { name: 'weekend', multiplier: 2, weekdays: ['sat', 'sun'] },
            { name: '双11', multiplier: 3, from: '2026-11-11', to: '2026-11-11' },
          ],
          tiers: { gold: 2, diamond: 3 },
        },
        expiry: { mode: 'partial', percent: 30 },
      });
      expect(res.status).toBe(201);
      expect(res.body.config).toMatchObject({
        multipliers: { tiers: { gold: 2, diamond: 3 }, maxMultiplier: 10 },
        expiry: { mode: 'partial', percent: 30 },
      });
    });
  });

  describe('donations', () => {
    const donate = (customerId: string, body: Record<string, unknown>, key?: string) =>
      api
        .http()
        .post(`/v1/customers/${customerId}/points/donations`)
        .set({ ...as('storefront'), ...(key ? { 'Idempotency-Key': key } : {}) })
        .send(body);
    const points = async (customerId: string) =>
      (await api.http().get(`/v1/customers/${customerId}/points`).set(as('storefront'))).body
        .balance as number;

    const member = async (locale: 'en' | 'zh-CN', pts: number) => {
      const customerId = id('cust');
      const email = `${customerId}@test.perkflow.local`;
      const signed = await api
        .http()
        .post('/v1/events')
        .set(as('storefront'))
        .send({ type: 'signed_up', eventId: id('ev'), customerId, email, locale });
      expect(signed.status).toBeLessThan(300);
      const now = Date.now();
      await api.ledger.earnPoints({
        transactionId: id('seed'),
        customerId,
        points: pts,
        asOf: new Date(now).toISOString(),
        expiresAt: new Date(now + 365 * 86_400_000).toISOString(),
        reason: 'test points',
      });
      return { customerId, email };
    };

    it('answers 422 no-points-campaign before a points campaign is launched, moving nothing', async () => {
      const { customerId } = await member('en', 100);
      const before = await snapshot();
      expectProblem(
        await donate(customerId, { charityId: 'green-earth', points: 10 }),
        422,
        'no-points-campaign',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('moves the points to the charity account once per Idempotency-Key and emails a certificate', async () => {
      const created = await createPoints({
        charities: [
          { charityId: 'green-earth', name: '绿色地球' },
          { charityId: 'school-books', name: 'Books for schools' },
        ],
      });
      expect(created.status).toBe(201);
      const campaignId = created.body.campaignId as string;
      expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(
        200,
      );

      const { customerId, email } = await member('zh-CN', 1000);
      const before = await api.ledger.charityPoints('green-earth');
      const key = id('k');
      const first = await donate(customerId, { charityId: 'green-earth', points: 300 }, key);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        donationId: expect.stringMatching(/^don_/),
        customerId,
        charityId: 'green-earth',
        charityName: '绿色地球',
        points: 300,
        balance: 700,
        ledgerTransactionId: expect.any(String),
        certificateWorkflowId: `points-donation/${customerId}/${first.body.donationId}`,
      });
      const again = await donate(customerId, { charityId: 'green-earth', points: 300 }, key);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await points(customerId)).toBe(700);
      expect((await api.ledger.charityPoints('green-earth')) - before).toBe(300);

      // The donation is one zero-sum transaction: the customer's lots lose what the charity account gains.
      const legs = await api.db.pool.query<{ code: string; amount: string }>(
        `SELECT a.code, p.amount FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
          WHERE p.transaction_id = $1 ORDER BY p.amount`,
        [first.body.ledgerTransactionId],
      );
      expect(
        legs.rows.map((r) => [r.code.startsWith('points-lot:') ? 'lot' : r.code, Number(r.amount)]),
      ).toEqual([
        ['lot', -300],
        ['points:charity:green-earth', 300],
      ]);

      expect(
        await api.results([first.body.certificateWorkflowId as string], { stepHours: 1, maxDays: 1 }),
      ).toEqual(['certificate-sent']);
      const mail = await eventually(() => mailTo(email), {
        until: (m) => m.length === 1,
        description: 'certificate',
      });
      expect(mail[0]!.subject).toBe('公益捐赠证书：300 积分捐赠给 绿色地球');
      expect(mail[0]!.text).toContain(`证书编号：${first.body.donationId}`);

      // A second donation under another key (English customer) mails its own certificate.
      const en = await member('en', 50);
      const second = await donate(en.customerId, { charityId: 'school-books', points: 50 }, id('k'));
      expect(second.status).toBe(201);
      await api.results([second.body.certificateWorkflowId as string], { stepHours: 1, maxDays: 1 });
      const enMail = await eventually(() => mailTo(en.email), {
        until: (m) => m.length === 1,
        description: 'en',
      });
      expect(enMail[0]!.subject).toBe('Donation certificate: 50 points to Books for schools');
      expect(await points(en.customerId)).toBe(0);
    });

    it('answers 422 insufficient-points or unknown-charity and moves nothing', async () => {
      const { customerId } = await member('en', 100);
      const before = await snapshot();
      expectProblem(
        await donate(customerId, { charityId: 'green-earth', points: 101 }),
        422,
        'insufficient-points',
      );
      expectProblem(
        await donate(customerId, { charityId: 'no-such-charity', points: 1 }),
        422,
        'unknown-charity',
      );
      expectProblem(
        await donate(customerId, { charityId: 'green-earth', points: 0 }),
        400,
        'validation-failed',
      );
      expect(await snapshot()).toEqual(before);
      expect(await points(customerId)).toBe(100);
    });
  });
});
