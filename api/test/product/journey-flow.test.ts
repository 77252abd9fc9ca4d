import { randomBytes } from 'node:crypto';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { useProductTestApi } from '../../../test/support/per-file';

describe('a repurchase-voucher journey observed only through the API', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });

  it('signed_up + order_placed → voucher A on day 7, voucher B on day 30, two emails, vouchers in the wallet', async () => {
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: '复购启动金', journeyType: 'repurchase-voucher', budget: 1_000_000 });
    expect(created.status).toBe(201);
    const campaignId = created.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);

    const customerId = id('cust');
    const email = uniqueRecipient('product-flow');
    const signedUp = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({ type: 'signed_up', eventId: id('ev'), customerId, email, locale: 'en' });
    expect(signedUp.status).toBe(202);
    expect(signedUp.body.deliveries).toEqual([]);
    const ordered = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({
        type: 'order_placed',
        eventId: id('ev'),
        customerId,
        orderId: id('order'),
        amount: 15_000,
        categories: ['tea'],
      });
    expect(ordered.status).toBe(202);
    expect(ordered.body.deliveries).toEqual([
      { campaignId, journeyType: 'repurchase-voucher', delivery: 'delivered' },
    ]);

    const journeyPath = `/v1/campaigns/${campaignId}/journeys/${customerId}`;
    const waiting = await api.http().get(journeyPath).set(as('ops'));
    expect(waiting.status).toBe(200);
    expect(waiting.body.status).not.toBe('completed');

    // 30 days and a little of workflow time, in steps (see test/support/stack.ts for why not result()).
    await api.advance('30.5 days', { stepHours: 12 });

    const state = await api.http().get(journeyPath).set(as('ops'));
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      workflowId: `journey/${campaignId}/${customerId}`,
      journeyType: 'repurchase-voucher',
      status: 'completed',
      outcome: 'vouchers-issued',
    });
    const lotB = state.body.details['voucher-b'] as string;
    expect(lotB).toEqual(expect.any(String));

    const wallet = await api.http().get(`/v1/customers/${customerId}/wallet`).set(as('storefront'));
    expect(wallet.status).toBe(200);
    const lots = wallet.body.lots as {
      lotId: string;
      kind: string;
      original: number;
      minOrderAmount: number;
    }[];
    expect(lots.find((l) => l.lotId === lotB)).toMatchObject({
      kind: 'threshold',
      original: 5000,
      minOrderAmount: 30_000,
      campaignId,
    });

    const mail = await mailTo(email);
    expect(mail.map((m) => m.subject)).toEqual([
      'A repurchase voucher for you: 20.00 off 200.00',
      'A repurchase voucher for you: 50.00 off 300.00',
    ]);
  });
});
