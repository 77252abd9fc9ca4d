import { ApplicationFailure } from '@temporalio/activity';
import type { Ledger } from '../ledger';
import { isLedgerError } from '../ledger/errors';
import { ExclusivityStore } from '../stores/exclusivity';
import { EXCLUDED_FAILURE_TYPE } from '../contracts/exclusivity';
import type { ActivityDeps } from './deps';
import { refusalsAsFailures } from './failures';
import { journaled } from './journaled';

type Params<K extends keyof Ledger> = Ledger[K] extends (arg: infer A, ...rest: never[]) => unknown
  ? A
  : never;

export function ledgerActivities(deps: Pick<ActivityDeps, 'pool' | 'ledger'>) {
  const ledger = deps.ledger;
  const exclusivity = new ExclusivityStore(deps.pool);
  return {
    /**
     * A journey's grant, paid only if the campaign may pay this customer: a campaign in an exclusivity group takes the
     * customer's claim in it first (stores/exclusivity.ts); excluded is a non-retryable failure of its own type, which
     * journeys end on as a refusal. A claim taken here is given back if the ledger then refuses the grant.
     */
    grantCredit: journaled(deps, (req: Params<'grantCredit'>) =>
      refusalsAsFailures(async () => {
        const claim = await exclusivity.claim(req.campaignId, req.customerId);
        if (claim.decision === 'excluded') {
          throw ApplicationFailure.create({
            message: `Campaign ${claim.by} already pays customer ${req.customerId} in exclusivity group ${claim.group}.`,
            type: EXCLUDED_FAILURE_TYPE,
            nonRetryable: true,
            details: [{ group: claim.group, by: claim.by }],
          });
        }
        try {
          return await ledger.grantCredit(req);
        } catch (err) {
          if (claim.decision === 'held' && claim.taken && isLedgerError(err)) {
            await exclusivity.release(claim.group, req.customerId, req.campaignId);
          }
          throw err;
        }
      }),
    ),
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
