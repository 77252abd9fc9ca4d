import { isLedgerError } from './errors';
import {
  T0,
  countRows,
  fundedCampaign,
  grantRequest,
  uniqueKey,
  useLedgerDatabase,
} from '../test/support/ledger';

function outcomes(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const r of results) {
    const key =
      r.status === 'fulfilled'
        ? 'ok'
        : isLedgerError(r.reason)
          ? r.reason.code
          : `error: ${String(r.reason)}`;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

describe('ledger: concurrency', () => {
  const t = useLedgerDatabase({ poolSize: 60, checkInvariants: true });

  it('200 concurrent grants against a budget for exactly 150: 150 succeed, 50 BUDGET_EXCEEDED, nothing left', async () => {
    await fundedCampaign(t.ledger, 'rush', 150 * 100);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        t.ledger.grantCredit(grantRequest({ campaignId: 'rush', customerId: `rush-${i}`, amount: 100 })),
      ),
    );
    expect(outcomes(results)).toEqual({ ok: 150, BUDGET_EXCEEDED: 50 });
    expect(await t.ledger.campaignBudget('rush')).toMatchObject({
      budget: 15_000,
      granted: 15_000,
      remaining: 0,
    });
    const lots = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM ledger_lots WHERE campaign_id = 'rush'",
    );
    expect(lots.rows[0].n).toBe(150);
  });

  it('uneven concurrent grants never overspend a budget split across slots', async () => {
    await fundedCampaign(t.ledger, 'uneven', 10_007);
    const amounts = Array.from({ length: 120 }, (_, i) => 37 + ((i * 53) % 211));
    const results = await Promise.allSettled(
      amounts.map((amount, i) =>
        t.ledger.grantCredit(grantRequest({ campaignId: 'uneven', customerId: `u-${i}`, amount })),
      ),
    );
    const granted = results.reduce((s, r, i) => s + (r.status === 'fulfilled' ? amounts[i]! : 0), 0);
    const budget = await t.ledger.campaignBudget('uneven');
    expect(budget.granted).toBe(granted);
    expect(budget.remaining).toBe(10_007 - granted);
    expect(budget.remaining).toBeGreaterThanOrEqual(0);
    // Every refusal was for a grant bigger than what was left at the end.
    for (const [i, r] of results.entries()) {
      if (r.status === 'rejected') {
        expect(isLedgerError(r.reason, 'BUDGET_EXCEEDED')).toBe(true);
        expect(amounts[i]!).toBeGreaterThan(budget.remaining);
      }
    }
  });

  it('20 concurrent redemptions from one wallet never overdraw it', async () => {
    await fundedCampaign(t.ledger, 'wallet', 10_000);
    for (const amount of [300, 500, 700]) {
      await t.ledger.grantCredit(grantRequest({ campaignId: 'wallet', customerId: 'w-1', amount }));
    }
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        t.ledger.redeem({
          idempotencyKey: uniqueKey(),
          customerId: 'w-1',
          order: { orderId: `w-o${i}`, amount: 130, categories: [] },
          asOf: T0,
        }),
      ),
    );
    const applied = results.reduce((s, r) => s + (r.status === 'fulfilled' ? r.value.total : 0), 0);
    expect(applied).toBe(1_500);
    expect(outcomes(results)).toEqual({ ok: 12, INSUFFICIENT_BALANCE: 8 }); // 11 × 130 + 70
    expect((await t.ledger.wallet('w-1', T0)).balance).toBe(0);
  });

  it('the same idempotency key sent 10 times at once writes once and answers the same', async () => {
    await fundedCampaign(t.ledger, 'same-key', 1_000);
    const request = grantRequest({ campaignId: 'same-key', customerId: 'k-1', amount: 10 });
    const results = await Promise.all(Array.from({ length: 10 }, () => t.ledger.grantCredit(request)));
    expect(new Set(results.map((r) => r.lotId)).size).toBe(1);
    const lots = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM ledger_lots WHERE customer_id = 'k-1'",
    );
    expect(lots.rows[0].n).toBe(1);
  });

  it('concurrent earns never cross the daily points cap', async () => {
    const before = await countRows(t.db.pool, 'ledger_point_lots');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.ledger.earnPoints({
          transactionId: `cap-${i}`,
          customerId: 'pc-1',
          points: 7,
          asOf: T0,
          reason: 'x',
          dailyCap: 100,
        }),
      ),
    );
    expect(results.reduce((s, r) => s + r.earned, 0)).toBe(100);
    expect((await t.ledger.pointsBalance('pc-1', T0)).balance).toBe(100);
    expect(await countRows(t.db.pool, 'ledger_point_lots')).toBe(before + 15); // 14 × 7 + 2
  });
});
