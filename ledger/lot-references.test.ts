import { randomUUID } from 'node:crypto';
import { pgConstraint, pgErrorCode } from '../lib/transaction';
import {
  expectRefusal,
  fundedCampaign,
  grantRequest,
  useLedgerDatabase,
  writeCounts,
} from '../test/support/ledger';

/**
 * A lot's account, campaign and grant transaction are checked by a statement trigger instead of foreign keys (migration 1060): the same
 * refusals, with the same constraint names, and the referenced rows can neither go away nor change their keys.
 */
describe('ledger: a lot names an existing lot account, a registered campaign and its grant transaction', () => {
  const t = useLedgerDatabase({ checkInvariants: true });

  async function pgError(promise: Promise<unknown>): Promise<{ code?: string; constraint?: string }> {
    try {
      await promise;
    } catch (err) {
      return { code: pgErrorCode(err), constraint: pgConstraint(err) };
    }
    throw new Error('expected the statement to fail');
  }

  it('refuses a lot naming an unknown campaign or a non-lot account; campaigns stay', async () => {
    await fundedCampaign(t.ledger, 'refs', 10_000);
    const grant = await t.ledger.grantCredit(grantRequest({ campaignId: 'refs', customerId: 'c-refs' }));
    const ids = await t.db.pool.query<{ lot_account: string; budget: string; txn: string }>(
      `SELECT l.account_id AS lot_account, l.grant_transaction_id AS txn,
              (SELECT min(id) FROM ledger_accounts WHERE kind = 'campaign_budget' AND campaign_id = 'refs') AS budget
         FROM ledger_lots l WHERE l.id = $1`,
      [grant.lotId],
    );
    const { budget, txn } = ids.rows[0]!;
    const counts = await writeCounts(t.db.pool);
    const insertLot = (accountSql: string, campaignId: string, transactionId = txn) =>
      t.db.pool.query(
        `WITH account AS (${accountSql})
         INSERT INTO ledger_lots (id, account_id, customer_id, campaign_id, kind, stacking, original_amount, granted_at,
                                  grant_transaction_id, source)
         SELECT $1, account.id, 'c-refs', $2, 'cash', 'stackable', 100, now(), $3, '{}' FROM account`,
        [randomUUID(), campaignId, transactionId],
      );
    const lotAccount = `INSERT INTO ledger_accounts (code, kind, currency, balance)
                        VALUES ('lot:${randomUUID()}', 'customer_lot', 'CNY', 0) RETURNING id`;
    expect(await pgError(insertLot(lotAccount, 'no-such-campaign'))).toEqual({
      code: '23503',
      constraint: 'ledger_lots_campaign_id_fkey',
    });
    expect(await pgError(insertLot(`SELECT ${budget}::bigint AS id`, 'refs'))).toEqual({
      code: '23503',
      constraint: 'ledger_lots_account_id_fkey',
    });
    expect(await pgError(insertLot('SELECT -1::bigint AS id', 'refs'))).toEqual({
      code: '23503',
      constraint: 'ledger_lots_account_id_fkey',
    });
    expect(await pgError(insertLot(lotAccount, 'refs', randomUUID()))).toEqual({
      code: '23503',
      constraint: 'ledger_lots_grant_transaction_id_fkey',
    });
    expect(await writeCounts(t.db.pool)).toEqual(counts);

    // Through the ledger, an unknown campaign is NOT_FOUND (one-statement and general path alike).
    await expectRefusal(
      t.ledger.grantCredit(grantRequest({ campaignId: 'no-such-campaign', customerId: 'c-refs' })),
      'NOT_FOUND',
    );

    await expect(t.db.pool.query("DELETE FROM ledger_campaigns WHERE campaign_id = 'refs'")).rejects.toThrow(
      /permanent/,
    );
    await expect(t.db.pool.query('TRUNCATE ledger_campaigns CASCADE')).rejects.toThrow(
      /permanent|append-only/,
    );
    await expect(
      t.db.pool.query("UPDATE ledger_campaigns SET campaign_id = 'renamed' WHERE campaign_id = 'refs'"),
    ).rejects.toThrow(/permanent/);
    await expect(
      t.db.pool.query("UPDATE ledger_lots SET campaign_id = 'other' WHERE id = $1", [grant.lotId]),
    ).rejects.toThrow(/permanent/);
    expect(await writeCounts(t.db.pool)).toEqual(counts);
  });
});
