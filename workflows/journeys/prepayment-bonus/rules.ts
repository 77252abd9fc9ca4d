import type { CustomerEvent } from '../../../contracts/customer-events';
import { applyBasisPoints } from '../../shared/rates';
import type { PrepaymentBonusConfig } from './config';

/** The bonus an order earns: floor(amount × bonusBp), capped by maxBonus; 0 when it is not a qualifying prepayment. */
export function prepaymentBonus(event: CustomerEvent, c: PrepaymentBonusConfig): number {
  if (event.type !== 'order_placed') return 0;
  if (c.markerCategory !== null && !event.categories.includes(c.markerCategory)) return 0;
  if (event.amount < c.minAmount) return 0;
  const bonus = applyBasisPoints(event.amount, c.bonusBp);
  return c.maxBonus > 0 ? Math.min(bonus, c.maxBonus) : bonus;
}
