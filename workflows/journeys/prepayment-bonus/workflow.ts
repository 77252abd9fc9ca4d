import type { CustomerEvent } from '../../../contracts/customer-events';
import { isOrderPlaced } from '../../shared/event-match';
import type { JourneyStart } from '../../shared/journey-input';
import { dateOnly, formatMinor } from '../../shared/money';
import { percent } from '../../shared/rates';
import { resumeLoop, runCustomerLoop, type LoopCarry } from '../../shared/customer-loop';
import type { PrepaymentBonusConfig } from './config';
import { prepaymentBonus } from './rules';

interface PrepaymentBonusState {
  /** Recent bonus lots by order, so a refund of the prepaid order can take its bonus back (bounded). */
  granted: { orderId: string; lotId: string }[];
}

const GRANTED_LIMIT = 200;

export type PrepaymentBonusCarry = LoopCarry<PrepaymentBonusState>;

/**
 * Journey 6c — prepayment bonus (预付优惠), one long-lived run per customer: every prepaid order (see the config) gets
 * bonusBp of its amount as cash credit at once, emailed; a refund of that order revokes what is left of the bonus.
 * Long-lived rather than one run per order because the journey id is per (campaign, customer): a run that ended
 * after one order could miss a second order signalled into it.
 */
export async function prepaymentBonusJourney(
  start: JourneyStart<PrepaymentBonusConfig>,
  carry?: PrepaymentBonusCarry,
): Promise<string> {
  const run = resumeLoop(start, carry);
  const { j } = run;
  const c = j.config;
  const s: PrepaymentBonusState = run.resumed ?? { granted: [] };
  j.state.step = 'watching';
  return runCustomerLoop(run, {
    match: (e: CustomerEvent) => prepaymentBonus(e, c) > 0 || e.type === 'order_refunded',
    onEvent: async (e) => {
      if (isOrderPlaced(e)) {
        const amount = prepaymentBonus(e, c);
        const grant = await j.grant(
          `bonus:${e.orderId}`,
          { kind: 'cash', amount, validityDays: c.validityDays, scope: c.scope, stacking: c.stacking },
          `prepayment bonus ${percent(c.bonusBp)}% of order ${e.orderId}`,
        );
        if (!grant.ok) return;
        s.granted.push({ orderId: e.orderId, lotId: grant.lotId });
        if (s.granted.length > GRANTED_LIMIT) s.granted.shift();
        j.state.details.bonuses = s.granted.length;
        await j.emailCustomer(`email:bonus:${e.orderId}`, 'prepayment-bonus-granted', {
          orderId: e.orderId,
          rate: percent(c.bonusBp),
          amount: formatMinor(amount),
          expiresOn: dateOnly(grant.expiresAt),
        });
      } else if (e.type === 'order_refunded') {
        const g = s.granted.find((x) => x.orderId === e.orderId);
        if (g) await j.revoke(`revoke:${e.orderId}`, g.lotId, 'prepaid-order-refunded');
      }
    },
    nextWakeAt: () => undefined,
    onWake: async () => undefined,
    carry: () => s,
    eventsPerRun: c.eventsPerRun,
  });
}
