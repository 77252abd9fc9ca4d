import { reads } from './activities';
import type { OrderPlaced } from '../../contracts/customer-events';
import { days, type Journey } from './journey';
import { dateOnly, formatMinor } from './money';
import type { RebateCredit } from './rebate-config';
import { applyBasisPoints, percent } from './rates';

export interface PendingRebate {
  orderId: string;
  orderAmount: number;
  bp: number;
  rebate: number;
  /** Workflow time (ms) when the refund window ends. */
  dueAt: number;
}

/** Order rebates waiting for their refund window to pass: held in the journey state (carried over continue-as-new). */
export class RebateBook {
  private readonly pending: PendingRebate[];

  constructor(carried: readonly PendingRebate[] = []) {
    this.pending = [...carried];
  }

  /** Queues a rebate for an order (once per order id). */
  add(order: OrderPlaced, bp: number, credit: RebateCredit): PendingRebate | undefined {
    if (this.pending.some((p) => p.orderId === order.orderId)) return undefined;
    const p: PendingRebate = {
      orderId: order.orderId,
      orderAmount: order.amount,
      bp,
      rebate: applyBasisPoints(order.amount, bp),
      dueAt: Date.now() + days(credit.refundWindowDays),
    };
    this.pending.push(p);
    return p;
  }

  cancel(orderId: string): PendingRebate | undefined {
    const i = this.pending.findIndex((p) => p.orderId === orderId);
    return i < 0 ? undefined : this.pending.splice(i, 1)[0];
  }

  nextDueAt(): number | undefined {
    return this.pending.reduce<number | undefined>(
      (m, p) => (m === undefined || p.dueAt < m ? p.dueAt : m),
      undefined,
    );
  }

  takeDue(now: number): PendingRebate[] {
    const due = this.pending.filter((p) => p.dueAt <= now);
    for (const p of due) this.cancel(p.orderId);
    return due;
  }

  list(): PendingRebate[] {
    return this.pending.slice();
  }
}

/** Names of the program in the customer's email, per locale. */
export interface ProgramName {
  programZh: string;
  programEn: string;
}

/**
 * Grants one rebate whose refund window has passed: re-checks the order was not refunded (a refund signal may have
 * been lost), grants a `rebate` lot keyed by the order (once, even across continue-as-new) and emails the customer.
 */
export async function settleRebate<C>(
  j: Journey<C>,
  p: PendingRebate,
  credit: RebateCredit,
  program: ProgramName,
): Promise<void> {
  if (p.rebate <= 0) return;
  if (await reads().orderRefunded(p.orderId)) {
    await j.step(`rebate:${p.orderId}:cancelled`, 'rebate-cancelled', { orderId: p.orderId, by: 'refund' });
    return;
  }
  const grant = await j.grant(
    `rebate:${p.orderId}`,
    {
      kind: 'rebate',
      amount: p.rebate,
      validityDays: credit.validityDays,
      scope: credit.scope,
      stacking: credit.stacking,
    },
    `${j.start.journeyType}: ${percent(p.bp)}% of order ${p.orderId}`,
  );
  if (!grant.ok) return;
  await j.emailCustomer(`email:rebate:${p.orderId}`, 'loyalty-rebate-granted', {
    ...program,
    orderId: p.orderId,
    rate: percent(p.bp),
    amount: formatMinor(p.rebate),
    expiresOn: dateOnly(grant.expiresAt),
  });
}
