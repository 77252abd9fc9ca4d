import { recordHistory } from '../../../test/support/histories';
import { journal } from '../../../test/support/journey-assertions';
import { stopJourneysAfterEach, useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { eventually } from '../../../test/support/eventually';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { journeyWorkflowId } from '../../shared/definitions';
import { PrepaymentBonusConfig } from './config';

describe('prepayment-bonus journey', () => {
  const stack = useJourneyStack();
  // Long-lived: stop it once idle (terminating during an activity leaves the test server unable to skip time).
  const started = stopJourneysAfterEach(stack);

  async function customer() {
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('prepay');
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale: 'en' });
    return { customerId, email };
  }
  const order = (customerId: string, amount: number, categories: string[] = []) => {
    const orderId = uniqueId('order');
    return stack
      .emit({ type: 'order_placed', eventId: uniqueId('ev'), customerId, orderId, amount, categories })
      .then((routed) => ({ orderId, routed }));
  };
  const balance = (customerId: string, expected: number) =>
    eventually(async () => (await stack.ledger.wallet(customerId, await stack.now())).balance, {
      until: (b) => b === expected,
      description: `balance ${expected} for ${customerId}`,
    });

  it('grants 2 % of a prepaid order at once, nothing for an order without the marker, and takes the bonus back on refund', async () => {
    const campaign = await stack.launch('prepayment-bonus');
    const { customerId, email } = await customer();
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);

    const plain = await order(customerId, 500_000, ['tea']);
    expect(plain.routed.deliveries).toEqual([]);
    const prepaid = await order(customerId, 500_000, ['tea', 'prepayment']);
    expect(prepaid.routed.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'prepayment-bonus', delivery: 'delivered' },
    ]);
    started.push(workflowId);
    expect(await balance(customerId, 10_000)).toBe(10_000);
    const second = await order(customerId, 123_456, ['prepayment']); // 2 % = 2,469.12 → 2,469
    expect(await balance(customerId, 12_469)).toBe(12_469);

    const lots = (await stack.ledger.wallet(customerId, await stack.now())).lots;
    expect(
      lots.map((l) => ({ kind: l.kind, amount: l.original })).sort((a, b) => a.amount - b.amount),
    ).toEqual([
      { kind: 'cash', amount: 2_469 },
      { kind: 'cash', amount: 10_000 },
    ]);
    const mail = await eventually(() => mailTo(email), {
      until: (m) => m.length >= 2,
      description: 'both bonus mails',
    });
    expect(mail.map((m) => m.subject)).toEqual([
      'Your prepayment bonus: 100.00 CNY credit',
      'Your prepayment bonus: 24.69 CNY credit',
    ]);
    expect(mail[0]!.text).toContain(`2% prepayment bonus`);

    await stack.emit({
      type: 'order_refunded',
      eventId: uniqueId('ev'),
      customerId,
      orderId: prepaid.orderId,
    });
    expect(await balance(customerId, 2_469)).toBe(2_469);
    // The revoke is in the ledger; the journal entry is the journey's next activity.
    await stack.settle();
    const steps = (await journal(stack.db.pool, workflowId)).map((r) => r.step);
    expect(steps).toEqual([
      `bonus:${prepaid.orderId}`,
      `email:bonus:${prepaid.orderId}`,
      `bonus:${second.orderId}`,
      `email:bonus:${second.orderId}`,
      `revoke:${prepaid.orderId}`,
    ]);
    await recordHistory(
      stack.env.client.workflow.getHandle(workflowId),
      'prepayment-bonus--granted-and-revoked',
    );
  });

  it('without a marker category: every order from minAmount counts, capped at maxBonus', async () => {
    const campaign = await stack.launch('prepayment-bonus', {
      markerCategory: null,
      minAmount: 100_000,
      bonusBp: 300,
      maxBonus: 5_000,
    });
    const { customerId } = await customer();
    started.push(journeyWorkflowId(campaign.campaignId, customerId));
    expect((await order(customerId, 99_999)).routed.deliveries).toEqual([]);
    await order(customerId, 100_000); // exactly the minimum: 3 % = 3,000
    expect(await balance(customerId, 3_000)).toBe(3_000);
    await order(customerId, 1_000_000); // 30,000 capped at 5,000
    expect(await balance(customerId, 8_000)).toBe(8_000);
  });

  it('validates its config', () => {
    expect(PrepaymentBonusConfig.parse({})).toMatchObject({
      markerCategory: 'prepayment',
      minAmount: 0,
      bonusBp: 200,
      maxBonus: 0,
    });
    expect(PrepaymentBonusConfig.safeParse({ bonusBp: 0 }).success).toBe(false);
    expect(PrepaymentBonusConfig.safeParse({ bonusBp: 1.5 }).success).toBe(false);
  });
});
