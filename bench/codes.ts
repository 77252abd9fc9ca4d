/**
 * Promotion-code benchmark (not a test). Starts its own embedded Postgres unless DATABASE_URL is set, migrates, then
 * measures, each against a baseline run in the same process on the same database:
 *   generate   a 100 000-code batch through the code service (random draw, check symbol, chunked insert, one
 *              transaction) vs inserting 100 000 plain random keys with the same statement shape (the floor)
 *   claim      claims of unique codes (slot under a row lock, ledger grant, claim record) vs the bare ledger grant
 *   checkout   redemption of an order naming a code the customer already holds vs the same redemption without it
 * Usage: npx tsx bench/codes.ts [--codes 100000] [--claims 2000] [--concurrency 8]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { migrateUp } from '../infra/migrate';
import { withBenchDatabase } from './embedded-database';
import { opsPerSecond } from './rate';
import { Ledger } from '../ledger';
import { PromotionCodeService } from '../services/promotion-codes';
import { CampaignStore } from '../stores/campaigns';
import { PromotionCodeStore } from '../stores/promotion-codes';

const { values } = parseArgs({
  options: {
    codes: { type: 'string', default: '100000' },
    claims: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
  },
});
const codeCount = Number(values.codes);
const claimCount = Number(values.claims);
const concurrency = Number(values.concurrency);

const rate = (count: number, op: (i: number) => Promise<unknown>) => opsPerSecond(count, concurrency, op);

const fmt = (n: number) => n.toFixed(0).padStart(8);

async function main(): Promise<void> {
  await withBenchDatabase('codes_bench', async (url) => {
    await migrateUp(url);
    const pool = new Pool({ connectionString: url, max: concurrency + 2 });
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') console.error(err);
    });
    try {
      const ledger = new Ledger(pool, { currency: 'CNY' });
      const campaigns = new CampaignStore(pool);
      const codes = new PromotionCodeService(new PromotionCodeStore(pool), campaigns, ledger);
      const now = new Date().toISOString();
      await ledger.fundProgram({ idempotencyKey: 'bench-fund', amount: 1e14, asOf: now });
      const campaignId = 'bench-codes';
      await campaigns.create({
        campaignId,
        name: 'bench',
        journeyType: 'compensation',
        config: {},
        budget: 1e13,
        variants: null,
        createdBy: null,
      });
      await ledger.openCampaignBudget({
        idempotencyKey: 'bench-budget',
        campaignId,
        amount: 1e13,
        asOf: now,
      });
      await campaigns.transition(campaignId, ['draft'], 'launched');
      const reward = {
        amount: 100,
        creditKind: 'cash',
        scope: { type: 'all' },
        stacking: 'stackable',
      } as const;

      // generate
      await pool.query('CREATE TABLE bench_keys (k TEXT PRIMARY KEY, batch TEXT NOT NULL, owner TEXT)');
      let started = process.hrtime.bigint();
      const keys = Array.from({ length: codeCount }, () => randomBytes(8).toString('hex'));
      for (let at = 0; at < keys.length; at += 10_000) {
        const chunk = keys.slice(at, at + 10_000);
        await pool.query(
          `INSERT INTO bench_keys (k, batch, owner) SELECT k, 'b', o FROM unnest($1::text[], $2::text[]) AS x (k, o)`,
          [chunk, chunk.map(() => null)],
        );
      }
      const floorRate = codeCount / (Number(process.hrtime.bigint() - started) / 1e9);
      started = process.hrtime.bigint();
      const batch = await codes.createBatch(campaignId, { kind: 'unique', count: codeCount, reward }, null);
      const generateRate = codeCount / (Number(process.hrtime.bigint() - started) / 1e9);
      if (batch.codes !== codeCount) throw new Error(`batch has ${batch.codes} codes`);

      // claim vs bare grant
      const claimable = (
        await pool.query<{ code: string }>(
          'SELECT code FROM promotion_codes WHERE batch_id = $1 ORDER BY code LIMIT $2',
          [batch.batchId, claimCount],
        )
      ).rows.map((r) => r.code);
      const grantRate = await rate(claimCount, (i) =>
        ledger.grantCredit({
          idempotencyKey: `bench-grant/${i}`,
          campaignId,
          customerId: `g-${i}`,
          amount: 100,
          kind: 'cash',
          scope: { type: 'all' },
          stacking: 'stackable',
          expiresAt: null,
          asOf: new Date().toISOString(),
          source: { reason: 'bench' },
        }),
      );
      const claimRate = await rate(claimCount, (i) => codes.claim(claimable[i]!, `c-${i}`, null));

      // checkout with a held code vs without
      const order = (i: number, tag: string) => ({ orderId: `${tag}-${i}`, amount: 50, categories: [] });
      const plainRate = await rate(claimCount, (i) =>
        ledger.redeem({
          idempotencyKey: `p/${i}`,
          customerId: `g-${i}`,
          order: order(i, 'p'),
          asOf: new Date().toISOString(),
        }),
      );
      const withCodeRate = await rate(claimCount, async (i) => {
        await codes.ensureClaimed(claimable[i]!, `c-${i}`, null);
        await ledger.redeem({
          idempotencyKey: `c/${i}`,
          customerId: `c-${i}`,
          order: order(i, 'c'),
          asOf: new Date().toISOString(),
        });
      });

      // checkout with a percent-off code (八折, capped) on an order with lines vs the plain redemption
      const percentBatch = await codes.createBatch(
        campaignId,
        { kind: 'unique', count: claimCount, reward: { ...reward, creditKind: 'percent', percentBp: 2_000 } },
        null,
      );
      const percentCodes = (
        await pool.query<{ code: string }>(
          'SELECT code FROM promotion_codes WHERE batch_id = $1 ORDER BY code',
          [percentBatch.batchId],
        )
      ).rows.map((r) => r.code);
      const withPercentRate = await rate(claimCount, async (i) => {
        await codes.ensureClaimed(percentCodes[i]!, `pc-${i}`, null);
        await ledger.redeem({
          idempotencyKey: `pc/${i}`,
          customerId: `pc-${i}`,
          order: { ...order(i, 'pc'), lines: [{ category: 'tea', amount: 50 }] },
          asOf: new Date().toISOString(),
        });
      });

      console.log(`promotion codes on ${concurrency} connections (${codeCount} codes, ${claimCount} claims)`);
      console.log(`                      per s  baseline/s  ratio`);
      console.log(
        `generate 100k codes ${fmt(generateRate)}  ${fmt(floorRate)}   ${(generateRate / floorRate).toFixed(2)}  (baseline: plain keys, same insert)`,
      );
      console.log(
        `claim a code        ${fmt(claimRate)}  ${fmt(grantRate)}   ${(claimRate / grantRate).toFixed(2)}  (baseline: the bare ledger grant)`,
      );
      console.log(
        `checkout with code  ${fmt(withCodeRate)}  ${fmt(plainRate)}   ${(withCodeRate / plainRate).toFixed(2)}  (baseline: the same redemption, no code)`,
      );
      console.log(
        `checkout, 20 % code ${fmt(withPercentRate)}  ${fmt(plainRate)}   ${(withPercentRate / plainRate).toFixed(2)}  (code claimed at checkout, percent-off on a line, cap released; baseline: plain redemption)`,
      );
    } finally {
      await pool.end();
    }
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
