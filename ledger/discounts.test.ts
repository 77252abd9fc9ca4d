import {
  T0,
  at,
  expectRefusal,
  fundedCampaign,
  grantRequest,
  uniqueKey,
  useLedgerDatabase,
  writeCounts,
} from '../test/support/ledger';
import { fromDb } from './money';

/** Discount kinds (percent, free shipping) and partial refunds, on a real Postgres. */
describe('ledger: discount kinds and partial refunds', () => {
  const t = useLedgerDatabase({ checkInvariants: true });

  async function expense(campaignId: string): Promise<number> {
    const r = await t.db.pool.query<{ s: string }>(
      `SELECT coalesce(sum(p.amount), 0) AS s FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
        WHERE a.kind = 'redeemed' AND p.campaign_id = $1`,
      [campaignId],
    );
    return fromDb(r.rows[0]?.s);
  }

  describe('percent coupons', () => {
    it('reserve their cap, discount eligible lines per line, expense the discount and release the rest', async () => {
      await fundedCampaign(t.ledger, 'pct-a', 10_000);
      const coupon = await t.ledger.grantCredit(
        grantRequest({
          campaignId: 'pct-a',
          customerId: 'pct-c1',
          kind: 'percent',
          percentBp: 2_000,
          amount: 3_000,
          scope: { type: 'categories', categories: ['tea'] },
        }),
      );
      expect(await t.ledger.campaignBudget('pct-a')).toMatchObject({ remaining: 7_000, granted: 3_000 });
      const wallet = await t.ledger.wallet('pct-c1', at(1));
      expect(wallet.lots[0]).toMatchObject({ kind: 'percent', percentBp: 2_000, remaining: 3_000 });
      expect(wallet.byKind).toMatchObject({ percent: 3_000, cash: 0 });

      const order = {
        orderId: 'pct-o1',
        amount: 9_999,
        categories: ['tea', 'cups'],
        lines: [
          { category: 'tea', amount: 1_999 },
          { category: 'cups', amount: 5_000 },
          { category: 'tea', amount: 2_000 },
        ],
      };
      const quote = await t.ledger.quoteRedemption({ customerId: 'pct-c1', order, asOf: at(1) });
      expect(quote.lines).toEqual([
        { line: 0, category: 'tea', amount: 1_999, discount: 399 },
        { line: 1, category: 'cups', amount: 5_000, discount: 0 },
        { line: 2, category: 'tea', amount: 2_000, discount: 400 },
      ]);
      const r = await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'pct-c1',
        order,
        asOf: at(1),
      });
      expect(r).toMatchObject({ total: 799, payable: 9_999 - 799, lines: quote.lines });
      expect(r.applied).toEqual([
        {
          lotId: coupon.lotId,
          kind: 'percent',
          amount: 799,
          released: 2_201,
          parts: [
            { line: 0, amount: 399 },
            { line: 2, amount: 400 },
          ],
        },
      ]);
      // Used up: the discount is expense, the cap's rest went back to the budget (not to breakage).
      expect((await t.ledger.wallet('pct-c1', at(1))).balance).toBe(0);
      expect(await expense('pct-a')).toBe(799);
      expect(await t.ledger.campaignBudget('pct-a')).toMatchObject({
        remaining: 10_000 - 799,
        released: 2_201,
        spentNet: 799,
      });
      const finance = await t.ledger.marketingExpense({ from: T0, to: at(2), campaignId: 'pct-a' });
      expect(finance.campaigns).toEqual([
        {
          campaignId: 'pct-a',
          granted: 3_000,
          redeemed: 799,
          expired: 0,
          revoked: 0,
          released: 2_201,
          points: 0,
          expense: 799,
        },
      ]);
    });

    it('are refused without a rate, and a rate on any other kind is refused; nothing is written', async () => {
      await fundedCampaign(t.ledger, 'pct-b', 1_000);
      const cash = await t.ledger.grantCredit(
        grantRequest({ campaignId: 'pct-b', customerId: 'pct-c2', amount: 10 }),
      );
      const counts = await writeCounts(t.db.pool);
      await expectRefusal(
        t.ledger.grantCredit(grantRequest({ campaignId: 'pct-b', customerId: 'pct-c2', kind: 'percent' })),
        'INVALID_INPUT',
      );
      await expectRefusal(
        t.ledger.grantCredit(grantRequest({ campaignId: 'pct-b', customerId: 'pct-c2', percentBp: 1_000 })),
        'INVALID_INPUT',
      );
      await expectRefusal(
        t.ledger.grantCredit(
          grantRequest({ campaignId: 'pct-b', customerId: 'pct-c2', kind: 'percent', percentBp: 10_001 }),
        ),
        'INVALID_INPUT',
      );
      await expectRefusal(
        t.ledger.grantCredit(
          grantRequest({ campaignId: 'pct-b', customerId: 'pct-c2', kind: 'cash', minOrderAmount: 100 }),
        ),
        'INVALID_INPUT',
      );
      // The database holds the same rule whatever the code does.
      await expect(
        t.db.pool.query(`UPDATE ledger_lots SET percent_bp = 10 WHERE id = $1`, [cash.lotId]),
      ).rejects.toThrow(/ledger_lots_percent_has_rate/);
      expect(await writeCounts(t.db.pool)).toEqual(counts);
    });

    it('a full refund restores the coupon and reserves its released cap again, never beyond the budget', async () => {
      await fundedCampaign(t.ledger, 'pct-c', 2_000);
      const coupon = await t.ledger.grantCredit(
        grantRequest({
          campaignId: 'pct-c',
          customerId: 'pct-c3',
          kind: 'percent',
          percentBp: 1_000,
          amount: 1_500,
        }),
      );
      const order = { orderId: 'pct-o3', amount: 4_000, categories: [] };
      await t.ledger.redeem({ idempotencyKey: uniqueKey(), customerId: 'pct-c3', order, asOf: at(1) });
      expect(await t.ledger.campaignBudget('pct-c')).toMatchObject({ remaining: 2_000 - 400 });
      // The budget is spent meanwhile down to 300: the coupon comes back with its discount and what the budget holds.
      await t.ledger.grantCredit(
        grantRequest({ campaignId: 'pct-c', customerId: 'pct-other', amount: 1_300 }),
      );
      const back = await t.ledger.reverseRedemption({
        idempotencyKey: uniqueKey(),
        orderId: 'pct-o3',
        asOf: at(2),
      });
      expect(back).toMatchObject({
        givenBack: 400,
        complete: true,
        restored: [{ lotId: coupon.lotId, amount: 700 }],
      });
      expect(await t.ledger.campaignBudget('pct-c')).toMatchObject({ remaining: 0 });
      expect((await t.ledger.wallet('pct-c3', at(2))).lots).toMatchObject([
        { lotId: coupon.lotId, remaining: 700 },
      ]);
      expect(await expense('pct-c')).toBe(0);

      // With the budget intact, a refund restores the whole cap.
      await fundedCampaign(t.ledger, 'pct-d', 2_000);
      const whole = await t.ledger.grantCredit(
        grantRequest({
          campaignId: 'pct-d',
          customerId: 'pct-c4',
          kind: 'percent',
          percentBp: 1_000,
          amount: 1_500,
        }),
      );
      await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'pct-c4',
        order: { orderId: 'pct-o4', amount: 4_000, categories: [] },
        asOf: at(1),
      });
      await t.ledger.reverseRedemption({ idempotencyKey: uniqueKey(), orderId: 'pct-o4', asOf: at(2) });
      expect((await t.ledger.wallet('pct-c4', at(2))).lots).toMatchObject([
        { lotId: whole.lotId, remaining: 1_500 },
      ]);
      expect(await t.ledger.campaignBudget('pct-d')).toMatchObject({
        remaining: 500,
        released: 0,
        spentNet: 1_500,
      });
    });
  });

  it('a refund after a percent coupon expired gives the discount back to it but reserves no cap for it', async () => {
    await fundedCampaign(t.ledger, 'pct-e', 2_000);
    const coupon = await t.ledger.grantCredit(
      grantRequest({
        campaignId: 'pct-e',
        customerId: 'pct-c5',
        kind: 'percent',
        percentBp: 1_000,
        amount: 1_000,
        expiresAt: at(3),
      }),
    );
    await t.ledger.redeem({
      idempotencyKey: uniqueKey(),
      customerId: 'pct-c5',
      order: { orderId: 'pct-o5', amount: 2_000, categories: [] },
      asOf: at(1),
    });
    const back = await t.ledger.reverseRedemption({
      idempotencyKey: uniqueKey(),
      orderId: 'pct-o5',
      asOf: at(5),
    });
    expect(back).toMatchObject({ givenBack: 200, restored: [{ lotId: coupon.lotId, amount: 200 }] });
    expect(await t.ledger.campaignBudget('pct-e')).toMatchObject({ remaining: 2_000 - 200, released: 800 });
    expect(await t.ledger.expireDueLots({ asOf: at(5) })).toMatchObject({
      lotIds: [coupon.lotId],
      amount: 200,
    });
  });

  describe('free shipping', () => {
    it('pays only the shipping part of an order, up to its value, and releases the rest', async () => {
      await fundedCampaign(t.ledger, 'ship-a', 5_000);
      await t.ledger.grantCredit(
        grantRequest({ campaignId: 'ship-a', customerId: 'ship-c1', kind: 'shipping', amount: 1_000 }),
      );
      const noShipping = { orderId: 'ship-o0', amount: 3_000, categories: [] };
      await expectRefusal(
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId: 'ship-c1',
          order: noShipping,
          asOf: at(1),
        }),
        'NOT_ELIGIBLE',
      );
      const order = { orderId: 'ship-o1', amount: 3_600, categories: [], shippingAmount: 600 };
      const r = await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'ship-c1',
        order,
        asOf: at(1),
      });
      expect(r).toMatchObject({ total: 600, payable: 3_000, shippingDiscount: 600 });
      expect(r.applied[0]).toMatchObject({ kind: 'shipping', amount: 600, released: 400 });
      expect(await t.ledger.campaignBudget('ship-a')).toMatchObject({ remaining: 4_400, spentNet: 600 });
    });
  });

  describe('gift items (赠品)', () => {
    it('pays for one unit of its SKU up to its value, releases the rest, and comes back whole with a full refund', async () => {
      await fundedCampaign(t.ledger, 'gift-a', 5_000);
      await t.ledger.grantCredit(
        grantRequest({
          campaignId: 'gift-a',
          customerId: 'gift-c1',
          kind: 'gift',
          giftSku: 'sku-mug',
          amount: 3_000,
        }),
      );
      expect((await t.ledger.wallet('gift-c1', at(1))).lots[0]).toMatchObject({
        kind: 'gift',
        giftSku: 'sku-mug',
        remaining: 3_000,
      });
      // No line names the mug: nothing to pay for.
      await expectRefusal(
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId: 'gift-c1',
          order: {
            orderId: 'gift-o0',
            amount: 4_000,
            categories: [],
            lines: [{ category: 'tea', amount: 4_000 }],
          },
          asOf: at(1),
        }),
        'NOT_ELIGIBLE',
      );
      const order = {
        orderId: 'gift-o1',
        amount: 9_000,
        categories: [],
        lines: [
          { category: 'cups', sku: 'sku-mug', amount: 5_000, quantity: 2 },
          { category: 'tea', amount: 4_000 },
        ],
      };
      const r = await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'gift-c1',
        order,
        asOf: at(1),
      });
      expect(r).toMatchObject({ total: 2_500, payable: 6_500 });
      expect(r.applied[0]).toMatchObject({ kind: 'gift', amount: 2_500, released: 500 });
      expect(await t.ledger.campaignBudget('gift-a')).toMatchObject({ remaining: 2_500, spentNet: 2_500 });
      expect((await t.ledger.wallet('gift-c1', at(1))).lots).toEqual([]);

      await t.ledger.reverseRedemption({ idempotencyKey: uniqueKey(), orderId: 'gift-o1', asOf: at(2) });
      expect((await t.ledger.wallet('gift-c1', at(2))).lots).toEqual([
        expect.objectContaining({ kind: 'gift', giftSku: 'sku-mug', remaining: 3_000 }),
      ]);
      expect(await t.ledger.campaignBudget('gift-a')).toMatchObject({ remaining: 2_000 });

      await expectRefusal(
        t.ledger.grantCredit(
          grantRequest({ campaignId: 'gift-a', customerId: 'gift-c2', kind: 'gift', amount: 10 }),
        ),
        'INVALID_INPUT',
      );
    });
  });

  describe('partial refunds', () => {
    it('give back divisible credit in proportion, rounded down, the completing refund the remainder', async () => {
      await fundedCampaign(t.ledger, 'refund-a', 10_000);
      const cash = await t.ledger.grantCredit(
        grantRequest({ campaignId: 'refund-a', customerId: 'refund-c1', amount: 1_000 }),
      );
      const order = { orderId: 'refund-o1', amount: 3_000, categories: [] };
      await t.ledger.redeem({ idempotencyKey: uniqueKey(), customerId: 'refund-c1', order, asOf: at(1) });
      const first = await t.ledger.reverseRedemption({
        idempotencyKey: 'refund-o1/e1',
        orderId: 'refund-o1',
        refundedAmount: 1_000,
        asOf: at(2),
      });
      expect(first).toMatchObject({ givenBack: 333, refunded: 1_000, refundedTotal: 1_000, complete: false });
      // The same refund again (a redelivered event) is a replay: nothing more is given back.
      expect(
        await t.ledger.reverseRedemption({
          idempotencyKey: 'refund-o1/e1',
          orderId: 'refund-o1',
          refundedAmount: 1_000,
          asOf: at(3),
        }),
      ).toEqual(first);
      const second = await t.ledger.reverseRedemption({
        idempotencyKey: 'refund-o1/e2',
        orderId: 'refund-o1',
        refundedAmount: 1_000,
        asOf: at(3),
      });
      expect(second).toMatchObject({ givenBack: 333, refundedTotal: 2_000, complete: false });
      // More than is left of the order counts as the rest of it.
      const last = await t.ledger.reverseRedemption({
        idempotencyKey: 'refund-o1/e3',
        orderId: 'refund-o1',
        refundedAmount: 5_000,
        asOf: at(4),
      });
      expect(last).toMatchObject({ givenBack: 334, refunded: 1_000, refundedTotal: 3_000, complete: true });
      expect((await t.ledger.wallet('refund-c1', at(4))).lots).toMatchObject([
        { lotId: cash.lotId, remaining: 1_000 },
      ]);
      await expectRefusal(
        t.ledger.reverseRedemption({ idempotencyKey: uniqueKey(), orderId: 'refund-o1', asOf: at(5) }),
        'ALREADY_REVERSED',
      );
      expect(await expense('refund-a')).toBe(0);
    });

    it('a refund too small to give back a minor unit yet is counted all the same, with no transaction', async () => {
      await fundedCampaign(t.ledger, 'refund-b', 1_000);
      await t.ledger.grantCredit(
        grantRequest({ campaignId: 'refund-b', customerId: 'refund-c2', amount: 10 }),
      );
      await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'refund-c2',
        order: { orderId: 'refund-o2', amount: 1_000, categories: [] },
        asOf: at(1),
      });
      const tiny = await t.ledger.reverseRedemption({
        idempotencyKey: uniqueKey(),
        orderId: 'refund-o2',
        refundedAmount: 99,
        asOf: at(2),
      });
      expect(tiny).toMatchObject({ givenBack: 0, transactionId: null, refundedTotal: 99, restored: [] });
      const next = await t.ledger.reverseRedemption({
        idempotencyKey: uniqueKey(),
        orderId: 'refund-o2',
        refundedAmount: 1,
        asOf: at(2),
      });
      expect(next).toMatchObject({ givenBack: 1, refundedTotal: 100 });
    });

    it('coupons come back whole, and only with the refund that completes the order', async () => {
      await fundedCampaign(t.ledger, 'refund-c', 10_000);
      const coupon = await t.ledger.grantCredit(
        grantRequest({
          campaignId: 'refund-c',
          customerId: 'refund-c3',
          kind: 'threshold',
          minOrderAmount: 2_000,
          amount: 2_500,
        }),
      );
      const cash = await t.ledger.grantCredit(
        grantRequest({ campaignId: 'refund-c', customerId: 'refund-c3', amount: 500 }),
      );
      const order = { orderId: 'refund-o3', amount: 2_000, categories: [] };
      const r = await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'refund-c3',
        order,
        asOf: at(1),
      });
      expect(r.applied).toEqual([{ lotId: coupon.lotId, kind: 'threshold', amount: 2_000, forfeited: 500 }]);
      const partial = await t.ledger.reverseRedemption({
        idempotencyKey: uniqueKey(),
        orderId: 'refund-o3',
        refundedAmount: 1_000,
        asOf: at(2),
      });
      expect(partial).toMatchObject({ givenBack: 0, restored: [], complete: false });
      const rest = await t.ledger.reverseRedemption({
        idempotencyKey: uniqueKey(),
        orderId: 'refund-o3',
        asOf: at(3),
      });
      expect(rest).toMatchObject({
        givenBack: 2_000,
        complete: true,
        restored: [{ lotId: coupon.lotId, amount: 2_500 }],
      });
      const lots = (await t.ledger.wallet('refund-c3', at(3))).lots.map((l) => [l.lotId, l.remaining]);
      expect(lots).toEqual(
        expect.arrayContaining([
          [coupon.lotId, 2_500],
          [cash.lotId, 500],
        ]),
      );
    });

    it('concurrent partial refunds of one order never give back more than was redeemed', async () => {
      await fundedCampaign(t.ledger, 'refund-d', 10_000);
      await t.ledger.grantCredit(
        grantRequest({ campaignId: 'refund-d', customerId: 'refund-c4', amount: 997 }),
      );
      await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'refund-c4',
        order: { orderId: 'refund-o4', amount: 5_000, categories: [] },
        asOf: at(1),
      });
      const settled = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          t.ledger.reverseRedemption({
            idempotencyKey: `refund-o4/e${i}`,
            orderId: 'refund-o4',
            refundedAmount: 1_000,
            asOf: at(2),
          }),
        ),
      );
      const done = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const refused = settled.flatMap((s) =>
        s.status === 'rejected' ? [s.reason as { code?: string }] : [],
      );
      // Five refunds of 1 000 complete the order; the other three find it reversed.
      expect(done).toHaveLength(5);
      expect(refused.map((e) => e.code)).toEqual([
        'ALREADY_REVERSED',
        'ALREADY_REVERSED',
        'ALREADY_REVERSED',
      ]);
      expect(done.reduce((s, d) => s + d.givenBack, 0)).toBe(997);
      expect((await t.ledger.wallet('refund-c4', at(2))).balance).toBe(997);
    });

    it('a lot revoked between refunds gives its share to the budget, not the customer', async () => {
      await fundedCampaign(t.ledger, 'refund-e', 10_000);
      const cash = await t.ledger.grantCredit(
        grantRequest({ campaignId: 'refund-e', customerId: 'refund-c5', amount: 1_000 }),
      );
      await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'refund-c5',
        order: { orderId: 'refund-o5', amount: 2_000, categories: [] },
        asOf: T0,
      });
      await t.ledger.revokeGrant({
        idempotencyKey: uniqueKey(),
        lotId: cash.lotId,
        asOf: at(1),
        reason: 'fraud',
      });
      const back = await t.ledger.reverseRedemption({
        idempotencyKey: uniqueKey(),
        orderId: 'refund-o5',
        refundedAmount: 500,
        asOf: at(2),
      });
      expect(back).toMatchObject({ givenBack: 250, returnedToBudget: [{ lotId: cash.lotId, amount: 250 }] });
      expect((await t.ledger.wallet('refund-c5', at(2))).balance).toBe(0);
      expect(await t.ledger.campaignBudget('refund-e')).toMatchObject({ remaining: 9_250, spentNet: 750 });
    });
  });
});
