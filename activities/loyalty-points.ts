import type { EarnPointsInput, RedeemPointsInput } from '../ledger/points';
import type { ExpirePointsPartiallyInput } from '../ledger/points-expiry-partial';
import { localDay } from '../lib/local-day';
import { earnContextFacts, orderOf, pointsEarnedFor } from '../stores/loyalty-points';
import type { ActivityDeps } from './deps';
import { journaled } from './journaled';
import { refusalsAsFailures } from './failures';

/** Loyalty points (journey points): thin adapters over the ledger's points API and the order facts. */
export function loyaltyPointsActivities(deps: ActivityDeps) {
  const ledger = deps.ledger;
  return {
    earnPoints: journaled(deps, (req: EarnPointsInput) => refusalsAsFailures(() => ledger.earnPoints(req))),
    redeemPoints: (req: RedeemPointsInput) => refusalsAsFailures(() => ledger.redeemPoints(req)),
    /** The expiry sweep up to asOf (the ledger sweeps every customer's due lots; each lot expires once). */
    expirePoints: (req: { asOf: string }) => refusalsAsFailures(() => ledger.expirePoints(req)),
    /** Partial yearly expiry of one lot (percent of what is left, rounded down), once per key. */
    expirePointsPartially: (req: ExpirePointsPartiallyInput) =>
      refusalsAsFailures(() => ledger.expirePointsPartially(req)),
    /** What is left of each of these live lots of the customer (lots gone or spent are absent). */
    pointLotsRemaining: async (req: { customerId: string; asOf: string; lotIds: string[] }) => {
      const balance = await refusalsAsFailures(() => ledger.pointsBalance(req.customerId, req.asOf));
      const wanted = new Set(req.lotIds);
      return balance.lots
        .filter((l) => wanted.has(l.lotId))
        .map((l) => ({ lotId: l.lotId, remaining: l.remaining }));
    },
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
    pointsEarnedFor: (req: { customerId: string; transactionId: string; campaignId?: string | null }) =>
      pointsEarnedFor(deps.pool, req),
    /**
     * The day of `at` in the campaign's time zone (UTC when its schedule names none) and the customer's member tier:
     * what the points journey's time-window and tier multipliers read.
     */
    pointsEarnContext: async (req: { campaignId: string; customerId: string; at: string }) => {
      const facts = await earnContextFacts(deps.pool, req);
      const timezone = facts.timezone ?? 'UTC';
      return { ...localDay(req.at, timezone), timezone, tier: facts.tier };
    },
    orderOf: (req: { customerId: string; orderId: string }) => orderOf(deps.pool, req),
  };
}
