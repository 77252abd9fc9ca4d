import type { Pool } from 'pg';
import { pageFromRows, type PageOf } from './creation-order-page';

export type AdjustmentAction = 'grant' | 'void' | 'clawback';
export type AdjustmentStatus = 'pending-approval' | 'approved' | 'executed' | 'rejected' | 'refused';

export interface ManualAdjustment {
  adjustmentId: string;
  customerId: string;
  action: AdjustmentAction;
  campaignId: string | null;
  lotId: string | null;
  amount: number;
  creditKind: 'cash' | 'threshold' | 'rebate' | 'percent' | 'shipping' | null;
  /** Percent coupons: the rate off in basis points. */
  percentBp: number | null;
  /** Percent and shipping coupons: the order (goods) they need; null: none. */
  minOrderAmount: number | null;
  validForDays: number | null;
  reason: string;
  status: AdjustmentStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  outcome: Record<string, unknown> | null;
}

type Row = {
  adjustment_id: string;
  customer_id: string;
  action: AdjustmentAction;
  campaign_id: string | null;
  lot_id: string | null;
  amount: string;
  credit_kind: ManualAdjustment['creditKind'];
  percent_bp: number | null;
  min_order_amount: string | null;
  valid_for_days: number | null;
  reason: string;
  status: AdjustmentStatus;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  outcome: Record<string, unknown> | null;
};

const toAdjustment = (r: Row): ManualAdjustment => ({
  adjustmentId: r.adjustment_id,
  customerId: r.customer_id,
  action: r.action,
  campaignId: r.campaign_id,
  lotId: r.lot_id,
  amount: Number(r.amount),
  creditKind: r.credit_kind,
  percentBp: r.percent_bp,
  minOrderAmount: r.min_order_amount === null ? null : Number(r.min_order_amount),
  validForDays: r.valid_for_days,
  reason: r.reason,
  status: r.status,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at.toISOString(),
  decidedBy: r.decided_by,
  decidedAt: r.decided_at?.toISOString() ?? null,
  decisionNote: r.decision_note,
  outcome: r.outcome,
});

/** The manual_adjustments table. */
export class ManualAdjustmentStore {
  constructor(private readonly pool: Pool) {}

  /** Records a request; an adjustment id already taken (a retried request) returns the existing row unchanged. */
  async create(
    a: Omit<ManualAdjustment, 'decidedBy' | 'decidedAt' | 'decisionNote' | 'outcome'>,
  ): Promise<{ adjustment: ManualAdjustment; created: boolean }> {
    const inserted = await this.pool.query<Row>(
      `INSERT INTO manual_adjustments (adjustment_id, customer_id, action, campaign_id, lot_id, amount, credit_kind,
         valid_for_days, reason, status, requested_by, requested_at, percent_bp, min_order_amount)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (adjustment_id) DO NOTHING RETURNING *`,
      [
        a.adjustmentId,
        a.customerId,
        a.action,
        a.campaignId,
        a.lotId,
        a.amount,
        a.creditKind,
        a.validForDays,
        a.reason,
        a.status,
        a.requestedBy,
        a.requestedAt,
        a.percentBp,
        a.minOrderAmount,
      ],
    );
    if (inserted.rows[0]) return { adjustment: toAdjustment(inserted.rows[0]), created: true };
    return { adjustment: (await this.get(a.adjustmentId))!, created: false };
  }

  async get(adjustmentId: string): Promise<ManualAdjustment | null> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM manual_adjustments WHERE adjustment_id = $1', [
      adjustmentId,
    ]);
    return rows[0] ? toAdjustment(rows[0]) : null;
  }

  /**
   * Adjustments newest first, a page at a time: `after` is the `next` of the previous page (an adjustment id), so
   * newer requests made meanwhile do not shift the pages already walked. Null when `after` names no adjustment.
   */
  async list(filter: {
    status?: AdjustmentStatus;
    customerId?: string;
    limit: number;
    after?: string;
  }): Promise<PageOf<ManualAdjustment> | null> {
    const { rows } = await this.pool.query<Row>(
      `WITH cursor AS (SELECT requested_at, adjustment_id FROM manual_adjustments WHERE adjustment_id = $4)
       SELECT a.* FROM manual_adjustments a
        WHERE ($1::text IS NULL OR a.status = $1) AND ($2::text IS NULL OR a.customer_id = $2)
          AND ($4::text IS NULL OR EXISTS (
                SELECT 1 FROM cursor c
                 WHERE a.requested_at < c.requested_at
                    OR (a.requested_at = c.requested_at AND a.adjustment_id > c.adjustment_id)))
        ORDER BY a.requested_at DESC, a.adjustment_id LIMIT $3`,
      [filter.status ?? null, filter.customerId ?? null, filter.limit + 1, filter.after ?? null],
    );
    if (rows.length === 0 && filter.after !== undefined && !(await this.get(filter.after))) return null;
    return pageFromRows(rows.map(toAdjustment), filter.limit, (a) => a.adjustmentId);
  }

  /** Moves a pending adjustment to `to` with who decided; false when it was not pending (decided meanwhile). */
  async decide(
    adjustmentId: string,
    to: 'approved' | 'rejected',
    decision: { by: string; at: string; note: string | null },
  ): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE manual_adjustments SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5
        WHERE adjustment_id = $1 AND status = 'pending-approval'`,
      [adjustmentId, to, decision.by, decision.at, decision.note],
    );
    return rowCount === 1;
  }

  /** Records what the ledger did (executed) or why it refused (refused). */
  async finish(
    adjustmentId: string,
    status: 'executed' | 'refused',
    outcome: Record<string, unknown>,
  ): Promise<ManualAdjustment> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE manual_adjustments SET status = $2, outcome = $3 WHERE adjustment_id = $1 RETURNING *`,
      [adjustmentId, status, JSON.stringify(outcome)],
    );
    return toAdjustment(rows[0]!);
  }
}
