import {
  T0,
  at,
  countRows,
  expectRefusal,
  uniqueKey,
  writeCounts,
  useLedgerDatabase,
} from '../test/support/ledger';

describe('ledger: loyalty points', () => {
  const t = useLedgerDatabase({ checkInvariants: true });

  it('earns, redeems soonest-expiring first, and refuses to overdraw', async () => {
    await t.ledger.earnPoints({
      transactionId: 'p1-a',
      customerId: 'p-1',
      points: 100,
      asOf: T0,
      reason: 'order',
      expiresAt: at(365),
    });
    await t.ledger.earnPoints({
      transactionId: 'p1-b',
      customerId: 'p-1',
      points: 50,
      asOf: T0,
      reason: 'order',
      expiresAt: at(30),
    });
    expect((await t.ledger.pointsBalance('p-1', T0)).balance).toBe(150);
    const spent = await t.ledger.redeemPoints({
      idempotencyKey: uniqueKey(),
      customerId: 'p-1',
      points: 70,
      asOf: at(1),
      reason: 'mug',
    });
    expect(spent).toMatchObject({ redeemed: 70, balance: 80 });
    const balance = await t.ledger.pointsBalance('p-1', at(1));
    expect(balance.lots.map((l) => l.remaining)).toEqual([80]); // the 50 expiring at day 30 went first
    const counts = await writeCounts(t.db.pool);
    const err = await expectRefusal(
      t.ledger.redeemPoints({
        idempotencyKey: uniqueKey(),
        customerId: 'p-1',
        points: 81,
        asOf: at(1),
        reason: 'tv',
      }),
      'INSUFFICIENT_BALANCE',
    );
    expect(err.details).toMatchObject({ available: 80, requested: 81 });
    expect(await writeCounts(t.db.pool)).toEqual(counts);
  });

  it('caps earning per UTC day: exactly at the cap, then part, then nothing', async () => {
    const earn = (transactionId: string, points: number, asOf = at(0.5)) =>
      t.ledger.earnPoints({ transactionId, customerId: 'p-2', points, asOf, reason: 'order', dailyCap: 100 });
    expect(await earn('c-1', 60)).toMatchObject({ earned: 60, cappedBy: 0 });
    expect(await earn('c-2', 40)).toMatchObject({ earned: 40, cappedBy: 0 }); // exactly at the cap
    expect(await earn('c-3', 10)).toEqual({
      transactionId: 'c-3',
      earned: 0,
      cappedBy: 10,
      lotId: null,
      ledgerTransactionId: null,
    });
    await expectRefusal(
      t.ledger.earnPoints({
        transactionId: 'c-4',
        customerId: 'p-2',
        points: 5,
        asOf: at(0.9),
        reason: 'x',
        dailyCap: 100,
        whenCapReached: 'refuse',
      }),
      'DAILY_CAP_REACHED',
    );
    expect((await t.ledger.pointsBalance('p-2', at(0.9))).balance).toBe(100);
    // 23:59:59.999 is the same UTC day; midnight is the next one.
    expect(await earn('c-5', 1, new Date(Date.parse(at(1)) - 1).toISOString())).toMatchObject({ earned: 0 });
    expect(await earn('c-6', 130, at(1))).toMatchObject({ earned: 100, cappedBy: 30 });
    expect((await t.ledger.pointsBalance('p-2', at(1))).balance).toBe(200);
  });

  it('earns nothing twice for a replayed transaction id, and refuses the id for another earn', async () => {
    const request = { transactionId: 'order-42', customerId: 'p-3', points: 25, asOf: T0, reason: 'order' };
    const first = await t.ledger.earnPoints(request);
    const lots = await countRows(t.db.pool, 'ledger_point_lots');
    expect(await t.ledger.earnPoints(request)).toEqual(first);
    expect(await countRows(t.db.pool, 'ledger_point_lots')).toBe(lots);
    expect((await t.ledger.pointsBalance('p-3', T0)).balance).toBe(25);
    await expectRefusal(t.ledger.earnPoints({ ...request, points: 26 }), 'IDEMPOTENCY_CONFLICT');
  });

  it('earns once per customer and campaign on one transaction id: two points campaigns both earn, two customers naming one order id both earn', async () => {
    const order = { transactionId: 'order-shared', points: 7, asOf: T0, reason: 'order' };
    const small = await t.ledger.earnPoints({ ...order, customerId: 'p-31', campaignId: 'pts-small' });
    const big = await t.ledger.earnPoints({
      ...order,
      customerId: 'p-31',
      campaignId: 'pts-big',
      points: 7_000,
    });
    expect([small.earned, big.earned]).toEqual([7, 7_000]);
    expect(small.lotId).not.toBe(big.lotId);
    expect(
      await t.ledger.earnPoints({ ...order, customerId: 'p-32', campaignId: 'pts-small' }),
    ).toMatchObject({
      earned: 7,
    });
    expect(await t.ledger.earnPoints({ ...order, customerId: 'p-33' })).toMatchObject({ earned: 7 });
    expect((await t.ledger.pointsBalance('p-31', T0)).balance).toBe(7_007);
    expect((await t.ledger.pointsBalance('p-32', T0)).balance).toBe(7);
    // Within one customer and campaign the id still earns once.
    await expectRefusal(
      t.ledger.earnPoints({ ...order, customerId: 'p-31', campaignId: 'pts-small', points: 8 }),
      'IDEMPOTENCY_CONFLICT',
    );
    expect(await t.ledger.earnPoints({ ...order, customerId: 'p-31', campaignId: 'pts-small' })).toEqual(
      small,
    );
  });

  it('replays an earn written under the former key (the transaction id alone) instead of earning it again', async () => {
    const request = {
      transactionId: 'order-before-upgrade',
      customerId: 'p-34',
      points: 30,
      asOf: T0,
      reason: 'x',
    };
    const written = await t.ledger.earnPoints(request);
    // As the former build keyed it: move the key row back to the transaction id alone.
    await t.db.pool.query(
      `UPDATE ledger_idempotency SET key = 'points-earn:order-before-upgrade'
        WHERE key = 'points-earn:' || $1::text`,
      [JSON.stringify(['p-34', null, 'order-before-upgrade'])],
    );
    const lots = await countRows(t.db.pool, 'ledger_point_lots');
    expect(await t.ledger.earnPoints(request)).toEqual(written);
    expect(await countRows(t.db.pool, 'ledger_point_lots')).toBe(lots);
    expect((await t.ledger.pointsBalance('p-34', T0)).balance).toBe(30);
    // Another request for that transaction is refused as before, not a raw unique violation of the lot's source.
    await expectRefusal(t.ledger.earnPoints({ ...request, points: 31 }), 'IDEMPOTENCY_CONFLICT');
    expect((await t.ledger.pointsBalance('p-34', T0)).balance).toBe(30);
  });

  it('expires points at their expiry, once', async () => {
    await t.ledger.earnPoints({
      transactionId: 'e-1',
      customerId: 'p-4',
      points: 40,
      asOf: T0,
      reason: 'x',
      expiresAt: at(10),
    });
    await t.ledger.earnPoints({ transactionId: 'e-2', customerId: 'p-4', points: 5, asOf: T0, reason: 'x' });
    expect((await t.ledger.pointsBalance('p-4', at(10))).balance).toBe(5); // expired even before the sweep
    const swept = await t.ledger.expirePoints({ asOf: at(10) });
    expect(swept.points).toBeGreaterThanOrEqual(40);
    expect(await t.ledger.expirePoints({ asOf: at(10) })).toEqual({ expiredLots: 0, points: 0 });
    await expectRefusal(
      t.ledger.redeemPoints({
        idempotencyKey: uniqueKey(),
        customerId: 'p-4',
        points: 6,
        asOf: at(11),
        reason: 'x',
      }),
      'INSUFFICIENT_BALANCE',
    );
  });

  it.each([
    ['zero points', { points: 0 }],
    ['fractional points', { points: 1.5 }],
    ['negative cap', { dailyCap: -1 }],
    ['expiry before asOf', { expiresAt: at(-1) }],
    ['empty transaction id', { transactionId: '' }],
  ])('refuses %s with INVALID_INPUT and writes nothing', async (_name, override) => {
    const counts = await writeCounts(t.db.pool);
    await expectRefusal(
      t.ledger.earnPoints({
        transactionId: uniqueKey(),
        customerId: 'p-5',
        points: 10,
        asOf: T0,
        reason: 'x',
        ...override,
      }),
      'INVALID_INPUT',
    );
    expect(await writeCounts(t.db.pool)).toEqual(counts);
  });
});
