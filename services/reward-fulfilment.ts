import type { Pool } from 'pg';
import type { MailSettings } from '../email/mail-settings';
import type { Ledger } from '../ledger';
import { getRedemption } from '../stores/loyalty-catalog';
import type { PersonalDataProtection } from '../stores/personal-data';
import {
  createFulfilment,
  customerFulfilments,
  finishCancellation,
  fulfilmentOfTask,
  getFulfilment,
  moveFulfilment,
  setFulfilmentTask,
  type DeliveryAddress,
  type Fulfilment,
  type FulfilmentStatus,
} from '../stores/reward-fulfilments';
import { closeSupportTask, createSupportTask, type SupportTaskRequest } from '../stores/support';
import { openSupportTask } from '../support-desk/open-task';
import { ServiceError } from './errors';

export type { DeliveryAddress, Fulfilment };

export type FulfilmentRequest =
  { mode: 'delivery'; address: DeliveryAddress } | { mode: 'pickup'; storeId: string };

/** The statuses an operator (or the closing of the fulfilment task) may move a fulfilment to. */
export type FulfilmentStep = 'shipped' | 'ready' | 'delivered' | 'picked-up' | 'cancelled';

/** Where each step may come from: delivery requested → shipped → delivered, pickup requested → ready → picked-up. */
const FROM: Record<
  Exclude<FulfilmentStep, 'cancelled'>,
  { mode: Fulfilment['mode']; from: FulfilmentStatus }
> = {
  shipped: { mode: 'delivery', from: 'requested' },
  delivered: { mode: 'delivery', from: 'shipped' },
  ready: { mode: 'pickup', from: 'requested' },
  'picked-up': { mode: 'pickup', from: 'ready' },
};

/** Cancellable until the customer has the item; 'cancelling' resumes a cancellation that was interrupted. */
const CANCELLABLE: readonly FulfilmentStatus[] = ['requested', 'shipped', 'ready', 'cancelling'];

/** Returned points stay valid this long (a cancelled reward's points are a fresh earn for the customer). */
const RETURNED_POINTS_VALIDITY_MS = 365 * 86_400_000;

export interface RewardFulfilmentDeps {
  pool: Pool;
  pii: PersonalDataProtection;
  ledger: Ledger;
  /** Announces the fulfilment task to the support inbox; without it the task is created unannounced. */
  mail?: MailSettings;
}

/**
 * 赠品履约: a reward redeemed for points is delivered to an address or picked up at a store. Its fulfilment has a
 * status and a 'reward-fulfilment' support task; closing that task 'done' ships it (delivery) or makes it ready
 * (pickup), closing it 'cancelled' cancels it. Cancelling gives the points back (ledger, from points:redeemed, once)
 * and puts the item back into stock. The delivery address is stored sealed only.
 */
export class RewardFulfilmentService {
  constructor(private readonly deps: RewardFulfilmentDeps) {}

  /** Records the fulfilment of a completed redemption and opens its task; a replay returns the first. */
  async open(
    redemption: { redemptionKey: string; customerId: string; rewardId: string; rewardTitle: string },
    req: FulfilmentRequest,
  ): Promise<Fulfilment> {
    const fulfilment = await createFulfilment(this.deps.pool, this.deps.pii, {
      redemptionKey: redemption.redemptionKey,
      customerId: redemption.customerId,
      rewardId: redemption.rewardId,
      mode: req.mode,
      ...(req.mode === 'pickup' ? { storeId: req.storeId } : { address: req.address }),
    });
    if (fulfilment.taskId !== null) return fulfilment;
    const task: SupportTaskRequest = {
      idempotencyKey: `reward-fulfilment/${redemption.redemptionKey}`,
      customerId: redemption.customerId,
      kind: 'reward-fulfilment',
      title:
        req.mode === 'delivery'
          ? `Ship reward ${redemption.rewardTitle} (${redemption.rewardId}) to ${redemption.customerId}`
          : `Prepare reward ${redemption.rewardTitle} (${redemption.rewardId}) for pickup at store ${req.storeId}`,
      // No address here: support reads it (opened) from GET /v1/loyalty/fulfilments/{redemptionId}.
      detail: {
        redemptionId: redemption.redemptionKey,
        rewardId: redemption.rewardId,
        mode: req.mode,
        ...(req.mode === 'pickup' ? { storeId: req.storeId } : {}),
      },
    };
    const { taskId } = this.deps.mail
      ? await openSupportTask(this.deps.pool, this.deps.mail, task)
      : await createSupportTask(this.deps.pool, task);
    await setFulfilmentTask(this.deps.pool, redemption.redemptionKey, taskId);
    return { ...fulfilment, taskId };
  }

  async get(redemptionKey: string): Promise<Fulfilment> {
    const f = await getFulfilment(this.deps.pool, this.deps.pii, redemptionKey);
    if (!f)
      throw new ServiceError('not-found', 'FULFILMENT_NOT_FOUND', `No fulfilment for ${redemptionKey}.`);
    return f;
  }

  /** The customer's reward fulfilments, newest first (at most 100). */
  ofCustomer(customerId: string): Promise<Fulfilment[]> {
    return customerFulfilments(this.deps.pool, this.deps.pii, customerId, 100);
  }

  /** Moves a fulfilment one step; 409 fulfilment-status when the step does not follow from where it is. */
  async advance(redemptionKey: string, to: FulfilmentStep, asOf: Date = new Date()): Promise<Fulfilment> {
    const f = await this.get(redemptionKey);
    if (to === 'cancelled') return this.cancel(f, asOf);
    const rule = FROM[to];
    if (f.status === to) return f; // a retried step
    if (rule.mode !== f.mode || !(await moveFulfilment(this.deps.pool, redemptionKey, [rule.from], to))) {
      throw new ServiceError(
        'conflict',
        'FULFILMENT_STATUS',
        `A ${f.mode} fulfilment in status ${f.status} cannot become ${to}.`,
      );
    }
    await this.closeTask(f, 'done');
    return this.get(redemptionKey);
  }

  /** Shipped, ready or cancelled by a status call: the fulfilment task has nothing left to do (no-op if closed). */
  private async closeTask(f: Fulfilment, status: 'done' | 'cancelled'): Promise<void> {
    if (f.taskId === null) return;
    await closeSupportTask(this.deps.pool, f.taskId, {
      status,
      by: 'reward-fulfilment',
      note: `fulfilment ${status === 'done' ? 'moved on' : 'cancelled'}`,
      at: new Date().toISOString(),
    });
  }

  /**
   * What closing a support task means for the fulfilment it belongs to (none: nothing): done ships a requested
   * delivery or makes a requested pickup ready; cancelled cancels it while it is cancellable. A fulfilment already
   * further along (moved by a status call) is left as it is: the task only records the work.
   */
  async taskClosed(taskId: number, status: 'done' | 'cancelled'): Promise<void> {
    const f = await fulfilmentOfTask(this.deps.pool, this.deps.pii, taskId);
    if (!f) return;
    if (status === 'cancelled') {
      if (CANCELLABLE.includes(f.status)) await this.cancel(f, new Date());
    } else if (f.status === 'requested') {
      await this.advance(f.redemptionKey, f.mode === 'delivery' ? 'shipped' : 'ready');
    }
  }

  private async cancel(f: Fulfilment, asOf: Date): Promise<Fulfilment> {
    if (f.status === 'cancelled') return f;
    if (!(await moveFulfilment(this.deps.pool, f.redemptionKey, CANCELLABLE, 'cancelling'))) {
      throw new ServiceError(
        'conflict',
        'FULFILMENT_STATUS',
        `A fulfilment in status ${f.status} cannot be cancelled (the customer has the item).`,
      );
    }
    const redemption = await getRedemption(this.deps.pool, f.redemptionKey);
    if (!redemption) throw new Error(`fulfilment ${f.redemptionKey} has no redemption`);
    const returned = await this.deps.ledger.returnRedeemedPoints({
      idempotencyKey: `reward-cancel:${f.redemptionKey}`,
      customerId: f.customerId,
      points: redemption.points,
      asOf: asOf.toISOString(),
      expiresAt: new Date(asOf.getTime() + RETURNED_POINTS_VALIDITY_MS).toISOString(),
      reason: `reward ${f.rewardId} cancelled`,
    });
    await finishCancellation(this.deps.pool, f.redemptionKey, returned.transactionId);
    await this.closeTask(f, 'cancelled');
    return this.get(f.redemptionKey);
  }
}
