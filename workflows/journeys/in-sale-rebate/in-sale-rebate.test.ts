import { recordHistory } from '../../../test/support/histories';
import { journal } from '../../../test/support/journey-assertions';
import { stopJourneysAfterEach, useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { journeyWorkflowId } from '../../shared/definitions';
import { InSaleRebateConfig } from './config';
import { applyBasisPoints, percent, tierRate } from '../../shared/rates';

describe('in-sale-rebate journey', () => {
  const stack = useJourneyStack();
  // Long-lived: stop it once idle (terminating during an activity leaves the test server unable to skip time).
  const started = stopJourneysAfterEach(stack);

  async function customer(locale: 'en' | 'zh-CN' = 'en') {
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('rebate');
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale });
    return { customerId, email };
  }
  const order = (customerId: string, amount: number, orderId = uniqueId('order')) =>
    stack
      .emit({ type: 'order_placed', eventId: uniqueId('ev'), customerId, orderId, amount, categories: [] })
      .then((routed) => ({ orderId, routed }));
  const rebates = async (customerId: string) =>
    (await stack.ledger.wallet(customerId, await stack.now())).lots
      .map((l) => ({ kind: l.kind, amount: l.original }))
      .sort((a, b) => a.amount - b.amount);
  const pending = (workflowId: string, n: number) =>
    stack.awaitState(
      workflowId,
      (s) => (s.details.pending as unknown[]).length === n,
      `${n} pending rebates`,
    );

  it('rebates exactly 10,000.00 at 3 %, 30,000.00 at 5 %, 50,000.00 at 8 % after the refund window; 9,999.99 earns nothing', async () => {
    const campaign = await stack.launch('in-sale-rebate');
    const { customerId, email } = await customer();
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);

    const below = await order(customerId, 999_999);
    expect(below.routed.deliveries).toEqual([]);
    const exact = await order(customerId, 1_000_000);
    expect(exact.routed.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'in-sale-rebate', delivery: 'delivered' },
    ]);
    started.push(workflowId);
    await order(customerId, 1_234_567); // 3 % = 37,037.01 → floored to 37,037
    await order(customerId, 3_000_000);
    await order(customerId, 5_000_000);
    await pending(workflowId, 4);

    await stack.advance('6 days');
    expect(await rebates(customerId)).toEqual([]);
    await stack.advance('1 day');
    await stack.advance('1 hour');
    expect(await rebates(customerId)).toEqual([
      { kind: 'rebate', amount: 30_000 },
      { kind: 'rebate', amount: 37_037 },
      { kind: 'rebate', amount: 150_000 },
      { kind: 'rebate', amount: 400_000 },
    ]);
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.find((r) => r.step === `order:${exact.orderId}`)?.detail).toMatchObject({
      amount: 1_000_000,
      rateBp: 300,
      rebate: 30_000,
    });
    const mail = await mailTo(email);
    expect(mail.map((m) => m.subject).sort()).toEqual(
      [
        'Your 300.00 CNY rebate is here',
        'Your 370.37 CNY rebate is here',
        'Your 1500.00 CNY rebate is here',
        'Your 4000.00 CNY rebate is here',
      ].sort(),
    );
    expect(mail.find((m) => m.subject.includes('300.00'))!.text).toContain(`3% of order ${exact.orderId}`);
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(617_037);
    await recordHistory(stack.env.client.workflow.getHandle(workflowId), 'in-sale-rebate--four-tiers');
  });

  it('cancels the rebate of an order refunded inside its window and keeps the others', async () => {
    const campaign = await stack.launch('in-sale-rebate', {
      credit: { refundWindowDays: 3, validityDays: 30 },
    });
    const { customerId, email } = await customer('zh-CN');
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    const refunded = await order(customerId, 3_000_000);
    started.push(workflowId);
    await order(customerId, 1_000_000);
    await pending(workflowId, 2);
    await stack.advance('2 days');
    const routed = await stack.emit({
      type: 'order_refunded',
      eventId: uniqueId('ev'),
      customerId,
      orderId: refunded.orderId,
    });
    expect(routed.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'in-sale-rebate', delivery: 'signalled' },
    ]);
    await pending(workflowId, 1);
    await stack.advance('1 day');
    await stack.advance('1 hour');
    expect(await rebates(customerId)).toEqual([{ kind: 'rebate', amount: 30_000 }]);
    const steps = (await journal(stack.db.pool, workflowId)).map((r) => r.step);
    expect(steps).toContain(`rebate:${refunded.orderId}:cancelled`);
    expect(steps).not.toContain(`rebate:${refunded.orderId}`);
    expect((await mailTo(email)).map((m) => m.subject)).toEqual(['订单返利 300.00 CNY 已到账']);
  });

  it('rates with integer basis points and validates its config', () => {
    const c = InSaleRebateConfig.parse({});
    expect(c.tiers).toEqual([
      { minAmount: 1_000_000, rateBp: 300 },
      { minAmount: 3_000_000, rateBp: 500 },
      { minAmount: 5_000_000, rateBp: 800 },
    ]);
    expect(c.credit.refundWindowDays).toBe(7);
    expect([999_999, 1_000_000, 2_999_999, 3_000_000, 5_000_000].map((a) => tierRate(c.tiers, a))).toEqual([
      0, 300, 300, 500, 800,
    ]);
    expect(applyBasisPoints(Number.MAX_SAFE_INTEGER, 800)).toBe(720_575_940_379_279);
    expect([300, 250, 75, 1000].map(percent)).toEqual(['3', '2.5', '0.75', '10']);
    const descending = InSaleRebateConfig.safeParse({
      tiers: [
        { minAmount: 3_000_000, rateBp: 500 },
        { minAmount: 1_000_000, rateBp: 300 },
      ],
    });
    expect(descending.success).toBe(false);
    expect(InSaleRebateConfig.safeParse({ tiers: [{ minAmount: 100, rateBp: 2.5 }] }).success).toBe(false);
  });
});
