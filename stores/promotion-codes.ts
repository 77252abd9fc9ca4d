import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { pageFromRows, type PageOf } from './creation-order-page';
import { inTransaction } from '../lib/transaction';

/** What one claim of a batch's code grants (the ledger's grant terms; amounts in minor units). */
export interface CodeReward {
  amount: number;
  creditKind: 'cash' | 'threshold' | 'rebate' | 'percent' | 'shipping' | 'gift';
  /** Percent coupons: the rate off in basis points. */
  percentBp?: number;
  /** Gift items: the SKU one unit of which the lot pays for. */
  giftSku?: string;
  scope: { type: 'all' } | { type: 'categories'; categories: string[] };
  stacking: 'stackable' | 'exclusive';
  minOrderAmount?: number;
  /** Days the granted lot stays usable after the claim; none: it never expires. */
  validForDays?: number;
}

export interface CodeBatch {
  batchId: string;
  campaignId: string;
  kind: 'unique' | 'shared';
  reward: CodeReward;
  expiresAt: string | null;
  totalLimit: number | null;
  perCustomerLimit: number;
  createdBy: string | null;
  createdAt: string;
}

export interface CodeBatchSummary extends CodeBatch {
  codes: number;
  claimed: number;
  voided: number;
}

export interface PromotionCode {
  code: string;
  batchId: string;
  customerId: string | null;
  status: 'active' | 'void';
  claims: number;
}

export interface CodeClaim {
  claimId: string;
  code: string;
  customerId: string;
  status: 'pending' | 'granted';
  lotId: string | null;
  claimedBy: string | null;
  claimedAt: string;
}

/** Why a claim could not take a slot, or the slot it took (or found pending from an interrupted claim). */
export type ClaimReservation =
  | { outcome: 'not-found' }
  | {
      outcome: 'void' | 'expired' | 'not-yours' | 'exhausted' | 'slots-pending' | 'in-progress';
      batch: CodeBatch;
    }
  | { outcome: 'limit-reached'; batch: CodeBatch; claims: CodeClaim[] }
  | { outcome: 'reserved' | 'resumed'; batch: CodeBatch; claim: CodeClaim };

type BatchRow = {
  batch_id: string;
  campaign_id: string;
  kind: 'unique' | 'shared';
  reward: CodeReward;
  expires_at: Date | null;
  total_limit: number | null;
  per_customer_limit: number;
  created_by: string | null;
  created_at: Date;
};
type ClaimRow = {
  claim_id: string;
  code: string;
  customer_id: string;
  status: 'pending' | 'granted';
  lot_id: string | null;
  claimed_by: string | null;
  claimed_at: Date;
};

const toBatch = (r: BatchRow): CodeBatch => ({
  batchId: r.batch_id,
  campaignId: r.campaign_id,
  kind: r.kind,
  reward: r.reward,
  expiresAt: r.expires_at?.toISOString() ?? null,
  totalLimit: r.total_limit,
  perCustomerLimit: r.per_customer_limit,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});
const toClaim = (r: ClaimRow): CodeClaim => ({
  claimId: r.claim_id,
  code: r.code,
  customerId: r.customer_id,
  status: r.status,
  lotId: r.lot_id,
  claimedBy: r.claimed_by,
  claimedAt: r.claimed_at.toISOString(),
});

/** Rows per INSERT of a bulk generation (arrays through unnest: one round trip per chunk). */
const INSERT_CHUNK = 10_000;

/** The promotion_code_* tables. */
export class PromotionCodeStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Creates a batch with its codes in one transaction. `codes` for codes that are taken already (a random collision,
   * or a shared code in use) come back in `taken`, and nothing is written: the caller draws again.
   */
  async createBatch(
    batch: Omit<CodeBatch, 'createdAt'>,
    codes: readonly { code: string; customerId: string | null }[],
  ): Promise<{ created: true; batch: CodeBatch } | { created: false; taken: string[] }> {
    return inTransaction(this.pool, async (db) => {
      const inserted = await db.query<BatchRow>(
        `INSERT INTO promotion_code_batches
           (batch_id, campaign_id, kind, reward, expires_at, total_limit, per_customer_limit, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          batch.batchId,
          batch.campaignId,
          batch.kind,
          JSON.stringify(batch.reward),
          batch.expiresAt,
          batch.totalLimit,
          batch.perCustomerLimit,
          batch.createdBy,
        ],
      );
      const taken: string[] = [];
      for (let at = 0; at < codes.length; at += INSERT_CHUNK) {
        const chunk = codes.slice(at, at + INSERT_CHUNK);
        const result = await db.query<{ code: string }>(
          `INSERT INTO promotion_codes (code, batch_id, customer_id)
           SELECT code, $1, customer_id FROM unnest($2::text[], $3::text[]) AS c (code, customer_id)
           ON CONFLICT (code) DO NOTHING RETURNING code`,
          [batch.batchId, chunk.map((c) => c.code), chunk.map((c) => c.customerId)],
        );
        if (result.rowCount !== chunk.length) {
          const written = new Set(result.rows.map((r) => r.code));
          taken.push(...chunk.filter((c) => !written.has(c.code)).map((c) => c.code));
        }
      }
      if (taken.length > 0) throw new CodesTaken(taken); // rolls the whole batch back
      return { created: true as const, batch: toBatch(inserted.rows[0]!) };
    }).catch((err: unknown) => {
      if (err instanceof CodesTaken) return { created: false as const, taken: err.codes };
      throw err;
    });
  }

  async batch(batchId: string): Promise<CodeBatchSummary | null> {
    const { rows } = await this.pool.query<BatchRow & { codes: string; claimed: string; voided: string }>(
      `SELECT b.*,
              (SELECT count(*) FROM promotion_codes c WHERE c.batch_id = b.batch_id) AS codes,
              (SELECT count(*) FROM promotion_code_claims k JOIN promotion_codes c ON c.code = k.code
                WHERE c.batch_id = b.batch_id AND k.status = 'granted') AS claimed,
              (SELECT count(*) FROM promotion_codes c WHERE c.batch_id = b.batch_id AND c.status = 'void') AS voided
         FROM promotion_code_batches b WHERE b.batch_id = $1`,
      [batchId],
    );
    const r = rows[0];
    return r
      ? { ...toBatch(r), codes: Number(r.codes), claimed: Number(r.claimed), voided: Number(r.voided) }
      : null;
  }

  /**
   * A batch's codes in code order, after `after` (keyset paging through an index: 100 000 codes stay cheap), and
   * the `after` of the next page; null when `after` is no code of this batch.
   */
  async codes(
    batchId: string,
    page: { after?: string; limit: number },
  ): Promise<PageOf<PromotionCode> | null> {
    if (page.after !== undefined) {
      const known = await this.pool.query('SELECT 1 FROM promotion_codes WHERE batch_id = $1 AND code = $2', [
        batchId,
        page.after,
      ]);
      if (known.rowCount === 0) return null;
    }
    const { rows } = await this.pool.query<{
      code: string;
      batch_id: string;
      customer_id: string | null;
      status: 'active' | 'void';
      claims: number;
    }>(
      `SELECT code, batch_id, customer_id, status, claims FROM promotion_codes
        WHERE batch_id = $1 AND code > $2 ORDER BY code LIMIT $3`,
      [batchId, page.after ?? '', page.limit + 1],
    );
    const codes = rows.map((r) => ({
      code: r.code,
      batchId: r.batch_id,
      customerId: r.customer_id,
      status: r.status,
      claims: r.claims,
    }));
    return pageFromRows(codes, page.limit, (c) => c.code);
  }

  async find(code: string): Promise<{ code: PromotionCode; batch: CodeBatch } | null> {
    const { rows } = await this.pool.query<
      BatchRow & { code: string; customer_id: string | null; status: 'active' | 'void'; claims: number }
    >(
      `SELECT c.code, c.customer_id, c.status, c.claims, b.*
         FROM promotion_codes c JOIN promotion_code_batches b USING (batch_id) WHERE c.code = $1`,
      [code],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      code: {
        code: r.code,
        batchId: r.batch_id,
        customerId: r.customer_id,
        status: r.status,
        claims: r.claims,
      },
      batch: toBatch(r),
    };
  }

  /**
   * Takes a claim slot for the customer under the code's row lock, so concurrent claims never pass a limit. A claim
   * of the same customer pending for longer than `staleAfterMs` was interrupted before its grant was recorded: it is
   * handed back to be finished. A younger one is still being granted by a concurrent request.
   */
  async reserveClaim(
    code: string,
    customerId: string,
    now: string,
    staleAfterMs: number,
    actor: string | null,
  ): Promise<ClaimReservation> {
    return inTransaction(this.pool, async (db) => {
      const found = await db.query<BatchRow & { customer_id: string | null; status: string; claims: number }>(
        `SELECT c.customer_id, c.status, c.claims, b.*
           FROM promotion_codes c JOIN promotion_code_batches b USING (batch_id)
          WHERE c.code = $1 FOR UPDATE OF c`,
        [code],
      );
      const row = found.rows[0];
      if (!row) return { outcome: 'not-found' };
      const batch = toBatch(row);
      const mine = await db.query<ClaimRow>(
        'SELECT * FROM promotion_code_claims WHERE code = $1 AND customer_id = $2 ORDER BY claimed_at, claim_id',
        [code, customerId],
      );
      const staleBefore = Date.parse(now) - staleAfterMs;
      const stale = mine.rows.find((c) => c.status === 'pending' && c.claimed_at.getTime() <= staleBefore);
      if (stale) return { outcome: 'resumed', batch, claim: toClaim(stale) };
      if (row.status === 'void') return { outcome: 'void', batch };
      if (batch.expiresAt !== null && batch.expiresAt <= now) return { outcome: 'expired', batch };
      if (row.customer_id !== null && row.customer_id !== customerId) return { outcome: 'not-yours', batch };
      if (mine.rows.length >= batch.perCustomerLimit) {
        if (mine.rows.some((c) => c.status === 'pending')) return { outcome: 'in-progress', batch };
        return { outcome: 'limit-reached', batch, claims: mine.rows.map(toClaim) };
      }
      const limit = batch.kind === 'unique' ? 1 : batch.totalLimit;
      if (limit !== null && row.claims >= limit) {
        // Slots held by claims still being granted may come back (a budget that cannot cover one gives it back):
        // "no claims left" is only true once none is pending.
        // Not one abandoned by a crash (stale): only its own customer's retry resumes that one.
        const pending = await db.query(
          `SELECT 1 FROM promotion_code_claims
            WHERE code = $1 AND status = 'pending' AND claimed_at > $2::timestamptz LIMIT 1`,
          [code, new Date(staleBefore).toISOString()],
        );
        return { outcome: pending.rowCount ? 'slots-pending' : 'exhausted', batch };
      }
      // Random, not numbered: a slot given back must not hand its id (the ledger key) to a later claim.
      const claimId = `${code}.${customerId}.${randomBytes(6).toString('hex')}`;
      const claim = await db.query<ClaimRow>(
        `INSERT INTO promotion_code_claims (claim_id, code, customer_id, status, claimed_by, claimed_at)
         VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING *`,
        [claimId, code, customerId, actor, now],
      );
      await db.query('UPDATE promotion_codes SET claims = claims + 1 WHERE code = $1', [code]);
      return { outcome: 'reserved', batch, claim: toClaim(claim.rows[0]!) };
    });
  }

  /** The customer's first granted claim of the code with its batch, if any (one read, for checkout). */
  async grantedClaim(
    code: string,
    customerId: string,
  ): Promise<{ claim: CodeClaim; lotId: string; batch: CodeBatch } | null> {
    const { rows } = await this.pool.query<
      BatchRow & {
        claim_id: string;
        code: string;
        customer_id: string;
        lot_id: string;
        claimed_by: string | null;
        claimed_at: Date;
      }
    >(
      `SELECT k.claim_id, k.code, k.customer_id, k.lot_id, k.claimed_by, k.claimed_at, b.*
         FROM promotion_code_claims k
         JOIN promotion_codes c ON c.code = k.code
         JOIN promotion_code_batches b ON b.batch_id = c.batch_id
        WHERE k.code = $1 AND k.customer_id = $2 AND k.status = 'granted'
        ORDER BY k.claimed_at, k.claim_id LIMIT 1`,
      [code, customerId],
    );
    const r = rows[0];
    if (!r) return null;
    const claim = toClaim({ ...r, status: 'granted' });
    return { claim, lotId: r.lot_id, batch: toBatch(r) };
  }

  /** Records the lot of a granted claim; null if the claim row is gone. */
  async markGranted(claimId: string, lotId: string): Promise<CodeClaim | null> {
    const { rows } = await this.pool.query<ClaimRow>(
      `UPDATE promotion_code_claims SET status = 'granted', lot_id = $2 WHERE claim_id = $1 RETURNING *`,
      [claimId, lotId],
    );
    return rows[0] ? toClaim(rows[0]) : null;
  }

  /** Gives a pending claim's slot back (its grant was refused for good). */
  async releaseClaim(claimId: string): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      const deleted = await db.query<{ code: string }>(
        `DELETE FROM promotion_code_claims WHERE claim_id = $1 AND status = 'pending' RETURNING code`,
        [claimId],
      );
      const code = deleted.rows[0]?.code;
      if (code) await db.query('UPDATE promotion_codes SET claims = claims - 1 WHERE code = $1', [code]);
    });
  }

  /** Voids an active code; false when it was void already. */
  async voidCode(code: string, now: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE promotion_codes SET status = 'void', voided_at = $2 WHERE code = $1 AND status = 'active'`,
      [code, now],
    );
    return rowCount === 1;
  }

  /** Issued and claimed codes of a campaign, for its KPIs. */
  async campaignCounts(campaignId: string): Promise<{ issued: number; claimed: number }> {
    const { rows } = await this.pool.query<{ issued: string; claimed: string }>(
      `SELECT (SELECT count(*) FROM promotion_codes c JOIN promotion_code_batches b USING (batch_id)
                WHERE b.campaign_id = $1) AS issued,
              (SELECT count(*) FROM promotion_code_claims k JOIN promotion_codes c ON c.code = k.code
                 JOIN promotion_code_batches b USING (batch_id)
                WHERE b.campaign_id = $1 AND k.status = 'granted') AS claimed`,
      [campaignId],
    );
    return { issued: Number(rows[0]!.issued), claimed: Number(rows[0]!.claimed) };
  }
}

/** Thrown inside the batch transaction to roll it back when some codes already exist. */
class CodesTaken extends Error {
  constructor(readonly codes: string[]) {
    super(`${codes.length} codes already exist`);
  }
}
