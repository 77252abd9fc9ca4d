import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { eventually } from '../../../test/support/eventually';
import { expectProblem } from '../../../test/support/api/probe';
import { useProductTestApi } from '../../../test/support/per-file';

describe('referral share codes, links and QR codes', () => {
  const api = useProductTestApi();
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const http = () => api.http();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const post = (event: Record<string, unknown>) =>
    http().post('/v1/events').set(as('storefront')).send(event);
  const signUp = (customerId: string, referralCode?: string) =>
    post({
      type: 'signed_up',
      eventId: id('ev'),
      customerId,
      email: `${customerId}@test.perkflow.local`,
      ...(referralCode ? { referralCode } : {}),
    });
  const referrerOf = (refereeId: string) =>
    eventually(
      async () =>
        (
          await api.db.pool.query<{ referrer_id: string }>(
            'SELECT referrer_id FROM referrals WHERE referee_id = $1',
            [refereeId],
          )
        ).rows[0]?.referrer_id,
      { description: `the referral of ${refereeId}` },
    );

  beforeAll(async () => {
    const created = await http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'refer a friend', journeyType: 'referral', budget: 1_000_000 });
    expect(
      (
        await http()
          .post(`/v1/campaigns/${created.body.campaignId as string}/launch`)
          .set(as('growth'))
      ).status,
    ).toBe(200);
  });

  it('gives a referrer one unguessable code with a link and a QR code; a sign-up naming it binds the referral', async () => {
    const referrer = id('referrer');
    expect((await signUp(referrer)).status).toBe(202);
    const first = await http().get(`/v1/customers/${referrer}/referral`).set(as('storefront'));
    expect(first.status).toBe(200);
    expect(first.body.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}$/);
    expect(first.body.code).not.toContain(referrer);
    expect(first.body.link).toBe(`https://shop.example/invite?ref=${first.body.code as string}`);
    expect(first.body.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(first.body.qrSvg).toContain('<path');
    const again = await http().get(`/v1/customers/${referrer}/referral`).set(as('growth'));
    expect(again.body.code).toBe(first.body.code);

    // Typed from the link by hand: lower case, no hyphens.
    const referee = id('referee');
    const typed = (first.body.code as string).replace(/-/g, '').toLowerCase();
    expect((await signUp(referee, typed)).status).toBe(202);
    expect(await referrerOf(referee)).toBe(referrer);
  });

  it('a legacy code (the referrer’s customer id) still binds; an unknown customer has no referral link', async () => {
    const referrer = id('legacy');
    await signUp(referrer);
    const referee = id('referee');
    await signUp(referee, referrer);
    expect(await referrerOf(referee)).toBe(referrer);
    expectProblem(await http().get('/v1/customers/nobody-here/referral').set(as('storefront')), 404);
    expectProblem(await http().get(`/v1/customers/${referrer}/referral`).set(as('finance')), 403);
  });
});
