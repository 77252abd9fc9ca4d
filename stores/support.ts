import type { Pool } from 'pg';
import { pageFromRows, type PageOf } from './creation-order-page';
import { inTransaction } from '../lib/transaction';

export interface SupportTaskRequest {
  idempotencyKey: string;
  customerId: string;
  kind:
    | 'callback'
    | 'referral-review'
    | 'approval-escalation'
    | 'gift-fulfilment'
    | 'compensation-approval'
    | 'points-dispute'
    | 'low-stock'
    /** A reward redeemed for points to ship or prepare for pickup (services/reward-fulfilment.ts). */
    | 'reward-fulfilment'
    /** A journey step failed for good (workflows/shared/permanent-failure.ts): ops fix the cause, then reset. */
    | 'journey-failed'
    /** A flow journey's approval step: closed done approves, closed cancelled declines (its journey waits). */
    | 'flow-approval';
  title: string;
  detail?: Record<string, unknown>;
  dueAt?: string;
}

/** A task where support works (the support_tasks table); the same key creates it once. */
export async function createSupportTask(
  pool: Pool,
  req: SupportTaskRequest,
): Promise<{ taskId: number; created: boolean }> {
  const inserted = await pool.query<{ task_id: string }>(
    `INSERT INTO support_tasks (idempotency_key, customer_id, kind, title, detail, due_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING task_id`,
    [
      req.idempotencyKey,
      req.customerId,
      req.kind,
      req.title,
      JSON.stringify(req.detail ?? {}),
      req.dueAt ?? null,
    ],
  );
  if (inserted.rows[0]) return { taskId: Number(inserted.rows[0].task_id), created: true };
  const existing = await pool.query<{ task_id: string }>(
    'SELECT task_id FROM support_tasks WHERE idempotency_key = $1',
    [req.idempotencyKey],
  );
  return { taskId: Number(existing.rows[0]!.task_id), created: false };
}

export interface QuotaRequest {
  requestKey: string;
  agentId: string;
  customerId: string;
  amount: number;
  /** Business time of the request: the quota day and month are taken from it (UTC). */
  asOf: string;
  dailyLimit: number;
  monthlyLimit: number;
}

export type QuotaDecision =
  | { ok: true; usedToday: number; usedThisMonth: number }
  | {
      ok: false;
      reason: 'DAILY_QUOTA_EXCEEDED' | 'MONTHLY_QUOTA_EXCEEDED';
      usedToday: number;
      usedThisMonth: number;
    };

/**
 * Reserves compensation quota for one request. The agent row is locked for the check-and-insert, so concurrent
 * requests of one agent are serialised and a quota can never be overrun. Idempotent per requestKey.
 */
export async function reserveCompensationQuota(pool: Pool, req: QuotaRequest): Promise<QuotaDecision> {
  return inTransaction(pool, async (client) => {
    await client.query('INSERT INTO support_agents (agent_id) VALUES ($1) ON CONFLICT DO NOTHING', [
      req.agentId,
    ]);
    await client.query('SELECT agent_id FROM support_agents WHERE agent_id = $1 FOR UPDATE', [req.agentId]);
    const day = req.asOf.slice(0, 10);
    const month = `${req.asOf.slice(0, 7)}-01`;
    const usage = await client.query<{ today: string; month: string; mine: string }>(
      `SELECT COALESCE(SUM(amount) FILTER (WHERE usage_day = $2::date), 0) AS today,
              COALESCE(SUM(amount), 0) AS month,
              COUNT(*) FILTER (WHERE request_key = $4) AS mine
       FROM compensation_quota_usage
       WHERE agent_id = $1 AND usage_month = $3::date AND status = 'reserved'`,
      [req.agentId, day, month, req.requestKey],
    );
    const usedToday = Number(usage.rows[0]!.today);
    const usedThisMonth = Number(usage.rows[0]!.month);
    if (Number(usage.rows[0]!.mine) > 0) return { ok: true, usedToday, usedThisMonth };
    let refusal: 'DAILY_QUOTA_EXCEEDED' | 'MONTHLY_QUOTA_EXCEEDED' | undefined;
    if (usedToday + req.amount > req.dailyLimit) refusal = 'DAILY_QUOTA_EXCEEDED';
    else if (usedThisMonth + req.amount > req.monthlyLimit) refusal = 'MONTHLY_QUOTA_EXCEEDED';
    if (refusal) return { ok: false, reason: refusal, usedToday, usedThisMonth };
    await client.query(
      `INSERT INTO compensation_quota_usage (request_key, agent_id, customer_id, amount, usage_day, usage_month, status)
       VALUES ($1, $2, $3, $4, $5::date, $6::date, 'reserved')`,
      [req.requestKey, req.agentId, req.customerId, req.amount, day, month],
    );
    return { ok: true, usedToday: usedToday + req.amount, usedThisMonth: usedThisMonth + req.amount };
  });
}

/** Gives quota back when a manager rejects (or does not answer in time). Idempotent. */
export async function releaseCompensationQuota(
  pool: Pool,
  requestKey: string,
): Promise<{ released: boolean }> {
  const res = await pool.query(
    `UPDATE compensation_quota_usage SET status = 'released' WHERE request_key = $1 AND status = 'reserved'`,
    [requestKey],
  );
  return { released: res.rowCount === 1 };
}

/**
 * What an agent has used of the compensation quota on the day and in the month of `asOf` (UTC), counted as
 * reserveCompensationQuota counts it (released reservations given back). A read, not a reservation: it may be stale
 * by the time the agent submits, and the reservation's own check under the agent's lock is what holds.
 */
export async function compensationQuotaUsage(
  pool: Pool,
  agentId: string,
  asOf: string,
): Promise<{ usedToday: number; usedThisMonth: number }> {
  const res = await pool.query<{ today: string; month: string }>(
    `SELECT COALESCE(SUM(amount) FILTER (WHERE usage_day = $2::date), 0) AS today,
            COALESCE(SUM(amount), 0) AS month
       FROM compensation_quota_usage
      WHERE agent_id = $1 AND usage_month = $3::date AND status = 'reserved'`,
    [agentId, asOf.slice(0, 10), `${asOf.slice(0, 7)}-01`],
  );
  return { usedToday: Number(res.rows[0]!.today), usedThisMonth: Number(res.rows[0]!.month) };
}

export interface SupportTask {
  taskId: number;
  customerId: string;
  kind: string;
  title: string;
  detail: Record<string, unknown>;
  status: 'open' | 'done' | 'cancelled';
  /** The agent (an API key id or a name) the task is assigned to, if any. */
  assignee: string | null;
  dueAt: string | null;
  createdAt: string;
  closedBy: string | null;
  closedAt: string | null;
}

type TaskRow = {
  task_id: string;
  customer_id: string;
  kind: string;
  title: string;
  detail: Record<string, unknown>;
  status: 'open' | 'done' | 'cancelled';
  assignee: string | null;
  due_at: Date | null;
  created_at: Date;
  closed_by: string | null;
  closed_at: Date | null;
};

const toTask = (r: TaskRow): SupportTask => ({
  taskId: Number(r.task_id),
  customerId: r.customer_id,
  kind: r.kind,
  title: r.title,
  detail: r.detail,
  status: r.status,
  assignee: r.assignee,
  dueAt: r.due_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  closedBy: r.closed_by,
  closedAt: r.closed_at?.toISOString() ?? null,
});

export async function getSupportTask(pool: Pool, taskId: number): Promise<SupportTask | null> {
  const res = await pool.query<TaskRow>('SELECT * FROM support_tasks WHERE task_id = $1', [taskId]);
  return res.rows[0] ? toTask(res.rows[0]) : null;
}

/**
 * Tasks newest first, a page at a time: `before` is the `next` of the previous page (a task id; newer tasks created
 * meanwhile do not shift the pages already walked).
 */
export async function listSupportTasks(
  pool: Pool,
  filter: { status?: string; kind?: string; assignee?: string; limit: number; before?: number },
): Promise<PageOf<SupportTask, number>> {
  const res = await pool.query<TaskRow>(
    `SELECT * FROM support_tasks WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)
       AND ($4::text IS NULL OR assignee = $4) AND ($5::bigint IS NULL OR task_id < $5)
     ORDER BY task_id DESC LIMIT $3`,
    [
      filter.status ?? null,
      filter.kind ?? null,
      filter.limit + 1,
      filter.assignee ?? null,
      filter.before ?? null,
    ],
  );
  return pageFromRows(res.rows.map(toTask), filter.limit, (task) => task.taskId);
}

/** Closes an open task with the decision taken on it. */
export async function resolveSupportTask(
  pool: Pool,
  taskId: number,
  resolution: Record<string, unknown>,
): Promise<boolean> {
  const res = await pool.query(
    `UPDATE support_tasks SET status = 'done', detail = detail || jsonb_build_object('resolution', $2::jsonb)
     WHERE task_id = $1 AND status = 'open'`,
    [taskId, JSON.stringify(resolution)],
  );
  return res.rowCount === 1;
}

/** Undoes `resolveSupportTask` when the decision could not be delivered. */
export async function reopenSupportTask(pool: Pool, taskId: number): Promise<void> {
  await pool.query(
    `UPDATE support_tasks SET status = 'open', detail = detail - 'resolution' WHERE task_id = $1 AND status = 'done'`,
    [taskId],
  );
}

/** Marks a task that can no longer be acted on (its journey ended) as cancelled. */
export async function cancelSupportTask(pool: Pool, taskId: number): Promise<void> {
  await pool.query(`UPDATE support_tasks SET status = 'cancelled' WHERE task_id = $1`, [taskId]);
}

/** Closes an open task by hand (done or cancelled) with who closed it and an optional note; false if not open. */
export async function closeSupportTask(
  pool: Pool,
  taskId: number,
  close: { status: 'done' | 'cancelled'; by: string; note?: string; at: string },
): Promise<boolean> {
  const res = await pool.query(
    `UPDATE support_tasks
        SET status = $2, closed_by = $3, closed_at = $4,
            detail = CASE WHEN $5::text IS NULL THEN detail ELSE detail || jsonb_build_object('closingNote', $5::text) END
      WHERE task_id = $1 AND status = 'open'`,
    [taskId, close.status, close.by, close.at, close.note ?? null],
  );
  return res.rowCount === 1;
}

/** Assigns an open task to an agent (or clears it with null); false if not open. */
export async function assignSupportTask(
  pool: Pool,
  taskId: number,
  assignee: string | null,
): Promise<boolean> {
  const res = await pool.query(
    `UPDATE support_tasks SET assignee = $2 WHERE task_id = $1 AND status = 'open'`,
    [taskId, assignee],
  );
  return res.rowCount === 1;
}
