import { newId } from './ids';
import { z } from 'zod';
import type { LedgerContext } from './accounts';
import { lockProgramBudget } from './budgets';
import { LedgerError } from './errors';
import { assertCurrency } from './currency';
import { idempotentWrite } from './idempotency';
import { recordTransaction } from './journal';
import { fromDb, positiveAmount } from './money';
import { instant, type Instant } from './time';
import { idempotencyKey, parseInput } from './validation';

const fundSchema = z.object({
  idempotencyKey,
  amount: positiveAmount,
  currency: z.string().optional(),
  asOf: instant,
  memo: z.string().max(500).optional(),
});

export interface FundProgramInput {
  idempotencyKey: string;
  amount: number;
  currency?: string;
  asOf: Instant;
  memo?: string;
}

export interface FundProgramResult {
  transactionId: string;
  amount: number;
}

/** Money into the program-wide marketing budget: the total cap every campaign allocation draws from. */
export function fundProgram(ctx: LedgerContext, input: FundProgramInput): Promise<FundProgramResult> {
  const req = parseInput(fundSchema, input, 'fundProgram');
  assertCurrency(ctx, req.currency);
  const { idempotencyKey: key, ...request } = req;
  return idempotentWrite(ctx.pool, { key, operation: 'fundProgram', request }, async (client) => {
    // Every amount leaves the ledger as a JSON number, so the total ever funded (and every balance under it) must
    // stay a safe integer: past it, each read of the program budget would fail from then on. Fundings are serialised
    // on the program budget's row, so two of them cannot both pass this check.
    await lockProgramBudget(ctx, client);
    const funded = await client.query<{ funded: string }>(
      `SELECT coalesce(sum(p.amount), 0) AS funded
         FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
        WHERE p.account_id = $1 AND t.type = 'fund'`,
      [ctx.accounts.programBudget],
    );
    if (fromDb(funded.rows[0]?.funded, 'funded') + req.amount > Number.MAX_SAFE_INTEGER) {
      throw new LedgerError(
        'BUDGET_EXCEEDED',
        `fundProgram: the program budget would exceed ${Number.MAX_SAFE_INTEGER} minor units, the most the ledger holds`,
        { amount: req.amount },
      );
    }
    const transactionId = newId();
    await recordTransaction(client, {
      id: transactionId,
      type: 'fund',
      idempotencyKey: key,
      occurredAt: req.asOf,
      memo: req.memo ?? null,
      postings: [
        { accountId: ctx.accounts.programFunding, amount: -req.amount },
        { accountId: ctx.accounts.programBudget, amount: req.amount },
      ],
    });
    return { transactionId, amount: req.amount };
  });
}
