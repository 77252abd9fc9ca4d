import { randomUUID } from 'node:crypto';
import { initialiseLedger, type LedgerContext } from './accounts';
import { requestHash } from './idempotency';
import { newId } from './ids';
import type { Lot } from './lots';
import { readWallet, redeemInOneStatement, type OptimisticRedemption } from './redeem-one-statement';
import { planRedemption } from './redemption-plan';
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

/**
 * The one-statement redemption writes only what the general path would have written from the same wallet: when the
 * wallet, the order or the key changed between its unlocked read and its write, it writes nothing and the caller
 * falls back. These tests change the wallet in that window by hand (real database, real ledger).
 */
describe('ledger: the one-statement redemption writes only on the wallet it read', () => {
  const t = useLedgerDatabase({ checkInvariants: true, poolSize: 24 });
  let ctx: LedgerContext;
  const asOf = new Date(at(1));

  beforeAll(async () => {
    await fundedCampaign(t.ledger, 'one-statement', 1_000_000);
    ctx = {
      pool: t.db.pool,
      currency: 'CNY',
      accounts: await initialiseLedger(t.db.pool, 'CNY'),
      budgetSlots: 16,
    };
  });

  /** What redeem() would write for `amount` from the wallet as read now. */
  async function optimistic(customerId: string, amount: number, orderId = uniqueKey('order')) {
    const seen = await readWallet(ctx, customerId);
    const order = { orderId, amount, categories: ['books'] };
    const plan = planRedemption(seen, order, asOf);
    const byId = new Map<string, Lot>(seen.map((l) => [l.lotId, l]));
    const postings = plan.applied.flatMap((a) => {
      const lot = byId.get(a.lotId)!;
      const tags = { lotId: lot.lotId, campaignId: lot.campaignId };
      return [
        { accountId: lot.accountId, amount: -a.amount, ...tags, customerId },
        { accountId: ctx.accounts.redeemed, amount: a.amount, ...tags },
      ];
    });
    const key = uniqueKey('redeem');
    const r: OptimisticRedemption = {
      key,
      hash: requestHash('redeem', { customerId, order }),
      customerId,
      orderId,
      orderAmount: amount,
      asOf,
      redemptionId: newId(),
      transactionId: newId(),
      seen,
      plan,
      postings,
      result: { plan },
    };
    return r;
  }

  it('writes the redemption when nothing changed, and nothing when a balance, a lot, the order or the key did', async () => {
    const customerId = `c-${randomUUID()}`;
    await t.ledger.grantCredit(grantRequest({ campaignId: 'one-statement', customerId, amount: 1_000 }));

    // Unchanged wallet: written in full (transaction, postings, redemption, key).
    const fresh = await optimistic(customerId, 300);
    const before = await writeCounts(t.db.pool);
    expect(await redeemInOneStatement(ctx, fresh)).toBe(true);
    const after = await writeCounts(t.db.pool);
    expect(after).toEqual({
      ledger_transactions: before.ledger_transactions! + 1,
      ledger_postings: before.ledger_postings! + 2,
      ledger_lots: before.ledger_lots,
      ledger_idempotency: before.ledger_idempotency! + 1,
      ledger_redemptions: before.ledger_redemptions! + 1,
    });
    expect((await readWallet(ctx, customerId))[0]!.remaining).toBe(700);

    // A balance changed after the read (another checkout of the same wallet).
    const stale = await optimistic(customerId, 500);
    await t.ledger.redeem({
      idempotencyKey: uniqueKey(),
      customerId,
      order: { orderId: uniqueKey('order'), amount: 400, categories: ['books'] },
      asOf: at(1),
    });
    let counts = await writeCounts(t.db.pool);
    expect(await redeemInOneStatement(ctx, stale)).toBe(false);
    expect(await writeCounts(t.db.pool)).toEqual(counts);

    // A lot granted after the read: the plan might have used it.
    const older = await optimistic(customerId, 100);
    await t.ledger.grantCredit(
      grantRequest({ campaignId: 'one-statement', customerId, amount: 50, expiresAt: at(2) }),
    );
    counts = await writeCounts(t.db.pool);
    expect(await redeemInOneStatement(ctx, older)).toBe(false);
    expect(await writeCounts(t.db.pool)).toEqual(counts);

    // The order already has a redemption; the key was already used.
    const again = await optimistic(customerId, 100, fresh.orderId);
    expect(await redeemInOneStatement(ctx, again)).toBe(false);
    const reused = { ...(await optimistic(customerId, 100)), key: fresh.key };
    expect(await redeemInOneStatement(ctx, reused)).toBe(false);
    expect(await writeCounts(t.db.pool)).toEqual(counts);
  });

  it('through redeem(): replays, conflicts and refusals answer as on the general path', async () => {
    const customerId = `c-${randomUUID()}`;
    await t.ledger.grantCredit(grantRequest({ campaignId: 'one-statement', customerId, amount: 1_000 }));
    const request = {
      idempotencyKey: uniqueKey(),
      customerId,
      order: { orderId: uniqueKey('order'), amount: 250, categories: ['books'] },
      asOf: at(1),
    };
    const first = await t.ledger.redeem(request);
    expect(first).toMatchObject({ total: 250, payable: 0, orderId: request.order.orderId });
    // Same key, same request a moment later: the stored result.
    expect(await t.ledger.redeem({ ...request, asOf: at(1.5) })).toEqual(first);
    await expectRefusal(
      t.ledger.redeem({ ...request, order: { ...request.order, amount: 300 } }),
      'IDEMPOTENCY_CONFLICT',
    );
    await expectRefusal(t.ledger.redeem({ ...request, idempotencyKey: uniqueKey() }), 'ALREADY_REDEEMED');
    const counts = await writeCounts(t.db.pool);
    await expectRefusal(
      t.ledger.redeem({
        ...request,
        idempotencyKey: uniqueKey(),
        customerId: `c-${randomUUID()}`,
        order: { ...request.order, orderId: uniqueKey('order') },
      }),
      'INSUFFICIENT_BALANCE',
    );
    expect(await writeCounts(t.db.pool)).toEqual(counts);
  });

  it('refuses a request naming one lot twice, writing nothing (it would plan two debits of that lot)', async () => {
    const customerId = `c-${randomUUID()}`;
    const lot = await t.ledger.grantCredit(
      grantRequest({ campaignId: 'one-statement', customerId, amount: 1_000 }),
    );
    const counts = await writeCounts(t.db.pool);
    await expect(
      t.ledger.redeem({
        idempotencyKey: uniqueKey(),
        customerId,
        order: { orderId: uniqueKey('order'), amount: 250, categories: ['books'] },
        asOf: at(1),
        lotIds: [lot.lotId, lot.lotId],
      }),
    ).rejects.toThrow(/redeem: invalid input/);
    expect(await writeCounts(t.db.pool)).toEqual(counts);
  });

  it('concurrent checkouts of one wallet never overdraw it', async () => {
    const customerId = `c-${randomUUID()}`;
    await t.ledger.grantCredit(grantRequest({ campaignId: 'one-statement', customerId, amount: 1_000 }));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId,
          order: { orderId: uniqueKey('order'), amount: 150, categories: ['books'] },
          asOf: T0,
        }),
      ),
    );
    const paid = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.total] : []));
    expect(paid.reduce((s, p) => s + p, 0)).toBe(1_000);
    // Six orders take 150 each, one the last 100; the rest find nothing left.
    expect(paid.sort((a, b) => a - b)).toEqual([100, 150, 150, 150, 150, 150, 150]);
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused) expect((r.reason as { code: string }).code).toBe('INSUFFICIENT_BALANCE');
    expect(await readWallet(ctx, customerId)).toEqual([]);
  });
});
