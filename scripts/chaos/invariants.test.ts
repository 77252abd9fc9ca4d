import { fundedCampaign, grantRequest, useLedgerDatabase } from '../../test/support/ledger';
import type { CapturedMail } from '../../infra/dev/mail-capture';
import { checkInbox, checkInvariants } from './invariants';

/** The chaos suite's invariants find what they are written to find (and nothing on a sound database). */
describe('chaos invariants', () => {
  const t = useLedgerDatabase({ poolSize: 4 });

  const violationsByName = async () =>
    Object.fromEntries((await checkInvariants(t.db.pool)).map((r) => [r.name, r.violations]));

  it('all hold on a ledger written through its API, and name a once-per-customer journey that granted or mailed twice', async () => {
    const launch = (campaignId: string, journeyType: string) =>
      t.db.pool.query(
        `INSERT INTO campaigns (campaign_id, name, journey_type, config, budget, status)
         VALUES ($1, $1, $2, '{}', 100000, 'launched')`,
        [campaignId, journeyType],
      );
    await launch('inv-trial', 'trial-credit');
    await launch('inv-points', 'points');
    await fundedCampaign(t.ledger, 'inv-trial', 100_000);
    await fundedCampaign(t.ledger, 'inv-points', 100_000);
    const source = { journeyId: 'journey/inv-trial/c1', reason: 'trial-credit' };
    await t.ledger.grantCredit(grantRequest({ campaignId: 'inv-trial', customerId: 'c1', source }));
    // A repeatable journey may grant its customer the same offer again.
    const repeatable = { journeyId: 'journey/inv-points/c1', reason: 'bonus' };
    await t.ledger.grantCredit(
      grantRequest({ campaignId: 'inv-points', customerId: 'c1', source: repeatable }),
    );
    await t.ledger.grantCredit(
      grantRequest({ campaignId: 'inv-points', customerId: 'c1', source: repeatable }),
    );
    const mail = (key: string) =>
      t.db.pool.query(
        `INSERT INTO email_log (idempotency_key, recipient, template, locale, subject, status)
         VALUES ($1, 'c1@example.com', 'trial-credit-granted', 'en', 's', 'sent')`,
        [key],
      );
    await mail('journey/inv-trial/c1/run-1/email:granted');
    await mail('journey/inv-points/c1/run-1/email:x');
    await mail('journey/inv-points/c1/run-2/email:x');

    const sound = await violationsByName();
    expect(Object.keys(sound)).toEqual(
      expect.arrayContaining([
        'transactions-zero-sum',
        'journal-zero-sum',
        'balances-equal-postings',
        'no-negative-balance',
        'wallets-equal-lots',
        'one-lot-per-once-per-customer-journey',
        'no-duplicate-email',
      ]),
    );
    for (const violations of Object.values(sound)) expect(violations).toEqual([]);

    // The trial journey of c1 ran a second time (a new run id): a second lot and a second email.
    await t.ledger.grantCredit(grantRequest({ campaignId: 'inv-trial', customerId: 'c1', source }));
    await mail('journey/inv-trial/c1/run-2/email:granted');
    const broken = await violationsByName();
    expect(broken['one-lot-per-once-per-customer-journey']).toEqual([
      "2 lots 'trial-credit' for c1 in once-per-customer inv-trial",
    ]);
    expect(broken['no-duplicate-email']).toEqual([
      expect.stringMatching(/^2 'trial-credit-granted' emails to c1@/),
    ]);
    expect(broken['transactions-zero-sum']).toEqual([]);
  });

  it('tells a second email (another Message-ID) from the same email handed over again', () => {
    const delivered = (key: string, messageId: string): CapturedMail =>
      ({
        headers: { 'x-perkflow-idempotency-key': key, 'message-id': messageId },
      }) as unknown as CapturedMail;
    expect(checkInbox([delivered('k1', '<a>'), delivered('k2', '<b>')])).toEqual({
      duplicates: [],
      resentSameMessageId: 0,
    });
    expect(checkInbox([delivered('k1', '<a>'), delivered('k1', '<a>')])).toEqual({
      duplicates: [],
      resentSameMessageId: 1,
    });
    expect(checkInbox([delivered('k1', '<a>'), delivered('k1', '<c>')]).duplicates).toEqual([
      'k1: 2 deliveries, Message-IDs <a>, <c>',
    ]);
  });
});
