import { createTestDatabase } from '../test/support/database';
import { Ledger } from './ledger';
import type { LedgerError } from './errors';
import {
  T0,
  expectRefusal,
  ignoreDropTermination,
  uniqueKey,
  useLedgerDatabase,
} from '../test/support/ledger';

/** Amounts leave the ledger as JSON numbers: the program budget never grows past what a number holds exactly. */
describe('ledger: program funding stays within the safe integer range', () => {
  const t = useLedgerDatabase({ checkInvariants: true });
  const fund = (amount: number) =>
    t.ledger.fundProgram({ idempotencyKey: uniqueKey('fund'), amount, asOf: T0 });

  it('refuses a funding that would take the total past Number.MAX_SAFE_INTEGER, and stays readable', async () => {
    await fund(Number.MAX_SAFE_INTEGER - 1_000);
    await expectRefusal(fund(1_001), 'BUDGET_EXCEEDED');
    await expectRefusal(fund(Number.MAX_SAFE_INTEGER), 'BUDGET_EXCEEDED');
    // Before the limit, a second huge funding made every later read of the program budget throw.
    expect(await t.ledger.programBudget()).toMatchObject({
      funded: Number.MAX_SAFE_INTEGER - 1_000,
      remaining: Number.MAX_SAFE_INTEGER - 1_000,
    });
    await fund(1_000);
    expect((await t.ledger.programBudget()).funded).toBe(Number.MAX_SAFE_INTEGER);
    await t.ledger.openCampaignBudget({
      idempotencyKey: uniqueKey('open'),
      campaignId: 'all-of-it',
      amount: Number.MAX_SAFE_INTEGER,
      asOf: T0,
    });
    expect(await t.ledger.programBudget()).toMatchObject({
      allocated: Number.MAX_SAFE_INTEGER,
      remaining: 0,
    });
  });

  it('lets only one of two concurrent fundings that together would pass the limit through', async () => {
    const fresh = await createTestDatabase();
    ignoreDropTermination(fresh.pool);
    try {
      const other = new Ledger(fresh.pool);
      const half = Math.floor(Number.MAX_SAFE_INTEGER / 2) + 1;
      const settled = await Promise.allSettled(
        [1, 2].map(() => other.fundProgram({ idempotencyKey: uniqueKey('race'), amount: half, asOf: T0 })),
      );
      const outcomes = settled.map((s) =>
        s.status === 'fulfilled' ? 'funded' : (s.reason as LedgerError).code,
      );
      expect(outcomes.sort()).toEqual(['BUDGET_EXCEEDED', 'funded']);
      expect((await other.programBudget()).funded).toBe(half);
    } finally {
      await fresh.drop();
    }
  });
});
