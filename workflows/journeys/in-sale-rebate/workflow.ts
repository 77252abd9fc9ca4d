import type { CustomerEvent } from '../../../contracts/customer-events';
import { isOrderPlaced } from '../../shared/event-match';
import type { JourneyStart } from '../../shared/journey-input';
import { resumeLoop, runCustomerLoop, type LoopCarry } from '../../shared/customer-loop';
import type { InSaleRebateConfig } from './config';
import { tierRate } from '../../shared/rates';
import { RebateBook, settleRebate, type PendingRebate } from '../../shared/rebate-book';

interface InSaleRebateState {
  pending: PendingRebate[];
}

export type InSaleRebateCarry = LoopCarry<InSaleRebateState>;

const PROGRAM = { programZh: '售中阶梯返利', programEn: 'Tiered order rebate' };

/**
 * Journey 6b — in-sale tiered rebate (售中阶梯式权益激励), one long-lived run per customer: each order reaching a tier
 * (≥ 10,000.00 → 3 %, ≥ 30,000.00 → 5 %, ≥ 50,000.00 → 8 %) queues floor(amount × rate) as a rebate; once the
 * order's refund window passes without a refund it is granted as a `rebate` lot. A refund inside the window cancels it.
 */
export async function inSaleRebateJourney(
  start: JourneyStart<InSaleRebateConfig>,
  carry?: InSaleRebateCarry,
): Promise<string> {
  const run = resumeLoop(start, carry);
  const { j } = run;
  const c = j.config;
  const book = new RebateBook(run.resumed?.pending);
  const publish = () => {
    j.state.details.pending = book.list().map((p) => ({
      orderId: p.orderId,
      rebate: p.rebate,
      dueAt: new Date(p.dueAt).toISOString(),
    }));
  };
  publish();
  j.state.step = 'watching';
  return runCustomerLoop(run, {
    match: (e: CustomerEvent) =>
      (isOrderPlaced(e) && tierRate(c.tiers, e.amount) > 0) || e.type === 'order_refunded',
    onEvent: async (e) => {
      if (isOrderPlaced(e)) {
        const rateBp = tierRate(c.tiers, e.amount);
        const p = book.add(e, rateBp, c.credit);
        if (p) {
          await j.step(`order:${e.orderId}`, 'rebate-pending', {
            orderId: e.orderId,
            amount: e.amount,
            rateBp,
            rebate: p.rebate,
            dueAt: new Date(p.dueAt).toISOString(),
          });
        }
      } else if (e.type === 'order_refunded' && book.cancel(e.orderId)) {
        await j.step(`rebate:${e.orderId}:cancelled`, 'rebate-cancelled', {
          orderId: e.orderId,
          by: 'refund',
        });
      }
      publish();
    },
    nextWakeAt: () => book.nextDueAt(),
    onWake: async () => {
      for (const p of book.takeDue(Date.now())) await settleRebate(j, p, c.credit, PROGRAM);
      publish();
    },
    carry: () => ({ pending: book.list() }),
    eventsPerRun: c.eventsPerRun,
  });
}
