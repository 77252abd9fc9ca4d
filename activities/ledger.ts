import type { Ledger } from '../ledger';
import type { ActivityDeps } from './deps';
import { refusalsAsFailures } from './failures';

type Params<K extends keyof Ledger> = Ledger[K] extends (arg: infer A, ...rest: never[]) => unknown
  ? A
  : never;

export function ledgerActivities(deps: ActivityDeps) {
  const ledger = deps.ledger;
  return {
    grantCredit: (req: Params<'grantCredit'>) => refusalsAsFailures(() => ledger.grantCredit(req)),
    revokeGrant: (req: Params<'revokeGrant'>) => refusalsAsFailures(() => ledger.revokeGrant(req)),
    lotsExpiringWithin: (req: Params<'lotsExpiringWithin'>) =>
      refusalsAsFailures(() => ledger.lotsExpiringWithin(req)),
    lotsInExpiryWindow: (req: Params<'lotsInExpiryWindow'>) =>
      refusalsAsFailures(() => ledger.lotsInExpiryWindow(req)),
    expireDueLots: (req: Params<'expireDueLots'>) => refusalsAsFailures(() => ledger.expireDueLots(req)),
    walletOf: (req: { customerId: string; asOf: string }) =>
      refusalsAsFailures(() => ledger.wallet(req.customerId, req.asOf)),
  };
}
