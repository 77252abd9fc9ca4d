/**
 * Exclusivity benchmark (not a test): what the exclusivity check costs a journey's grant. Starts its own embedded
 * Postgres unless DATABASE_URL is set, migrates, then runs, interleaved over rounds on the same pool:
 *   bare       ledger.grantCredit (the floor)
 *   no group   the grantCredit activity for a campaign outside any exclusivity group (one extra campaign read)
 *   in group   the grantCredit activity for a campaign in a group, each grant to a new customer (read, claim insert)
 * and prints grants/s per round and the median ratio of each to the bare grant.
 * Usage: node --import tsx bench/exclusive-grants.ts [--grants 2000] [--rounds 3] [--concurrency 8]
 */
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { ledgerActivities } from '../activities/ledger';
import { migrateUp } from '../infra/migrate';
import { Ledger } from '../ledger';
import type { GrantCreditInput } from '../ledger/grant';
import { CampaignStore } from '../stores/campaigns';
import { withBenchDatabase } from './embedded-database';
import { opsPerSecond } from './rate';

const { values } = parseArgs({
  options: {
    grants: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
  },
});
const grants = Number(values.grants);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);

const rate = (count: number, op: (i: number) => Promise<unknown>) => opsPerSecond(count, concurrency, op);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  await withBenchDatabase('exclusivity_bench', async (url) => {
    await migrateUp(url);
    const pool = new Pool({ connectionString: url, max: concurrency + 2 });
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') console.error(err);
    });
    try {
      const ledger = new Ledger(pool, { currency: 'CNY' });
      const campaigns = new CampaignStore(pool);
      const now = new Date().toISOString();
      await ledger.fundProgram({ idempotencyKey: 'bench-fund', amount: 1e14, asOf: now });
      for (const [campaignId, group] of [
        ['bench-bare', null],
        ['bench-free', null],
        ['bench-grouped', 'bench-group'],
      ] as const) {
        await campaigns.create({
          campaignId,
          name: campaignId,
          journeyType: 'trial-credit',
          config: {},
          budget: 1e13,
          exclusivity: group ? { group, priority: 0 } : null,
          createdBy: null,
        });
        await ledger.openCampaignBudget({
          idempotencyKey: `b/${campaignId}`,
          campaignId,
          amount: 1e13,
          asOf: now,
        });
        await campaigns.transition(campaignId, ['draft'], 'launched');
      }
      const { grantCredit } = ledgerActivities({ pool, ledger });
      const grant = (campaignId: string, round: number, i: number): GrantCreditInput => ({
        idempotencyKey: `${campaignId}/${round}/${i}`,
        campaignId,
        customerId: `${campaignId}-${round}-${i}`,
        amount: 100,
        kind: 'cash',
        scope: { type: 'all' },
        stacking: 'stackable',
        expiresAt: null,
        asOf: new Date().toISOString(),
        source: { reason: 'bench' },
      });

      const ratios = { free: [] as number[], grouped: [] as number[] };
      console.log(`journey grants on ${concurrency} connections, ${grants} per run`);
      console.log('round    bare/s  no group/s  in group/s');
      for (let round = 1; round <= rounds; round++) {
        const bare = await rate(grants, (i) => ledger.grantCredit(grant('bench-bare', round, i)));
        const free = await rate(grants, (i) => grantCredit(grant('bench-free', round, i)));
        const grouped = await rate(grants, (i) => grantCredit(grant('bench-grouped', round, i)));
        ratios.free.push(free / bare);
        ratios.grouped.push(grouped / bare);
        console.log(
          `${String(round).padStart(5)} ${bare.toFixed(0).padStart(9)} ${free.toFixed(0).padStart(11)} ${grouped.toFixed(0).padStart(11)}`,
        );
      }
      console.log(
        `median ratio to the bare grant: no group ${median(ratios.free).toFixed(2)}, in group ${median(ratios.grouped).toFixed(2)}`,
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
