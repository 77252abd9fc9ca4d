import type { Pool } from 'pg';
import type { Ledger } from '../../ledger';
import { CampaignAssignmentStore, CampaignStore } from '../../stores/campaigns';
import { recordJourneyEvent } from '../../stores/journey-events';
import { journeyWorkflowId } from '../../workflows/shared/definitions';

export const T0 = '2025-03-01T10:00:00.000Z';
export const day = (n: number, hour = 10) =>
  new Date(Date.parse(T0) + n * 86_400_000 + (hour - 10) * 3_600_000).toISOString();

/**
 * A campaign with two A/B variants and known money movements, written straight through the ledger (grants,
 * redemptions pinned to lots, one refund) and the journey-event and assignment stores:
 *
 *   control: c1 5000 (day 0), c2 5000 (day 0), c3 5000 (day 2), c6 reached but never granted
 *   bigger:  c4 8000 (day 0), c5 8000 (day 1)
 *   o1 c1 20000 day 1: 5000 of this campaign + 1000 of another one
 *   o2 c2 3000 day 3: 3000          o3 c4 10000 day 1: 8000, refunded day 2          o4 c5 4000 day 2: 4000
 */
export async function seedKpiScenario(pool: Pool, ledger: Ledger, tag: string) {
  const campaignId = `kpi-${tag}`;
  const otherId = `kpi-other-${tag}`;
  const c = (n: number) => `${tag}-c${n}`;
  const campaigns = new CampaignStore(pool);
  const assignments = new CampaignAssignmentStore(pool);
  await campaigns.create({
    campaignId,
    name: 'KPI scenario',
    journeyType: 'trial-credit',
    config: { amount: 5000 },
    budget: 1_000_000,
    variants: [
      { name: 'control', weight: 1, config: {}, effectiveConfig: { amount: 5000 } },
      { name: 'bigger', weight: 1, config: { amount: 8000 }, effectiveConfig: { amount: 8000 } },
    ],
    createdBy: null,
  });
  await campaigns.create({
    campaignId: otherId,
    name: 'other',
    journeyType: 'trial-credit',
    config: {},
    budget: 1_000_000,
    createdBy: null,
  });
  await ledger.fundProgram({ idempotencyKey: `kpi-fund/${tag}`, amount: 2_000_000, asOf: day(-1) });
  for (const id of [campaignId, otherId]) {
    await ledger.openCampaignBudget({
      idempotencyKey: `kpi-open/${id}`,
      campaignId: id,
      amount: 1_000_000,
      asOf: day(-1),
    });
  }
  const variantOf: Record<number, string> = { 1: 'control', 2: 'control', 3: 'control', 6: 'control' };
  variantOf[4] = 'bigger';
  variantOf[5] = 'bigger';
  for (const [n, variant] of Object.entries(variantOf)) {
    await assignments.recordAssignment({ campaignId, customerId: c(Number(n)), variant });
    await recordJourneyEvent(pool, {
      workflowId: journeyWorkflowId(campaignId, c(Number(n))),
      step: 'started',
      kind: 'journey',
      customerId: c(Number(n)),
      campaignId,
      detail: { journeyType: 'trial-credit' },
      occurredAt: day(0),
    });
  }
  // A campaign-level run (sweep) is not a customer journey.
  await recordJourneyEvent(pool, {
    workflowId: journeyWorkflowId(campaignId, '_campaign'),
    step: 'sweep',
    kind: 'sweep',
    customerId: '_campaign',
    campaignId,
    occurredAt: day(0),
  });

  const grant = async (cid: string, customer: string, amount: number, at: string) =>
    (
      await ledger.grantCredit({
        idempotencyKey: `kpi-grant/${cid}/${customer}`,
        campaignId: cid,
        customerId: customer,
        amount,
        kind: 'cash',
        scope: { type: 'all' },
        stacking: 'stackable',
        expiresAt: day(60),
        asOf: at,
        source: { journeyId: journeyWorkflowId(cid, customer), reason: 'kpi scenario' },
      })
    ).lotId;
  const lot1 = await grant(campaignId, c(1), 5000, day(0));
  const lot2 = await grant(campaignId, c(2), 5000, day(0));
  await grant(campaignId, c(3), 5000, day(2));
  const lot4 = await grant(campaignId, c(4), 8000, day(0));
  const lot5 = await grant(campaignId, c(5), 8000, day(1));
  const other1 = await grant(otherId, c(1), 1000, day(0));

  const redeem = async (customer: string, orderId: string, amount: number, lotIds: string[], at: string) =>
    ledger.redeem({
      idempotencyKey: `kpi-redeem/${tag}/${orderId}`,
      customerId: customer,
      order: { orderId: `${tag}-${orderId}`, amount, categories: ['general'] },
      lotIds,
      asOf: at,
    });
  const o1 = await redeem(c(1), 'o1', 20_000, [lot1, other1], day(1));
  const o2 = await redeem(c(2), 'o2', 3000, [lot2], day(3));
  const o3 = await redeem(c(4), 'o3', 10_000, [lot4], day(1));
  const o4 = await redeem(c(5), 'o4', 4000, [lot5], day(2));
  await ledger.reverseRedemption({
    idempotencyKey: `kpi-refund/${tag}/o3`,
    orderId: `${tag}-o3`,
    asOf: day(2),
    reason: 'order refunded',
  });
  return { campaignId, otherId, customer: c, redemptions: { o1, o2, o3, o4 } };
}

/** Inserts referral rows as the referral journey leaves them. */
export async function insertReferral(
  pool: Pool,
  r: { refereeId: string; referrerId: string; campaignId: string; status: string; paidAt?: string | null },
): Promise<void> {
  await pool.query(
    `INSERT INTO referrals (referee_id, referrer_id, campaign_id, status, created_at, paid_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [r.refereeId, r.referrerId, r.campaignId, r.status, r.paidAt ?? T0, r.paidAt ?? null],
  );
}
