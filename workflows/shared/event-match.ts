import type { CustomerEvent, OrderPlaced, OrderRefunded } from '../../contracts/customer-events';

export const isOrderPlaced = (e: CustomerEvent): e is OrderPlaced => e.type === 'order_placed';

export const isOtherOrder =
  (orderId: string) =>
  (e: CustomerEvent): e is OrderPlaced =>
    e.type === 'order_placed' && e.orderId !== orderId;

export const isRefundOf =
  (orderId: string) =>
  (e: CustomerEvent): e is OrderRefunded =>
    e.type === 'order_refunded' && e.orderId === orderId;

/** Anything that shows the customer is alive: it resets a dormancy clock. */
export const isActivity = (e: CustomerEvent): boolean =>
  e.type === 'order_placed' || e.type === 'active' || e.type === 'review_submitted' || e.type === 'signed_up';
