import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { Ledger } from '../../ledger/ledger';
import { T0, at, fundedCampaign, grantRequest, ignoreDropTermination } from '../../test/support/ledger';
import { journeyWorkflowId } from '../../workflows/shared/definitions';
import { missingEffects } from './effects';
import { ApiClient, OutcomeTally } from './http';
import { CHAOS_CAMPAIGNS, type Accepted } from './storefront';

/** "Every accepted request had its effect" reports exactly the accepted requests whose effect is not in the database. */
describe('chaos effects', () => {
  let db: TestDatabase;
  let ledger: Ledger;
  // No API listens here: a check that needed it reports the effect missing.
  const api = new ApiClient('http://127.0.0.1:9', 2_000, () => new OutcomeTally());

  beforeAll(async () => {
    db = await createTestDatabase(4);
    ignoreDropTermination(db.pool);
    ledger = new Ledger(db.pool);
    await fundedCampaign(ledger, CHAOS_CAMPAIGNS.trial, 100_000);
  });
  afterAll(() => db?.drop());

  const journeyStep = (campaignId: string, customerId: string, step: string, outcome?: string) =>
    db.pool.query(
      `INSERT INTO journey_events (workflow_id, step, kind, customer_id, campaign_id, detail, occurred_at)
       VALUES ($1, $2, 'k', $3, $4, $5, now())`,
      [journeyWorkflowId(campaignId, customerId), step, customerId, campaignId, outcome ? { outcome } : {}],
    );

  it('finds each effect that is there and names each one that is not', async () => {
    // c1: sign-up granted (journey step + one lot), first order earned points and ended the repurchase journey,
    // refund took the points back and cancelled it, the redemption is booked and reversed.
    await journeyStep(CHAOS_CAMPAIGNS.trial, 'c1', 'grant');
    await ledger.grantCredit(grantRequest({ campaignId: CHAOS_CAMPAIGNS.trial, customerId: 'c1' }));
    await journeyStep(CHAOS_CAMPAIGNS.points, 'c1', 'earn:o1');
    await ledger.earnPoints({ transactionId: 'o1', customerId: 'c1', points: 10, asOf: T0, reason: 'o1' });
    await journeyStep(CHAOS_CAMPAIGNS.points, 'c1', 'refund:o1');
    await journeyStep(CHAOS_CAMPAIGNS.repurchase, 'c1', 'end', 'first-order-refunded');
    const redemption = await ledger.redeem({
      idempotencyKey: 'order/o1',
      customerId: 'c1',
      order: { orderId: 'o1', amount: 20_000, categories: [] },
      asOf: at(1),
    });
    await ledger.reverseRedemption({ idempotencyKey: 'refund/o1', orderId: 'o1', asOf: at(2), reason: 'r' });
    // c2: nothing happened at all.
    const accepted: Accepted[] = [
      { kind: 'signup', customerId: 'c1', email: 'c1@x.example', eventId: 'e1' },
      { kind: 'order', customerId: 'c1', orderId: 'o1', first: true, eventId: 'e2' },
      { kind: 'refund', customerId: 'c1', orderId: 'o1', cancelsRepurchase: true, eventId: 'e3' },
      {
        kind: 'redemption',
        customerId: 'c1',
        orderId: 'o1',
        redemptionId: redemption.redemptionId,
        total: redemption.total,
      },
    ];
    expect(await missingEffects(db.pool, api, 'key', accepted)).toEqual([]);

    const lost: Accepted[] = [
      { kind: 'signup', customerId: 'c2', email: 'c2@x.example', eventId: 'e4' },
      { kind: 'order', customerId: 'c2', orderId: 'o2', first: true, eventId: 'e5' },
      { kind: 'refund', customerId: 'c2', orderId: 'o2', cancelsRepurchase: true, eventId: 'e6' },
      { kind: 'redemption', customerId: 'c2', orderId: 'o2', redemptionId: 'r2', total: 100 },
    ];
    expect(await missingEffects(db.pool, api, 'key', lost)).toEqual([
      'sign-up e4: no trial grant (journey end: none)',
      'order o2: no points earned',
      'first order o2: repurchase journey not started (conn)',
      'refund e6: points not taken back',
      'refund e6: repurchase journey not cancelled (end: none)',
      'redemption r2 of o2: not in the ledger as answered',
    ]);

    // A second trial lot for c1 breaks the sign-up's "exactly one lot".
    await ledger.grantCredit(grantRequest({ campaignId: CHAOS_CAMPAIGNS.trial, customerId: 'c1' }));
    expect(await missingEffects(db.pool, api, 'key', accepted.slice(0, 1))).toEqual([
      'sign-up e1: 2 trial lots, expected 1',
    ]);
  });
});
