import { newId } from './ids';
import { z } from 'zod';
import type { LedgerContext } from './accounts';
import { assertCurrency } from './currency';
import { idempotentWrite } from './idempotency';
import { recordTransaction } from './journal';
import { positiveAmount } from './money';
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
