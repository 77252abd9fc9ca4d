import fc from 'fast-check';
import { T0, at, expectRefusal, uniqueKey, writeCounts, useLedgerDatabase } from '../test/support/ledger';

describe('ledger: partial points expiry, donations, returned points', () => {
  const t = useLedgerDatabase({ checkInvariants: true });

  const earn = async (customerId: string, points: number, expiresAt?: string) =>
    (
      await t.ledger.earnPoints({
        transactionId: uniqueKey('earn'),
        customerId,
        points,
        asOf: T0,
        reason: 'order',
        ...(expiresAt ? { expiresAt } : {}),
      })
    ).lotId!;
  const balance = async (customerId: string, asOf = at(1)) =>
    (await t.ledger.pointsBalance(customerId, asOf)).balance;

  it('expires a percent of what is left of a lot, rounded down, once per key; another customer’s lot is refused', async () => {
    const lotId = await earn('pe-1', 999);
    const key = uniqueKey('partial');
    const first = await t.ledger.expirePointsPartially({
      idempotencyKey: key,
      lotId,
      customerId: 'pe-1',
      percent: 30,
      asOf: at(365),
    });
    expect(first).toMatchObject({ lotId, expired: 299, remaining: 700, transactionId: expect.any(String) });
    const replay = await t.ledger.expirePointsPartially({
      idempotencyKey: key,
      lotId,
      customerId: 'pe-1',
      percent: 30,
      asOf: at(365),
    });
    expect(replay).toEqual(first);
    expect(await balance('pe-1', at(366))).toBe(700);
    // The same key for a different cut is a conflict, not a second cut.
    await expectRefusal(
      t.ledger.expirePointsPartially({
        idempotencyKey: key,
        lotId,
        customerId: 'pe-1',
        percent: 50,
        asOf: at(365),
      }),
      'IDEMPOTENCY_CONFLICT',
    );
    const before = await writeCounts(t.db.pool);
    await expectRefusal(
      t.ledger.expirePointsPartially({
        idempotencyKey: uniqueKey(),
        lotId,
        customerId: 'someone-else',
        percent: 30,
        asOf: at(365),
      }),
      'NOT_FOUND',
    );
    expect(await writeCounts(t.db.pool)).toEqual(before);
    // A share that rounds to nothing writes no transaction.
    const small = await earn('pe-2', 3);
    expect(
      await t.ledger.expirePointsPartially({
        idempotencyKey: uniqueKey(),
        lotId: small,
        customerId: 'pe-2',
        percent: 30,
        asOf: at(365),
      }),
    ).toMatchObject({ expired: 0, remaining: 3, transactionId: null });
  });

  it('year after year, a lot shrinks by floor(remaining × p %) and never below zero', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 99 }),
        async (pts, pct) => {
          const customerId = uniqueKey('pe-prop');
          const lotId = await earn(customerId, pts);
          let left = pts;
          for (let year = 1; year <= 3; year++) {
            const r = await t.ledger.expirePointsPartially({
              idempotencyKey: uniqueKey(),
              lotId,
              customerId,
              percent: pct,
              asOf: at(365 * year),
            });
            expect(r.expired).toBe(Math.floor((left * pct) / 100));
            left -= r.expired;
            expect(r.remaining).toBe(left);
          }
          expect(await balance(customerId, at(365 * 3 + 1))).toBe(left);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('donates soonest-expiring points to a charity account, idempotently; refuses more than the live balance', async () => {
    await earn('don-1', 100, at(300));
    await earn('don-1', 50, at(30));
    const before = await t.ledger.charityPoints('green-earth');
    const key = uniqueKey('donation');
    const gift = await t.ledger.donatePoints({
      idempotencyKey: key,
      customerId: 'don-1',
      charityId: 'green-earth',
      points: 70,
      asOf: at(1),
    });
    expect(gift).toMatchObject({ donated: 70, balance: 80, charityAccount: 'points:charity:green-earth' });
    // A retry with the same key, later (the client's answer was lost): the first donation, nothing more.
    expect(
      await t.ledger.donatePoints({
        idempotencyKey: key,
        customerId: 'don-1',
        charityId: 'green-earth',
        points: 70,
        asOf: at(2),
      }),
    ).toEqual(gift);
    expect((await t.ledger.charityPoints('green-earth')) - before).toBe(70);
    // The 30-day lot went first: 50 from it, 20 from the other.
    const lots = (await t.ledger.pointsBalance('don-1', at(1))).lots;
    expect(lots.map((l) => l.remaining)).toEqual([80]);

    const counts = await writeCounts(t.db.pool);
    await expectRefusal(
      t.ledger.donatePoints({
        idempotencyKey: uniqueKey(),
        customerId: 'don-1',
        charityId: 'green-earth',
        points: 81,
        asOf: at(1),
      }),
      'INSUFFICIENT_BALANCE',
    );
    await expectRefusal(
      t.ledger.donatePoints({
        idempotencyKey: uniqueKey(),
        customerId: 'don-1',
        charityId: 'Not A Charity',
        points: 1,
        asOf: at(1),
      }),
      'INVALID_INPUT',
    );
    expect(await writeCounts(t.db.pool)).toEqual(counts);
    // Expired points cannot be donated: after day 300 nothing is live.
    await expectRefusal(
      t.ledger.donatePoints({
        idempotencyKey: uniqueKey(),
        customerId: 'don-1',
        charityId: 'green-earth',
        points: 1,
        asOf: at(301),
      }),
      'INSUFFICIENT_BALANCE',
    );
  });

  it('gives redeemed points back once as a new lot funded from points:redeemed', async () => {
    await earn('ret-1', 200, at(365));
    await t.ledger.redeemPoints({
      idempotencyKey: uniqueKey(),
      customerId: 'ret-1',
      points: 120,
      asOf: at(1),
      reason: 'mug',
    });
    const key = uniqueKey('return');
    const back = await t.ledger.returnRedeemedPoints({
      idempotencyKey: key,
      customerId: 'ret-1',
      points: 120,
      asOf: at(2),
      expiresAt: at(367),
      reason: 'reward cancelled',
    });
    // Resumed after a crash, a day later (so another asOf and expiry): the first return, nothing more.
    expect(
      await t.ledger.returnRedeemedPoints({
        idempotencyKey: key,
        customerId: 'ret-1',
        points: 120,
        asOf: at(3),
        expiresAt: at(368),
        reason: 'reward cancelled',
      }),
    ).toEqual(back);
    expect(await balance('ret-1', at(3))).toBe(200);
    const legs = await t.db.pool.query<{ code: string; amount: string }>(
      `SELECT a.code, p.amount FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
        WHERE p.transaction_id = $1 ORDER BY p.amount`,
      [back.transactionId],
    );
    expect(
      legs.rows.map((r) => [r.code.startsWith('points-lot:') ? 'lot' : r.code, Number(r.amount)]),
    ).toEqual([
      ['points:redeemed', -120],
      ['lot', 120],
    ]);
  });
});
