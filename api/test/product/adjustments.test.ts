import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { expectProblem } from '../../../test/support/api/probe';
import { useProductTestApi } from '../../../test/support/per-file';

describe('manual credit adjustments: grant, void, claw back with a reason, four eyes above the threshold', () => {
  const api = useProductTestApi();
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const http = () => api.http();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  let campaignId: string;
  const adjust = (
    customerId: string,
    body: Record<string, unknown>,
    role: keyof ProductTestApi['keys'] = 'support-manager',
  ) => http().post(`/v1/customers/${customerId}/adjustments`).set(as(role)).send(body);
  const decide = (adjustmentId: string, decision: string, role: keyof ProductTestApi['keys']) =>
    http().post(`/v1/adjustments/${adjustmentId}/decision`).set(as(role)).send({ decision });
  const balance = async (customerId: string) =>
    (await http().get(`/v1/customers/${customerId}/wallet`).set(as('support'))).body.balance as number;

  beforeAll(async () => {
    const created = await http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'goodwill', journeyType: 'compensation', budget: 1_000_000 });
    campaignId = created.body.campaignId as string;
    expect((await http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);
  });

  it('a small grant runs at once, from the campaign budget, recorded with its reason; a retry with the same key answers it again', async () => {
    const customer = id('c');
    const body = {
      action: 'grant',
      campaignId,
      amount: 3000,
      validForDays: 30,
      reason: 'late delivery, ticket 88',
    };
    const first = await adjust(customer, body).set('Idempotency-Key', 'adj-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'executed',
      amount: 3000,
      requestedBy: api.keyIds['support-manager'],
    });
    expect(await balance(customer)).toBe(3000);
    const again = await adjust(customer, body).set('Idempotency-Key', 'adj-1');
    expect(again.body.adjustmentId).toBe(first.body.adjustmentId);
    expect(await balance(customer)).toBe(3000);
    expect((await api.ledger.campaignBudget(campaignId)).remaining).toBe(1_000_000 - 3000);
    const statement = await http().get(`/v1/customers/${customer}/statement`).set(as('support'));
    expect(JSON.stringify(statement.body)).toContain('late delivery, ticket 88');
  });

  it('a large grant waits for a second person; the requester cannot approve it; approval runs it once', async () => {
    const customer = id('c');
    const asked = await adjust(customer, {
      action: 'grant',
      campaignId,
      amount: 80_000,
      validForDays: 30,
      reason: 'VIP goodwill',
    });
    expect(asked.body).toMatchObject({ status: 'pending-approval' });
    expect(await balance(customer)).toBe(0);
    const pending = await http().get('/v1/adjustments?status=pending-approval').set(as('finance'));
    expect((pending.body.items as { adjustmentId: string }[]).map((a) => a.adjustmentId)).toContain(
      asked.body.adjustmentId,
    );

    expectProblem(
      await decide(asked.body.adjustmentId as string, 'approve', 'support-manager'),
      422,
      'own-request',
    );
    const approved = await decide(asked.body.adjustmentId as string, 'approve', 'finance');
    expect(approved.body).toMatchObject({
      status: 'executed',
      decidedBy: api.keyIds.finance,
      validForDays: 30,
    });
    // The lot's 30 days count from the approval, not from the request.
    expect(
      Date.parse(approved.body.outcome.expiresAt as string) - Date.parse(approved.body.decidedAt as string),
    ).toBe(30 * 86_400_000);
    expect(await balance(customer)).toBe(80_000);
    expectProblem(
      await decide(asked.body.adjustmentId as string, 'approve', 'finance'),
      409,
      'already-decided',
    );
    expect(await balance(customer)).toBe(80_000);

    const rejected = await adjust(customer, {
      action: 'grant',
      campaignId,
      amount: 90_000,
      reason: 'again?',
    });
    expect((await decide(rejected.body.adjustmentId as string, 'reject', 'finance')).body.status).toBe(
      'rejected',
    );
    expect(await balance(customer)).toBe(80_000);
  });

  it('void withdraws an unused lot; it refuses a partly spent one, which a clawback takes back in part', async () => {
    const customer = id('c');
    const lotOf = async (amount: number) =>
      (await adjust(customer, { action: 'grant', campaignId, amount, reason: 'setup grant' })).body.outcome
        .lotId as string;
    const unused = await lotOf(1000);
    const voided = await adjust(customer, { action: 'void', lotId: unused, reason: 'granted by mistake' });
    expect(voided.body).toMatchObject({ status: 'executed', outcome: { revokedAmount: 1000 } });
    expect(await balance(customer)).toBe(0);

    const spent = await lotOf(2000);
    const order = { orderId: id('o'), amount: 500 };
    const redeemed = await http()
      .post('/v1/redemptions')
      .set(as('storefront'))
      .send({ customerId: customer, order, commit: true });
    expect(redeemed.body.total).toBe(500);
    const refused = await adjust(customer, { action: 'void', lotId: spent, reason: 'fraud suspected' });
    expectProblem(refused, 422, 'lot-in-use');
    const refusedRow = await http()
      .get(`/v1/adjustments?customerId=${customer}&status=refused`)
      .set(as('ops'));
    expect(refusedRow.body.items[0]).toMatchObject({ action: 'void', outcome: { code: 'LOT_IN_USE' } });
    const clawed = await adjust(customer, { action: 'clawback', lotId: spent, reason: 'fraud confirmed' });
    expect(clawed.body).toMatchObject({ status: 'executed', amount: 1500, outcome: { revokedAmount: 1500 } });
    expect(await balance(customer)).toBe(0);
    expect((await api.ledger.campaignBudget(campaignId)).remaining).toBeGreaterThan(0);
  });

  it('a goodwill 九折 coupon (percent, capped) and a free-shipping coupon by hand: granted as coupons, applied at checkout', async () => {
    const customer = id('c');
    const percent = await adjust(customer, {
      action: 'grant',
      campaignId,
      amount: 5_000,
      creditKind: 'percent',
      percentBp: 1_000,
      minOrderAmount: 10_000,
      reason: 'apology for a late delivery',
    });
    expect(percent.status).toBe(201);
    expect(percent.body).toMatchObject({ status: 'executed', creditKind: 'percent', percentBp: 1_000 });
    const shipping = await adjust(customer, {
      action: 'grant',
      campaignId,
      amount: 1_000,
      creditKind: 'shipping',
      reason: 'free shipping next time',
    });
    expect(shipping.body).toMatchObject({ status: 'executed', creditKind: 'shipping', percentBp: null });
    const wallet = await http().get(`/v1/customers/${customer}/wallet`).set(as('support'));
    expect(wallet.body.lots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'percent',
          percentBp: 1_000,
          minOrderAmount: 10_000,
          remaining: 5_000,
        }),
        expect.objectContaining({ kind: 'shipping', remaining: 1_000 }),
      ]),
    );
    const quote = await http()
      .post('/v1/redemptions')
      .set(as('storefront'))
      .send({ customerId: customer, order: { orderId: id('o'), amount: 20_600, shippingAmount: 600 } });
    expect(quote.body).toMatchObject({ total: 2_600, shippingDiscount: 600 });

    const before = await api.nothingWrittenSnapshot();
    for (const bad of [
      { creditKind: 'percent' },
      { creditKind: 'cash', percentBp: 500 },
      { creditKind: 'rebate', minOrderAmount: 100 },
    ]) {
      expectProblem(
        await adjust(customer, { action: 'grant', campaignId, amount: 100, reason: 'x y z', ...bad }),
        422,
      );
    }
    expect(await api.nothingWrittenSnapshot()).toEqual(before);
  });

  it('refuses bad requests with 4xx and writes nothing; only managers and finance may adjust', async () => {
    const customer = id('c');
    const before = await api.nothingWrittenSnapshot();
    expectProblem(await adjust(customer, { action: 'grant', campaignId, amount: 0, reason: 'zero' }), 400);
    expectProblem(await adjust(customer, { action: 'grant', campaignId, amount: 100, reason: '' }), 400);
    expectProblem(await adjust(customer, { action: 'burn', amount: 100, reason: 'nope' }), 400);
    expectProblem(
      await adjust(customer, {
        action: 'void',
        lotId: '00000000-0000-4000-8000-000000000000',
        reason: 'none',
      }),
      404,
    );
    expectProblem(
      await adjust(customer, { action: 'grant', campaignId: 'nope', amount: 100, reason: 'x y z' }),
      404,
    );
    expectProblem(
      await adjust(customer, { action: 'grant', campaignId, amount: 100, reason: 'x y z' }, 'support'),
      403,
    );
    expectProblem(
      await adjust(customer, { action: 'grant', campaignId, amount: 100, reason: 'x y z' }, 'growth'),
      403,
    );
    expect(await api.nothingWrittenSnapshot()).toEqual(before);
  });
});
