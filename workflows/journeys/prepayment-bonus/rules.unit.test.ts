import fc from 'fast-check';
import { CustomerEventSchema, type CustomerEvent } from '../../../contracts/customer-events';
import { PrepaymentBonusConfig } from './config';
import { prepaymentBonus } from './rules';

const orderPlaced = (amount: number, categories: string[]): CustomerEvent =>
  CustomerEventSchema.parse({
    type: 'order_placed',
    eventId: 'ev-1',
    customerId: 'c-1',
    orderId: 'o-1',
    amount,
    categories,
    occurredAt: '2025-03-01T00:00:00.000Z',
  });

describe('prepaymentBonus', () => {
  const config = PrepaymentBonusConfig.parse({});

  it('earns 2 % of a prepaid order, floored, and nothing without the marker category', () => {
    expect(prepaymentBonus(orderPlaced(500_000, ['prepayment']), config)).toBe(10_000);
    expect(prepaymentBonus(orderPlaced(123_456, ['prepayment', 'tea']), config)).toBe(2_469);
    expect(prepaymentBonus(orderPlaced(500_000, ['tea']), config)).toBe(0);
  });

  it('honours the minimum amount, the cap, and a null marker (every order is prepaid)', () => {
    const c = PrepaymentBonusConfig.parse({ minAmount: 10_000, maxBonus: 1_000, markerCategory: null });
    expect(prepaymentBonus(orderPlaced(9_999, []), c)).toBe(0);
    expect(prepaymentBonus(orderPlaced(10_000, []), c)).toBe(200);
    expect(prepaymentBonus(orderPlaced(10_000_000, []), c)).toBe(1_000);
  });

  it('ignores events other than a placed order', () => {
    const refund = CustomerEventSchema.parse({
      type: 'order_refunded',
      eventId: 'ev-2',
      customerId: 'c-1',
      orderId: 'o-1',
      occurredAt: '2025-03-01T00:00:00.000Z',
    });
    expect(prepaymentBonus(refund, config)).toBe(0);
  });

  it('is never more than the cap nor the order, and never falls as the order grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 1e6 }),
        (amount, more, bonusBp, maxBonus) => {
          const c = { ...config, bonusBp, maxBonus };
          const bonus = prepaymentBonus(orderPlaced(amount, ['prepayment']), c);
          expect(bonus).toBeLessThanOrEqual(amount);
          if (maxBonus > 0) expect(bonus).toBeLessThanOrEqual(maxBonus);
          expect(prepaymentBonus(orderPlaced(amount + more, ['prepayment']), c)).toBeGreaterThanOrEqual(
            bonus,
          );
        },
      ),
    );
  });
});
