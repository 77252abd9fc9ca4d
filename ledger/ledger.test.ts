import { Ledger } from './ledger';
import {
  T0,
  at,
  countRows,
  expectRefusal,
  fundedCampaign,
  grantRequest,
  uniqueKey,
  writeCounts,
  useLedgerDatabase,
} from '../test/support/ledger';

describe('ledger: operations and refusals on a real Postgres', () => {
  const t = useLedgerDatabase({ checkInvariants: true });

  describe('program and campaign budgets', () => {
    it('funds the program, allocates to a campaign, tops up, and refuses allocations beyond the total cap', async () => {
      const before = await t.ledger.programBudget();
      await t.ledger.fundProgram({ idempotencyKey: uniqueKey(), amount: 10_000, asOf: T0, memo: 'Q1' });
      await t.ledger.openCampaignBudget({
        idempotencyKey: uniqueKey(),
        campaignId: 'budget-a',
        amount: 6_000,
        asOf: T0,
      });
      await t.ledger.openCampaignBudget({
        idempotencyKey: uniqueKey(),
        campaignId: 'budget-a',
        amount: 1_000,
        asOf: T0,
      });
      const counts = await writeCounts(t.db.pool);
      const err = await expectRefusal(
        t.ledger.openCampaignBudget({
          idempotencyKey: uniqueKey(),
          campaignId: 'budget-b',
          amount: 3_001,
          asOf: T0,
        }),
        'BUDGET_EXCEEDED',
      );
      expect(err.details).toMatchObject({ requested: 3_001, remaining: 3_000 });
      expect(await writeCounts(t.db.pool)).toEqual(counts);
      await expectRefusal(t.ledger.campaignBudget('budget-b'), 'NOT_FOUND');
      expect(await t.ledger.programBudget()).toEqual({
        currency: 'CNY',
        funded: before.funded + 10_000,
        allocated: before.allocated + 7_000,
        remaining: before.remaining + 3_000,
      });
      expect(await t.ledger.campaignBudget('budget-a')).toEqual({
        campaignId: 'budget-a',
        currency: 'CNY',
        budget: 7_000,
        granted: 0,
        revoked: 0,
        released: 0,
        spentNet: 0,
        remaining: 7_000,
      });
    });
  });

  describe('grants', () => {
    beforeAll(() => fundedCampaign(t.ledger, 'grants', 5_000));

    it('moves budget into a new lot in the customer wallet', async () => {
      const result = await t.ledger.grantCredit(
        grantRequest({
          campaignId: 'grants',
          customerId: 'g-1',
          amount: 1_200,
          source: { reason: 'trial', journeyId: 'j1' },
        }),
      );
      expect(result).toEqual({
        lotId: expect.any(String),
        transactionId: expect.any(String),
        campaignId: 'grants',
        customerId: 'g-1',
        amount: 1_200,
        expiresAt: at(30),
      });
      const wallet = await t.ledger.wallet('g-1', T0);
      expect(wallet).toEqual({
        customerId: 'g-1',
        currency: 'CNY',
        balance: 1_200,
        byKind: { cash: 1_200, threshold: 0, rebate: 0, percent: 0, shipping: 0, gift: 0 },
        lots: [
          {
            lotId: result.lotId,
            kind: 'cash',
            remaining: 1_200,
            original: 1_200,
            expiresAt: at(30),
            scope: { type: 'all' },
            stacking: 'stackable',
            minOrderAmount: null,
            percentBp: null,
            giftSku: null,
            campaignId: 'grants',
          },
        ],
      });
      expect(await t.ledger.campaignBudget('grants')).toMatchObject({
        budget: 5_000,
        granted: 1_200,
        remaining: 3_800,
      });
    });

    it('refuses a grant the campaign budget cannot cover and writes nothing', async () => {
      const { remaining } = await t.ledger.campaignBudget('grants');
      const counts = await writeCounts(t.db.pool);
      const err = await expectRefusal(
        t.ledger.grantCredit(
          grantRequest({ campaignId: 'grants', customerId: 'g-2', amount: remaining + 1 }),
        ),
        'BUDGET_EXCEEDED',
      );
      expect(err.details).toMatchObject({ campaignId: 'grants', requested: remaining + 1, remaining });
      expect(await writeCounts(t.db.pool)).toEqual(counts);
      expect((await t.ledger.wallet('g-2', T0)).balance).toBe(0);
      // Exactly the remainder still fits (budget slots are combined when no single slot covers it).
      await t.ledger.grantCredit(
        grantRequest({ campaignId: 'grants', customerId: 'g-2', amount: remaining }),
      );
      expect((await t.ledger.campaignBudget('grants')).remaining).toBe(0);
    });

    it('refuses a grant on a campaign that has no budget', async () => {
      await expectRefusal(
        t.ledger.grantCredit(grantRequest({ campaignId: 'nope', customerId: 'g-3' })),
        'NOT_FOUND',
      );
    });

    it('replays a duplicate key with the same request and refuses it with a different one', async () => {
      await fundedCampaign(t.ledger, 'idem', 1_000);
      const request = grantRequest({ campaignId: 'idem', customerId: 'i-1', amount: 300 });
      const first = await t.ledger.grantCredit(request);
      const lotsAfterFirst = await countRows(t.db.pool, 'ledger_lots');
      const replay = await t.ledger.grantCredit({ ...request, asOf: new Date(T0) });
      expect(replay).toEqual(first);
      expect(await countRows(t.db.pool, 'ledger_lots')).toBe(lotsAfterFirst);
      expect((await t.ledger.wallet('i-1', T0)).balance).toBe(300);
      const err = await expectRefusal(
        t.ledger.grantCredit({ ...request, amount: 301 }),
        'IDEMPOTENCY_CONFLICT',
      );
      expect(err.details).toMatchObject({ idempotencyKey: request.idempotencyKey });
      expect((await t.ledger.campaignBudget('idem')).remaining).toBe(700);
    });

    it.each([
      ['zero amount', { amount: 0 }],
      ['negative amount', { amount: -5 }],
      ['fractional amount', { amount: 10.5 }],
      ['unsafe integer', { amount: 2 ** 53 }],
      ['empty idempotency key', { idempotencyKey: '' }],
      ['unknown kind', { kind: 'gift' as never }],
      ['threshold without minOrderAmount', { kind: 'threshold' as const }],
      ['cash with minOrderAmount', { minOrderAmount: 100 }],
      ['expiry before asOf', { expiresAt: at(-1) }],
      ['empty category scope', { scope: { type: 'categories' as const, categories: [] } }],
      ['missing reason', { source: { reason: '' } }],
      ['invalid asOf', { asOf: 'yesterday' }],
      ['expiry past year 9999', { expiresAt: new Date(Date.UTC(10_000, 0, 1)) }],
    ])('refuses %s with INVALID_INPUT and writes nothing', async (_name, override) => {
      const counts = await writeCounts(t.db.pool);
      const err = await expectRefusal(
        t.ledger.grantCredit(grantRequest({ campaignId: 'idem', customerId: 'bad', ...override })),
        'INVALID_INPUT',
      );
      expect(err.details).toHaveProperty('issues');
      expect(await writeCounts(t.db.pool)).toEqual(counts);
    });

    it('refuses a request in another currency, and a Ledger configured for another currency', async () => {
      const counts = await writeCounts(t.db.pool);
      await expectRefusal(
        t.ledger.grantCredit(grantRequest({ campaignId: 'idem', customerId: 'fx', currency: 'USD' })),
        'CURRENCY_MISMATCH',
      );
      await expectRefusal(
        t.ledger.fundProgram({ idempotencyKey: uniqueKey(), amount: 1, currency: 'EUR', asOf: T0 }),
        'CURRENCY_MISMATCH',
      );
      const usd = new Ledger(t.db.pool, { currency: 'USD' });
      await expectRefusal(
        usd.fundProgram({ idempotencyKey: uniqueKey(), amount: 1, asOf: T0 }),
        'CURRENCY_MISMATCH',
      );
      await expectRefusal(usd.wallet('fx', T0), 'CURRENCY_MISMATCH');
      expect(await writeCounts(t.db.pool)).toEqual(counts);
    });
  });

  describe('redemption', () => {
    beforeAll(() => fundedCampaign(t.ledger, 'redeem', 1_000_000));
    const grant = (
      customerId: string,
      over: Parameters<typeof grantRequest>[0] extends infer G ? Partial<G> : never,
    ) => t.ledger.grantCredit(grantRequest({ campaignId: 'redeem', customerId, ...over }));
    const order = (orderId: string, amount: number, categories: string[] = ['shoes']) => ({
      orderId,
      amount,
      categories,
    });

    it('uses soonest-expiring lots first, never-expiring last, in part, and reports what is payable', async () => {
      const never = await grant('r-1', { amount: 500, expiresAt: null });
      const late = await grant('r-1', { amount: 400, expiresAt: at(20) });
      const soon = await grant('r-1', { amount: 300, expiresAt: at(5) });
      const quote = await t.ledger.quoteRedemption({
        customerId: 'r-1',
        order: order('o-1', 1_000),
        asOf: at(1),
      });
      expect(quote).toEqual({
        applied: [
          { lotId: soon.lotId, kind: 'cash', amount: 300 },
          { lotId: late.lotId, kind: 'cash', amount: 400 },
          { lotId: never.lotId, kind: 'cash', amount: 300 },
        ],
        total: 1_000,
        payable: 0,
      });
      const counts = await writeCounts(t.db.pool);
      expect(await writeCounts(t.db.pool)).toEqual(counts); // quoting wrote nothing
      const result = await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'r-1',
        order: order('o-1', 1_000),
        asOf: at(1),
      });
      expect(result).toMatchObject({ applied: quote.applied, total: 1_000, payable: 0, orderId: 'o-1' });
      const wallet = await t.ledger.wallet('r-1', at(1));
      expect(wallet.balance).toBe(200);
      expect(wallet.lots).toEqual([
        expect.objectContaining({ lotId: never.lotId, remaining: 200, original: 500 }),
      ]);
      const small = await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'r-1',
        order: order('o-2', 1_000),
        asOf: at(1),
      });
      expect(small).toMatchObject({ total: 200, payable: 800 });
    });

    it('respects maxAmount', async () => {
      await grant('r-2', { amount: 1_000 });
      const q = await t.ledger.quoteRedemption({
        customerId: 'r-2',
        order: order('o-3', 900),
        asOf: T0,
        maxAmount: 250,
      });
      expect(q).toMatchObject({ total: 250, payable: 650 });
    });

    it('refuses an empty wallet (INSUFFICIENT_BALANCE) and a wallet holding only expired credit (LOT_EXPIRED)', async () => {
      await expectRefusal(
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId: 'r-empty',
          order: order('o-4', 100),
          asOf: T0,
        }),
        'INSUFFICIENT_BALANCE',
      );
      const lot = await grant('r-3', { amount: 100, expiresAt: at(2) });
      const counts = await writeCounts(t.db.pool);
      // A lot expiring exactly at asOf is already expired.
      const err = await expectRefusal(
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId: 'r-3',
          order: order('o-5', 100),
          asOf: at(2),
        }),
        'LOT_EXPIRED',
      );
      expect(err.details).toMatchObject({ expiredLots: [lot.lotId] });
      await expectRefusal(
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId: 'r-3',
          order: order('o-5', 100),
          asOf: at(2),
          lotIds: [lot.lotId],
        }),
        'LOT_EXPIRED',
      );
      expect(await writeCounts(t.db.pool)).toEqual(counts);
      expect(
        (await t.ledger.quoteRedemption({ customerId: 'r-3', order: order('o-5', 100), asOf: at(2) })).total,
      ).toBe(0);
      // One millisecond earlier it was still usable.
      const ok = await t.ledger.quoteRedemption({
        customerId: 'r-3',
        order: order('o-5', 100),
        asOf: new Date(Date.parse(at(2)) - 1),
      });
      expect(ok.total).toBe(100);
    });

    it('applies a category lot only to its part of the order, and refuses an order outside its scope', async () => {
      const books = await grant('r-4', { amount: 500, scope: { type: 'categories', categories: ['books'] } });
      const withLines = await t.ledger.quoteRedemption({
        customerId: 'r-4',
        order: {
          orderId: 'o-6',
          amount: 1_000,
          categories: ['books', 'toys'],
          lines: [
            { category: 'books', amount: 200 },
            { category: 'toys', amount: 800 },
          ],
        },
        asOf: T0,
      });
      expect(withLines).toEqual({
        applied: [{ lotId: books.lotId, kind: 'cash', amount: 200, parts: [{ line: 0, amount: 200 }] }],
        total: 200,
        payable: 800,
        lines: [
          { line: 0, category: 'books', amount: 200, discount: 200 },
          { line: 1, category: 'toys', amount: 800, discount: 0 },
        ],
      });
      const withoutLines = await t.ledger.quoteRedemption({
        customerId: 'r-4',
        order: order('o-6', 1_000, ['books', 'toys']),
        asOf: T0,
      });
      expect(withoutLines.total).toBe(500);
      const err = await expectRefusal(
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId: 'r-4',
          order: order('o-7', 1_000, ['toys']),
          asOf: T0,
        }),
        'NOT_ELIGIBLE',
      );
      expect(err.details).toMatchObject({ lots: [{ lotId: books.lotId, reason: 'OUT_OF_SCOPE' }] });
    });

    it('applies a threshold coupon only once the order reaches its minimum, whole and once', async () => {
      const coupon = await grant('r-5', { kind: 'threshold', amount: 500, minOrderAmount: 10_000 });
      const below = await expectRefusal(
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId: 'r-5',
          order: order('o-8', 9_999),
          asOf: T0,
        }),
        'NOT_ELIGIBLE',
      );
      expect(below.details).toMatchObject({
        lots: [{ lotId: coupon.lotId, reason: 'THRESHOLD_NOT_REACHED' }],
      });
      const exact = await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'r-5',
        order: order('o-8', 10_000),
        asOf: T0,
      });
      expect(exact).toMatchObject({
        applied: [{ lotId: coupon.lotId, kind: 'threshold', amount: 500 }],
        total: 500,
        payable: 9_500,
      });
      expect((await t.ledger.wallet('r-5', T0)).balance).toBe(0);
    });

    it('caps a threshold coupon at the order and forfeits the rest to breakage', async () => {
      const coupon = await grant('r-6', { kind: 'threshold', amount: 500, minOrderAmount: 100 });
      const result = await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'r-6',
        order: order('o-9', 300),
        asOf: T0,
      });
      expect(result.applied).toEqual([
        { lotId: coupon.lotId, kind: 'threshold', amount: 300, forfeited: 200 },
      ]);
      expect(result).toMatchObject({ total: 300, payable: 0 });
      expect((await t.ledger.wallet('r-6', T0)).balance).toBe(0);
    });

    it('never combines an exclusive lot: picks the best of the stackable set and each exclusive lot', async () => {
      const a = await grant('r-7', { amount: 300 });
      const b = await grant('r-7', { amount: 300 });
      const big = await grant('r-7', { amount: 800, stacking: 'exclusive' });
      const q1 = await t.ledger.quoteRedemption({ customerId: 'r-7', order: order('o-10', 1_000), asOf: T0 });
      expect(q1).toEqual({
        applied: [{ lotId: big.lotId, kind: 'cash', amount: 800 }],
        total: 800,
        payable: 200,
      });
      const q2 = await t.ledger.quoteRedemption({ customerId: 'r-7', order: order('o-10', 500), asOf: T0 });
      // A tie at 500 with equal expiries: the stackable set wins.
      expect(q2.applied.map((x) => x.lotId).sort()).toEqual([a.lotId, b.lotId].sort());
      expect(q2.total).toBe(500);
      const onlyExclusive = await t.ledger.quoteRedemption({
        customerId: 'r-7',
        order: order('o-10', 1_000),
        asOf: T0,
        lotIds: [big.lotId, a.lotId],
      });
      expect(onlyExclusive.total).toBe(800);
    });

    it('replays a redemption key, refuses a reused key for another order, and a second redemption of one order', async () => {
      await grant('r-8', { amount: 1_000 });
      const request = { idempotencyKey: uniqueKey(), customerId: 'r-8', order: order('o-11', 100), asOf: T0 };
      const first = await t.ledger.redeem(request);
      const tx = await countRows(t.db.pool, 'ledger_transactions');
      expect(await t.ledger.redeem(request)).toEqual(first);
      expect(await countRows(t.db.pool, 'ledger_transactions')).toBe(tx);
      await expectRefusal(t.ledger.redeem({ ...request, order: order('o-12', 100) }), 'IDEMPOTENCY_CONFLICT');
      await expectRefusal(t.ledger.redeem({ ...request, idempotencyKey: uniqueKey() }), 'ALREADY_REDEEMED');
      expect((await t.ledger.wallet('r-8', T0)).balance).toBe(900);
    });

    it('refuses malformed orders with INVALID_INPUT', async () => {
      const counts = await writeCounts(t.db.pool);
      await expectRefusal(
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId: 'r-8',
          order: order('o-13', 0),
          asOf: T0,
        }),
        'INVALID_INPUT',
      );
      await expectRefusal(
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId: 'r-8',
          order: { orderId: 'o-13', amount: 100, categories: [], lines: [{ category: 'x', amount: 101 }] },
          asOf: T0,
        }),
        'INVALID_INPUT',
      );
      expect(await writeCounts(t.db.pool)).toEqual(counts);
    });
  });

  describe('reversal, revocation, expiry', () => {
    beforeAll(() => fundedCampaign(t.ledger, 'life', 100_000));
    const grant = (customerId: string, amount: number, expiresAt: string | null = at(10)) =>
      t.ledger.grantCredit(grantRequest({ campaignId: 'life', customerId, amount, expiresAt }));

    it('reverses a refund into the same lots, once', async () => {
      const a = await grant('v-1', 300, at(3));
      const b = await grant('v-1', 300, at(9));
      const redemption = await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'v-1',
        order: { orderId: 'v-o1', amount: 500, categories: [] },
        asOf: T0,
      });
      expect((await t.ledger.wallet('v-1', T0)).balance).toBe(100);
      const request = { idempotencyKey: uniqueKey(), orderId: 'v-o1', asOf: at(1) };
      const reversal = await t.ledger.reverseRedemption(request);
      expect(reversal).toMatchObject({
        redemptionId: redemption.redemptionId,
        total: 500,
        restored: expect.arrayContaining([
          { lotId: a.lotId, amount: 300 },
          { lotId: b.lotId, amount: 200 },
        ]),
        returnedToBudget: [],
        givenBack: 500,
        givenBackToWallet: 500,
      });
      expect(await t.ledger.reverseRedemption(request)).toEqual(reversal);
      const err = await expectRefusal(
        t.ledger.reverseRedemption({
          idempotencyKey: uniqueKey(),
          redemptionId: redemption.redemptionId,
          asOf: at(1),
        }),
        'ALREADY_REVERSED',
      );
      expect(err.details).toMatchObject({ reversalTransactionId: reversal.transactionId });
      const wallet = await t.ledger.wallet('v-1', at(1));
      expect(wallet.lots.map((l) => [l.lotId, l.remaining])).toEqual([
        [a.lotId, 300],
        [b.lotId, 300],
      ]);
      await expectRefusal(
        t.ledger.reverseRedemption({ idempotencyKey: uniqueKey(), orderId: 'nope', asOf: at(1) }),
        'NOT_FOUND',
      );
      await expectRefusal(
        t.ledger.reverseRedemption({ idempotencyKey: uniqueKey(), asOf: at(1) }),
        'INVALID_INPUT',
      );
    });

    it('restores into a lot that expired meanwhile; the next sweep moves it to breakage', async () => {
      const lot = await grant('v-2', 400, at(2));
      await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'v-2',
        order: { orderId: 'v-o2', amount: 150, categories: [] },
        asOf: T0,
      });
      const first = await t.ledger.expireDueLots({ asOf: at(3) });
      expect(first.lotIds).toContain(lot.lotId);
      await t.ledger.reverseRedemption({ idempotencyKey: uniqueKey(), orderId: 'v-o2', asOf: at(4) });
      expect((await t.ledger.wallet('v-2', at(4))).balance).toBe(0); // restored, but past expiry: not spendable
      const second = await t.ledger.expireDueLots({ asOf: at(4) });
      expect(second.lotIds).toEqual([lot.lotId]);
      expect(second.amount).toBe(150);
      const br = await t.ledger.breakage({ from: T0, to: at(10) });
      expect(br.byCampaign.find((c) => c.campaignId === 'life')?.amount).toBeGreaterThanOrEqual(400);
    });

    it('revokes the unused remainder back to the campaign budget, once', async () => {
      const before = await t.ledger.campaignBudget('life');
      const lot = await grant('v-3', 1_000);
      await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'v-3',
        order: { orderId: 'v-o3', amount: 250, categories: [] },
        asOf: T0,
      });
      await expectRefusal(
        t.ledger.revokeGrant({
          idempotencyKey: uniqueKey(),
          lotId: lot.lotId,
          asOf: at(1),
          reason: 'fraud',
          requireUnused: true,
        }),
        'LOT_IN_USE',
      );
      const revoked = await t.ledger.revokeGrant({
        idempotencyKey: uniqueKey(),
        lotId: lot.lotId,
        asOf: at(1),
        reason: 'fraud',
      });
      expect(revoked).toMatchObject({
        lotId: lot.lotId,
        revokedAmount: 750,
        transactionId: expect.any(String),
      });
      expect(await t.ledger.campaignBudget('life')).toMatchObject({
        granted: before.granted + 1_000,
        revoked: before.revoked + 750,
        spentNet: before.spentNet + 250,
        remaining: before.remaining - 250,
      });
      expect((await t.ledger.wallet('v-3', at(1))).balance).toBe(0);
      await expectRefusal(
        t.ledger.revokeGrant({ idempotencyKey: uniqueKey(), lotId: lot.lotId, asOf: at(1), reason: 'again' }),
        'ALREADY_REVOKED',
      );
      // A refund after the revocation does not revive the lot: the value goes back to the budget.
      const reversal = await t.ledger.reverseRedemption({
        idempotencyKey: uniqueKey(),
        orderId: 'v-o3',
        asOf: at(2),
      });
      expect(reversal.returnedToBudget).toEqual([{ lotId: lot.lotId, amount: 250 }]);
      // Given back out of the expense, but none of it into the wallet (what the storefront is told it got back).
      expect(reversal).toMatchObject({ givenBack: 250, givenBackToWallet: 0 });
      expect((await t.ledger.wallet('v-3', at(2))).balance).toBe(0);
      expect((await t.ledger.campaignBudget('life')).remaining).toBe(before.remaining);
      await expectRefusal(
        t.ledger.revokeGrant({
          idempotencyKey: uniqueKey(),
          lotId: '00000000-0000-4000-8000-000000000000',
          asOf: at(1),
          reason: 'x',
        }),
        'NOT_FOUND',
      );
    });

    it('expires due lots at expiresAt, not before, once', async () => {
      const lot = await grant('v-4', 700, at(6));
      const early = await t.ledger.expireDueLots({ asOf: new Date(Date.parse(at(6)) - 1) });
      expect(early.lotIds).not.toContain(lot.lotId);
      const due = await t.ledger.expireDueLots({ asOf: at(6) });
      expect(due.lotIds).toContain(lot.lotId);
      expect(due.amount).toBeGreaterThanOrEqual(700);
      const again = await t.ledger.expireDueLots({ asOf: at(6) });
      expect(again).toEqual({ expiredLots: 0, amount: 0, lotIds: [] });
      const statement = await t.ledger.statement('v-4', { limit: 10 });
      expect(statement.entries.map((e) => [e.type, e.amount])).toEqual([
        ['expire', -700],
        ['grant', 700],
      ]);
      expect(statement.entries[0]!.occurredAt).toBe(at(6));
    });
  });

  describe('views', () => {
    beforeAll(() => fundedCampaign(t.ledger, 'views', 50_000));

    it('pages a statement with a keyset cursor, newest first', async () => {
      for (let i = 0; i < 5; i++) {
        await t.ledger.grantCredit(
          grantRequest({
            campaignId: 'views',
            customerId: 's-1',
            amount: 100 + i,
            asOf: at(i),
            expiresAt: at(60),
          }),
        );
      }
      const page1 = await t.ledger.statement('s-1', { limit: 2 });
      const page2 = await t.ledger.statement('s-1', { limit: 2, cursor: page1.nextCursor! });
      const page3 = await t.ledger.statement('s-1', { limit: 2, cursor: page2.nextCursor! });
      expect([...page1.entries, ...page2.entries, ...page3.entries].map((e) => e.amount)).toEqual([
        104, 103, 102, 101, 100,
      ]);
      expect(page3.nextCursor).toBeNull();
      expect(page1.entries[0]).toMatchObject({ type: 'grant', occurredAt: at(4), memo: 'test' });
      await expectRefusal(t.ledger.statement('s-1', { limit: 2, cursor: 'garbage' }), 'INVALID_INPUT');
    });

    it('pages the live lots of an expiry window by campaign, soonest first, each once even across equal expiries', async () => {
      await fundedCampaign(t.ledger, 'window-a', 100_000);
      await fundedCampaign(t.ledger, 'window-b', 100_000);
      const asOf = at(200);
      const grant = (campaignId: string, expiresAt: string) =>
        t.ledger.grantCredit(
          grantRequest({ campaignId, customerId: uniqueKey('w'), amount: 100, asOf, expiresAt }),
        );
      // Campaign A: three lots sharing each of three expiry instants (ties across page boundaries), one spent lot,
      // one lot after the window. Campaign B: one lot in the window.
      const expected = [];
      for (const hours of [1, 2, 3]) {
        for (let k = 0; k < 3; k++) {
          expected.push(
            await grant('window-a', new Date(Date.parse(asOf) + hours * 3_600_000).toISOString()),
          );
        }
      }
      const spent = await grant('window-a', at(200.5));
      await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: spent.customerId,
        order: { orderId: uniqueKey('o'), amount: 100, categories: [] },
        asOf,
      });
      await grant('window-a', at(210));
      const other = await grant('window-b', at(201));
      const page = (after: { expiresAt: string; lotId: string } | null, campaignIds = ['window-a']) =>
        t.ledger.lotsInExpiryWindow({ days: 3, asOf, campaignIds, after, limit: 4 });
      const seen: string[] = [];
      let next: { expiresAt: string; lotId: string } | null = null;
      let pages = 0;
      do {
        const p = await page(next);
        seen.push(...p.lots.map((l) => l.lotId));
        next = p.next;
        pages++;
      } while (next);
      expect(pages).toBe(3); // 4 + 4 + 1
      const byExpiryThenId = [...expected].sort((x, y) =>
        x.expiresAt! === y.expiresAt! ? (x.lotId < y.lotId ? -1 : 1) : x.expiresAt! < y.expiresAt! ? -1 : 1,
      );
      expect(seen).toEqual(byExpiryThenId.map((l) => l.lotId));
      // No campaign filter: every campaign's live lots.
      const all = await t.ledger.lotsInExpiryWindow({
        days: 3,
        asOf,
        campaignIds: [],
        after: null,
        limit: 100,
      });
      expect(all.lots.map((l) => l.lotId)).toContain(other.lotId);
      expect(all.lots.map((l) => l.lotId)).not.toContain(spent.lotId);
      await expectRefusal(
        page(null).then(() => t.ledger.lotsInExpiryWindow({ days: 3, asOf, after: null, limit: 0 })),
        'INVALID_INPUT',
      );
    });

    it('lists lots expiring within a window, reports liability, breakage and marketing expense per campaign', async () => {
      const base = at(100);
      const g = (customerId: string, amount: number, expiresAt: string | null) =>
        t.ledger.grantCredit(
          grantRequest({ campaignId: 'views', customerId, amount, asOf: base, expiresAt }),
        );
      const soon = await g('f-1', 1_000, at(103));
      await g('f-1', 2_000, at(120));
      await g('f-2', 3_000, null);
      const within = await t.ledger.lotsExpiringWithin({ days: 7, asOf: base, customerId: 'f-1' });
      expect(within.map((l) => l.lotId)).toEqual([soon.lotId]);
      expect(within[0]).toMatchObject({ customerId: 'f-1', remaining: 1_000 });
      await t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId: 'f-1',
        order: { orderId: 'f-o1', amount: 400, categories: [] },
        asOf: at(101),
      });
      await t.ledger.expireDueLots({ asOf: at(104) });
      const liability = await t.ledger.outstandingLiability(at(104));
      // The statement test's lots expired at day 60; the 1 000 lot (600 left) was swept at day 104.
      expect(liability.byCampaign.find((c) => c.campaignId === 'views')?.amount).toBe(2_000 + 3_000);
      const br = await t.ledger.breakage({ from: at(100), to: at(110) });
      expect(br.byCampaign).toEqual(expect.arrayContaining([{ campaignId: 'views', amount: 600 }]));
      const expense = await t.ledger.marketingExpense({ from: at(100), to: at(110), campaignId: 'views' });
      expect(expense.campaigns).toEqual([
        {
          campaignId: 'views',
          granted: 6_000,
          redeemed: 400,
          expired: 600,
          revoked: 0,
          released: 0,
          points: 0,
          expense: 400,
        },
      ]);
      expect(expense.total).toBe(400);
      await expectRefusal(
        t.ledger.marketingExpense({ from: T0, to: at(1), campaignId: 'nope' }),
        'NOT_FOUND',
      );
    });
  });

  it('refuses a direct balance update, an unbalanced posting statement, and changes to the journal', async () => {
    await expect(
      t.db.pool.query("UPDATE ledger_accounts SET balance = balance + 1 WHERE code = 'program:budget'"),
    ).rejects.toThrow(/only through postings/);
    await expect(t.db.pool.query('DELETE FROM ledger_postings')).rejects.toThrow(/append-only/);
    const { rows } = await t.db.pool.query<{ id: string }>(
      "SELECT id FROM ledger_accounts WHERE code = 'program:budget'",
    );
    const client = await t.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        "INSERT INTO ledger_transactions (id, type, idempotency_key, occurred_at) VALUES ('00000000-0000-4000-8000-000000000001', 'fund', 'unbalanced', now())",
      );
      await expect(
        client.query(
          "INSERT INTO ledger_postings (transaction_id, account_id, amount, occurred_at) VALUES ('00000000-0000-4000-8000-000000000001', $1, 5, now())",
          [rows[0]!.id],
        ),
      ).rejects.toThrow(/does not balance/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('refuses postings to unknown accounts or transactions, and removing what postings refer to', async () => {
    const { rows } = await t.db.pool.query<{ id: string }>(
      "SELECT id FROM ledger_accounts WHERE code = 'program:budget'",
    );
    const budget = rows[0]!.id;
    const postings = (txn: string, account: string) =>
      t.db.pool.query(
        `WITH txn AS (
           INSERT INTO ledger_transactions (id, type, idempotency_key, occurred_at)
           VALUES ('00000000-0000-4000-8000-000000000002', 'fund', $3, now())
         )
         INSERT INTO ledger_postings (transaction_id, account_id, amount, occurred_at)
         VALUES ($1, $2, 5, now()), ($1, $2, -5, now())`,
        [txn, account, uniqueKey()],
      );
    const counts = await writeCounts(t.db.pool);
    const unknownAccount = await postings('00000000-0000-4000-8000-000000000002', '987654321').catch(
      (e) => e,
    );
    expect(unknownAccount).toMatchObject({
      code: '23503',
      message: expect.stringMatching(/account 987654321/),
    });
    const unknownTxn = await postings('00000000-0000-4000-8000-000000000003', budget).catch((e) => e);
    expect(unknownTxn).toMatchObject({
      code: '23503',
      message: expect.stringMatching(/transaction 0+-0+-4000/),
    });
    expect(await writeCounts(t.db.pool)).toEqual(counts);

    // One posting statement, one transaction in one currency.
    const named = await t.db.pool.query<{ code: string; id: string }>(
      "SELECT code, id FROM ledger_accounts WHERE code IN ('redeemed', 'breakage', 'points:issued', 'points:redeemed')",
    );
    const acc = Object.fromEntries(named.rows.map((r) => [r.code, r.id]));
    const legs = (rows: [string, string, number][]) =>
      t.db.pool
        .query(
          `WITH txn AS (
             INSERT INTO ledger_transactions (id, type, idempotency_key, occurred_at)
             SELECT DISTINCT t::uuid, 'fund', 'k-' || t || $2, now() FROM unnest($1::text[]) AS t
           )
           INSERT INTO ledger_postings (transaction_id, account_id, amount, occurred_at)
           SELECT t::uuid, a, n, now() FROM unnest($1::text[], $3::bigint[], $4::bigint[]) AS r(t, a, n)`,
          [rows.map((r) => r[0]), uniqueKey(), rows.map((r) => r[1]), rows.map((r) => r[2])],
        )
        .catch((e: unknown) => e);
    const t1 = '00000000-0000-4000-8000-000000000011';
    const t2 = '00000000-0000-4000-8000-000000000012';
    expect(
      await legs([
        [t1, acc['redeemed']!, 5],
        [t1, acc['breakage']!, -5],
        [t2, acc['redeemed']!, 7],
        [t2, acc['breakage']!, -7],
      ]),
    ).toMatchObject({ code: '23514', message: expect.stringMatching(/one ledger transaction/) });
    expect(
      await legs([
        [t1, acc['redeemed']!, 5],
        [t1, acc['points:issued']!, -5],
      ]),
    ).toMatchObject({ code: '23514', message: expect.stringMatching(/mixes currencies/) });
    expect(
      await legs([
        [t1, acc['points:redeemed']!, 5],
        [t1, acc['points:issued']!, -5],
      ]),
    ).toMatchObject({ command: 'INSERT', rowCount: 2 });
    const afterValid = await writeCounts(t.db.pool);
    expect(afterValid).toEqual({
      ...counts,
      ledger_transactions: counts['ledger_transactions']! + 1,
      ledger_postings: counts['ledger_postings']! + 2,
    });

    await expect(t.db.pool.query('DELETE FROM ledger_accounts WHERE id = $1', [budget])).rejects.toThrow(
      /accounts are permanent/,
    );
    for (const change of [
      'id = -id',
      "currency = 'POINTS'",
      "kind = 'customer_lot'",
      "customer_id = 'c-x'",
    ]) {
      await expect(
        t.db.pool.query(`UPDATE ledger_accounts SET ${change} WHERE id = $1`, [budget]),
      ).rejects.toThrow(/accounts are permanent/);
    }
    // Value only ever comes from postings: no account opens with a balance.
    await expect(
      t.db.pool.query(
        "INSERT INTO ledger_accounts (code, kind, currency, balance) VALUES ('forged', 'program_budget', 'CNY', 5000)",
      ),
    ).rejects.toThrow(/balances come from postings only/);
    for (const table of ['ledger_postings', 'ledger_transactions', 'ledger_accounts']) {
      await expect(t.db.pool.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only/);
    }
    expect(await writeCounts(t.db.pool)).toEqual(afterValid);
  });
});
