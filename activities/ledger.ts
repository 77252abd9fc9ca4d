import type { Ledger } from '../ledger';
import type { ActivityDeps } from './deps';
import { refusalsAsFailures } from './failures';

/** Ledger error codes that are decisions, not faults: retrying cannot change them. */
export const LEDGER_REFUSALS: ReadonlySet<string> = new Set([
  'BUDGET_EXCEEDED',
  'INSUFFICIENT_BALANCE',
  'LOT_EXPIRED',
  'NOT_ELIGIBLE',
  'IDEMPOTENCY_CONFLICT',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CURRENCY_MISMATCH',
  'DAILY_CAP_REACHED',
  'ALREADY_REVERSED',
  'LOT_IN_USE',
  'ALREADY_REVOKED',
  'ALREADY_REDEEMED',
]);

type Params<K extends keyof Ledger> = Ledger[K] extends (arg: infer A, ...rest: never[]) => unknown
  ? A
  : never;

export function ledgerActivities(deps: ActivityDeps) {
  const ledger = deps.ledger;
  return {
    grantCredit: (req: Params<'grantCredit'>) =>
      refusalsAsFailures(LEDGER_REFUSALS, () => ledger.grantCredit(req)),
    revokeGrant: (req: Params<'revokeGrant'>) =>
      refusalsAsFailures(LEDGER_REFUSALS, () => ledger.revokeGrant(req)),
    lotsExpiringWithin: (req: Params<'lotsExpiringWithin'>) =>
      refusalsAsFailures(LEDGER_REFUSALS, () => ledger.lotsExpiringWithin(req)),
    lotsInExpiryWindow: (req: Params<'lotsInExpiryWindow'>) =>
      refusalsAsFailures(LEDGER_REFUSALS, () => ledger.lotsInExpiryWindow(req)),
    expireDueLots: (req: Params<'expireDueLots'>) =>
      refusalsAsFailures(LEDGER_REFUSALS, () => ledger.expireDueLots(req)),
    walletOf: (req: { customerId: string; asOf: string }) =>
      refusalsAsFailures(LEDGER_REFUSALS, () => ledger.wallet(req.customerId, req.asOf)),
  };
}
