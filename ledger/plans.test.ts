import type { PoolClient } from 'pg';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../test/support/database';
import { Ledger } from './ledger';
import {
  T0,
  at,
  fundedCampaign,
  grantRequest,
  ignoreDropTermination,
  uniqueKey,
} from '../test/support/ledger';

/**
 * Every write's cost must not depend on the size of the ledger. Postgres caches a statement's plan per session
 * (trigger bodies included) and keeps it while the tables grow, so a plan made on a small table can scan every row
 * of a large one for as long as the connection lives. This test plans each write on a young, freshly analysed ledger
 * (the statistics that favour whole-table plans most), grows the ledger through other connections, and then reads
 * the plans the same session executes (auto_explain, nested statements included): every access to a ledger table
 * must be an index lookup by key — no sequential scan, no index scan without an index condition.
 */
const LEDGER_TABLES = [
  'ledger_accounts',
  'ledger_lots',
  'ledger_transactions',
  'ledger_postings',
  'ledger_idempotency',
  'ledger_redemptions',
  'ledger_redemption_refunds',
  'ledger_point_lots',
  'ledger_points_daily',
];

describe('ledger: plans stay index probes as the ledger grows', () => {
  let db: TestDatabase;
  let probePool: Pool;
  let probe: Ledger;
  const plans: PlanNode[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(8);
    ignoreDropTermination(db.pool);
    // One long-lived session, as in a production pool: its cached plans are the ones under test.
    probePool = new Pool({ connectionString: db.url, max: 1 });
    ignoreDropTermination(probePool);
    probePool.on('connect', (client: PoolClient) => {
      client.on('notice', (n) => {
        const text = String(n.message);
        const json = text.slice(text.indexOf('{'));
        if (json.startsWith('{')) {
          const parsed = JSON.parse(json) as { 'Query Text': string; Plan: PlanNode };
          plans.push({ ...parsed.Plan, query: parsed['Query Text'].replace(/\s+/g, ' ').slice(0, 90) });
        }
      });
      void client.query(
        `LOAD 'auto_explain';
         SET auto_explain.log_min_duration = 0;
         SET auto_explain.log_nested_statements = on;
         SET auto_explain.log_format = json;
         SET auto_explain.log_level = notice;`,
      );
    });
    // One budget slot: the young ledger has a handful of accounts, as on a fresh install.
    probe = new Ledger(probePool, { budgetSlots: 1 });
  });
  afterAll(async () => {
    await probePool?.end();
    await db?.drop();
  });

  async function everyWrite(ledger: Ledger, customerId: string, round: number): Promise<void> {
    const grant = await ledger.grantCredit(grantRequest({ campaignId: 'plans', customerId }));
    await ledger.grantCredit(grantRequest({ campaignId: 'plans', customerId, amount: 300 }));
    const redemption = await ledger.redeem({
      idempotencyKey: uniqueKey(),
      customerId,
      order: { orderId: uniqueKey('order'), amount: 500, categories: ['books'] },
      asOf: at(1),
    });
    await ledger.reverseRedemption({
      idempotencyKey: uniqueKey(),
      redemptionId: redemption.redemptionId,
      asOf: at(2),
    });
    await ledger.revokeGrant({
      idempotencyKey: uniqueKey(),
      lotId: grant.lotId,
      asOf: at(2),
      reason: 'fraud',
    });
    const orderId = uniqueKey('order');
    await ledger.redeem({
      idempotencyKey: uniqueKey(),
      customerId,
      order: { orderId, amount: 200, categories: ['books'] },
      asOf: at(3),
    });
    await ledger.reverseRedemption({ idempotencyKey: uniqueKey(), orderId, asOf: at(4) });
    // A percent coupon (its unused cap released to the budget), refunded in two parts (the last reserves it again).
    await ledger.grantCredit(
      grantRequest({ campaignId: 'plans', customerId, kind: 'percent', percentBp: 1_000, amount: 400 }),
    );
    const couponOrder = uniqueKey('order');
    await ledger.redeem({
      idempotencyKey: uniqueKey(),
      customerId,
      order: { orderId: couponOrder, amount: 1_000, categories: ['books'], shippingAmount: 100 },
      asOf: at(5),
    });
    await ledger.reverseRedemption({
      idempotencyKey: uniqueKey(),
      orderId: couponOrder,
      refundedAmount: 300,
      asOf: at(6),
    });
    await ledger.reverseRedemption({ idempotencyKey: uniqueKey(), orderId: couponOrder, asOf: at(6) });
    await ledger.earnPoints({
      transactionId: `plans-${customerId}-${round}`,
      customerId,
      points: 100,
      asOf: T0,
      reason: 'order',
      expiresAt: at(365),
    });
    await ledger.redeemPoints({
      idempotencyKey: uniqueKey(),
      customerId,
      points: 10,
      asOf: at(1),
      reason: 'mug',
    });
  }

  it('no write reads a whole ledger table, however large the ledger has grown since the plan was made', async () => {
    await fundedCampaign(new Ledger(db.pool, { budgetSlots: 1 }), 'plans', 1e12);
    await db.pool.query(`ANALYZE ${LEDGER_TABLES.join(', ')}`);
    // Eight times: from its sixth run on, a statement with parameters may get a cached generic plan, made here on the
    // young ledger and kept by this session.
    for (let round = 0; round < 8; round++) await everyWrite(probe, `probe-young-${round}`, round);

    const grower = new Ledger(db.pool, { budgetSlots: 1 });
    for (let batch = 0; batch < 40; batch++) {
      await Promise.all(
        Array.from({ length: 8 }, (_, i) => everyWrite(grower, `grown-${batch}-${i}`, batch)),
      );
    }
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM ledger_accounts');
    expect(Number(rows[0]!.n)).toBeGreaterThan(900);

    plans.length = 0;
    await everyWrite(probe, 'probe-grown', 99);
    expect(plans.length).toBeGreaterThan(20);
    // Postgres' own foreign-key checks ("SELECT 1 FROM ONLY ... FOR KEY SHARE") are left out: their plans are made
    // by Postgres, as in any application with foreign keys, and made again when autovacuum analyses the table.
    const ours = plans.filter((plan) => !plan.query?.startsWith('SELECT 1 FROM ONLY'));
    expect(ours.length).toBeGreaterThan(20);
    const wholeTableReads = ours.flatMap((plan) =>
      nodes(plan)
        .filter(readsWholeTable)
        .map((n) => ({ ...n, query: plan.query })),
    );
    expect(wholeTableReads.map((n) => `${n['Node Type']} on ${n['Relation Name']}: ${n.query}`)).toEqual([]);
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
  query?: string;
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

function readsWholeTable(node: PlanNode): boolean {
  if (!node['Relation Name'] || !LEDGER_TABLES.includes(node['Relation Name'])) return false;
  if (node['Node Type'] === 'Seq Scan') return true;
  // A bitmap scan is keyed when its bitmap comes from index conditions.
  if (node['Node Type'] === 'Bitmap Heap Scan') {
    return !nodes(node).some((n) => n['Node Type'] === 'Bitmap Index Scan' && n['Index Cond'] !== undefined);
  }
  return /Index (Only )?Scan/.test(node['Node Type']) && node['Index Cond'] === undefined;
}
