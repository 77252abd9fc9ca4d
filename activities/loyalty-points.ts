import type { EarnPointsInput, RedeemPointsInput } from '../ledger/points';
import { orderOf, pointsEarnedFor } from '../stores/loyalty-points';
import type { ActivityDeps } from './deps';
import { refusalsAsFailures } from './failures';

/** Loyalty points (journey points): thin adapters over the ledger's points API and the order facts. */
export function loyaltyPointsActivities(deps: ActivityDeps) {
  const ledger = deps.ledger;
  return {
    earnPoints: (req: EarnPointsInput) => refusalsAsFailures(() => ledger.earnPoints(req)),
    redeemPoints: (req: RedeemPointsInput) => refusalsAsFailures(() => ledger.redeemPoints(req)),
    /** The expiry sweep up to asOf (the ledger sweeps every customer's due lots; each lot expires once). */
    expirePoints: (req: { asOf: string }) => refusalsAsFailures(() => ledger.expirePoints(req)),
    /** Live points and those of them expiring within `days` of asOf. */
    pointsOutlook: async (req: { customerId: string; asOf: string; days: number }) => {
      const balance = await refusalsAsFailures(() => ledger.pointsBalance(req.customerId, req.asOf));
      const horizon = Date.parse(req.asOf) + req.days * 86_400_000;
      const expiring = balance.lots.filter((l) => l.expiresAt !== null && Date.parse(l.expiresAt) <= horizon);
      return {
        balance: balance.balance,
        expiringPoints: expiring.reduce((s, l) => s + l.remaining, 0),
        firstExpiry: expiring[0]?.expiresAt ?? null,
      };
    },
    pointsEarnedFor: (req: { customerId: string; transactionId: string }) => pointsEarnedFor(deps.pool, req),
    orderOf: (req: { customerId: string; orderId: string }) => orderOf(deps.pool, req),
  };
}
