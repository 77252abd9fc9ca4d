import { newId } from './ids';
import { z } from 'zod';
import type { LedgerContext } from './accounts';
import { ensureCampaign, lockAllSlots, lockProgramBudget, splitEvenly } from './budgets';
import { assertCurrency } from './currency';
import { LedgerError } from './errors';
import { idempotentWrite } from './idempotency';
import { recordTransaction } from './journal';
import { positiveAmount } from './money';
import { instant, type Instant } from './time';
import { identifier, idempotencyKey, parseInput } from './validation';

const openSchema = z.object({
  idempotencyKey,
  campaignId: identifier,
  amount: positiveAmount,
  currency: z.string().optional(),
  asOf: instant,
});

export interface OpenCampaignBudgetInput {
  idempotencyKey: string;
  campaignId: string;
  amount: number;
  currency?: string;
  asOf: Instant;
}

export interface OpenCampaignBudgetResult {
  campaignId: string;
  transactionId: string;
  amount: number;
}

/**
 * Allocates `amount` of the program budget to a campaign's budget (opening it on first call, topping it up after).
 * BUDGET_EXCEEDED when the program budget — the total cap — is short.
 */
export function openCampaignBudget(
  ctx: LedgerContext,
  input: OpenCampaignBudgetInput,
): Promise<OpenCampaignBudgetResult> {
  const req = parseInput(openSchema, input, 'openCampaignBudget');
  assertCurrency(ctx, req.currency);
  const { idempotencyKey: key, ...request } = req;
  return idempotentWrite(ctx.pool, { key, operation: 'openCampaignBudget', request }, async (client) => {
    const available = await lockProgramBudget(ctx, client);
    if (available < req.amount) {
      throw new LedgerError('BUDGET_EXCEEDED', `program budget cannot cover ${req.amount}`, {
        requested: req.amount,
        remaining: available,
      });
    }
    await ensureCampaign(ctx, client, req.campaignId);
    const slots = await lockAllSlots(client, req.campaignId);
    const parts = splitEvenly(req.amount, slots.length);
    const transactionId = newId();
    await recordTransaction(client, {
      id: transactionId,
      type: 'allocate',
      idempotencyKey: key,
      occurredAt: req.asOf,
      memo: `budget for campaign ${req.campaignId}`,
      postings: [
        { accountId: ctx.accounts.programBudget, amount: -req.amount, campaignId: req.campaignId },
        ...parts.map((part, i) => ({ accountId: slots[i]!.id, amount: part, campaignId: req.campaignId })),
      ],
    });
    return { campaignId: req.campaignId, transactionId, amount: req.amount };
  });
}
