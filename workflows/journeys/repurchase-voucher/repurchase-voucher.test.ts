import { journal, daysBetween } from '../../../test/support/journey-assertions';
import { useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { recordHistory } from '../../../test/support/histories';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { journeyWorkflowId } from '../../shared/definitions';
import { RepurchaseVoucherConfig } from './config';

describe('repurchase-voucher journey', () => {
  const stack = useJourneyStack();

  async function firstOrder(campaignId: string) {
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('repurchase');
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale: 'en' });
    const orderId = uniqueId('order');
    const routed = await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId,
      amount: 15000,
      categories: ['tea'],
    });
    expect(routed.deliveries.filter((d) => d.campaignId === campaignId)).toEqual([
      { campaignId, journeyType: 'repurchase-voucher', delivery: 'delivered' },
    ]);
    return { customerId, email, orderId, workflowId: journeyWorkflowId(campaignId, customerId) };
  }

  it('issues voucher A on day 7 and voucher B on day 30 when the customer does not come back', async () => {
    const campaign = await stack.launch('repurchase-voucher');
    const { customerId, email, workflowId } = await firstOrder(campaign.campaignId);
    const startedAt = await stack.env.currentTimeMs();

    const handle = stack.env.client.workflow.getHandle(workflowId);
    expect(await stack.result(handle.workflowId)).toBe('vouchers-issued');
    await recordHistory(handle, 'repurchase-voucher--two-vouchers');

    const rows = await journal(stack.db.pool, workflowId);
    const grantA = rows.find((r) => r.step === 'voucher-a')!;
    const grantB = rows.find((r) => r.step === 'voucher-b')!;
    expect(Math.round(daysBetween(startedAt, grantA.occurredAt))).toBe(7);
    expect(Math.round(daysBetween(startedAt, grantB.occurredAt))).toBe(30);

    // Voucher A (14 days) is live right after day 7; by day 30 it has lapsed and only voucher B is usable.
    const lotsAt = async (at: Date) =>
      (await stack.ledger.wallet(customerId, at.toISOString())).lots.map((l) => ({
        kind: l.kind,
        amount: l.original,
        minOrderAmount: l.minOrderAmount,
      }));
    expect(await lotsAt(grantA.occurredAt)).toContainEqual({
      kind: 'threshold',
      amount: 2000,
      minOrderAmount: 20000,
    });
    expect(await lotsAt(grantB.occurredAt)).toEqual([
      { kind: 'threshold', amount: 5000, minOrderAmount: 30000 },
    ]);

    const mail = await mailTo(email);
    expect(mail.map((m) => m.subject)).toEqual([
      'A repurchase voucher for you: 20.00 off 200.00',
      'A repurchase voucher for you: 50.00 off 300.00',
    ]);
    expect(mail[0]!.text).toContain('20.00 CNY off any order of 200.00 CNY');
    const budget = await stack.ledger.campaignBudget(campaign.campaignId);
    expect(budget.granted).toBe(7000);
  });

  it('issues nothing when the customer repurchases on day 5', async () => {
    const campaign = await stack.launch('repurchase-voucher');
    const { customerId, email, workflowId } = await firstOrder(campaign.campaignId);
    await stack.advance('5 days');
    await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId: uniqueId('order'),
      amount: 9900,
      categories: [],
    });
    expect(await stack.result(workflowId)).toBe('repurchased');
    expect((await stack.ledger.wallet(customerId, await stack.now())).lots).toHaveLength(0);
    expect(await mailTo(email)).toHaveLength(0);
  });

  it('cancels and takes back the unused voucher when the first order is refunded after day 7', async () => {
    const campaign = await stack.launch('repurchase-voucher');
    const { customerId, email, orderId, workflowId } = await firstOrder(campaign.campaignId);
    await stack.advance('10 days');
    const state = await stack.journeys.state(workflowId);
    expect(state.details['voucher-a']).toBeDefined();
    await stack.emit({ type: 'order_refunded', eventId: uniqueId('ev'), customerId, orderId });
    const handle = stack.env.client.workflow.getHandle(workflowId);
    expect(await stack.result(handle.workflowId)).toBe('first-order-refunded');
    await recordHistory(handle, 'repurchase-voucher--refunded');

    const budget = await stack.ledger.campaignBudget(campaign.campaignId);
    expect(budget.granted).toBe(2000);
    expect(budget.spentNet).toBe(0);
    const wallet = await stack.ledger.wallet(customerId, await stack.now());
    expect(wallet.balance).toBe(0);
    expect(await mailTo(email)).toHaveLength(1);
    const steps = (await journal(stack.db.pool, workflowId)).map((r) => r.step);
    expect(steps).toContain(`revoke:${state.details['voucher-a']}`);
  });

  it('refuses a journey started by a later order than the first', async () => {
    const customerId = uniqueId('cust');
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId,
      email: uniqueRecipient('late'),
    });
    await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId: uniqueId('o'),
      amount: 100,
      categories: [],
    });
    const campaign = await stack.launch('repurchase-voucher');
    await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId: uniqueId('o'),
      amount: 100,
      categories: [],
    });
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    expect(await stack.result(workflowId)).toBe('not-first-order');
  });

  it('ends with the budget refusal when the campaign budget cannot cover voucher A', async () => {
    const campaign = await stack.launch('repurchase-voucher', {}, 1000);
    const { customerId, workflowId } = await firstOrder(campaign.campaignId);
    expect(await stack.result(workflowId)).toBe('BUDGET_EXCEEDED');
    expect((await stack.ledger.wallet(customerId, await stack.now())).lots).toHaveLength(0);
    const state = await stack.journeys.state(workflowId);
    expect(state.status).toBe('refused');
  });

  it('validates its config: a threshold voucher must have a threshold above its amount', () => {
    const bad = RepurchaseVoucherConfig.safeParse({
      firstVoucher: { kind: 'threshold', amount: 5000, minOrderAmount: 1000, validityDays: 7 },
    });
    expect(bad.success).toBe(false);
    const defaults = RepurchaseVoucherConfig.parse({});
    expect(defaults.firstVoucherAfterDays).toBe(7);
    expect(defaults.secondVoucherAfterDays).toBe(30);
  });
});
