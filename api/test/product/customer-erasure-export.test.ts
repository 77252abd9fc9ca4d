import { randomBytes } from 'node:crypto';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';
import { eventually } from '../../../test/support/eventually';
import { invariantViolations } from '../../../test/support/ledger';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { testPersonalData } from '../../../test/support/personal-data';
import type { CustomerExport } from '../../../services/customer-data';
import { getCustomerContact } from '../../../stores/customers';
import { setReferralStatus } from '../../../stores/referrals';
import { journeyWorkflowId } from '../../../workflows/shared/definitions';

/** DELETE /v1/customers/{id} and GET /v1/customers/{id}/export: the data subject's erasure and export. */
describe('customer erasure and export', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof typeof api.keys) => ({ Authorization: `Bearer ${api.keys[role]}` });
  let trialCampaign = '';

  beforeAll(async () => {
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'trial', journeyType: 'trial-credit', budget: 10_000_000 });
    expect(created.status).toBe(201);
    trialCampaign = created.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${trialCampaign}/launch`).set(as('growth'))).status).toBe(
      200,
    );
  });

  const send = async (event: Record<string, unknown>) => {
    const res = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({ eventId: id('ev'), ...event });
    expect(res.status).toBe(202);
  };

  /** A customer with a trial credit granted and its email sent; their trial journey waits for a first order. */
  async function signedUpCustomer() {
    const customer = {
      customerId: id('c'),
      email: uniqueRecipient('erasure'),
      phone: `139${randomBytes(3).readUIntBE(0, 3)}`,
      deviceId: id('device'),
      paymentFingerprint: id('card'),
    };
    await send({ type: 'signed_up', locale: 'en', ...customer });
    await api.settle();
    await eventually(async () => (await mailTo(customer.email)).length === 1, {
      description: 'the trial credit email',
    });
    return customer;
  }

  const erase = (customerId: string, role: keyof typeof api.keys = 'support-manager') =>
    api.http().delete(`/v1/customers/${customerId}`).set(as(role));
  const exportOf = (customerId: string, role: keyof typeof api.keys = 'support-manager') =>
    api.http().get(`/v1/customers/${customerId}/export`).set(as(role));

  it('exports everything held about a customer, personal fields decrypted', async () => {
    const customer = await signedUpCustomer();
    const orderId = id('o');
    await send({
      type: 'order_placed',
      customerId: customer.customerId,
      orderId,
      amount: 12_300,
      categories: ['books'],
    });
    await api.settle();
    await setReferralStatus(api.db.pool, {
      refereeId: customer.customerId,
      referrerId: 'someone-else',
      campaignId: 'cmp-referral',
      status: 'pending',
      at: new Date().toISOString(),
    });

    const res = await exportOf(customer.customerId);
    expect(res.status).toBe(200);
    const body = res.body as CustomerExport;
    expect(body.profile).toMatchObject({ ...customer, orderCount: 1, totalSpent: 12_300, erasedAt: null });
    expect(body.events.map((e) => e.type)).toEqual(['signed_up', 'order_placed']);
    expect(body.events[0]?.payload).toMatchObject({ email: customer.email, phone: customer.phone });
    expect(body.events[0]?.payload).not.toHaveProperty('sealedPersonalData');
    expect(body.orders).toEqual([
      expect.objectContaining({ orderId, amount: 12_300, categories: ['books'], refundedAt: null }),
    ]);
    expect(body.wallet.lots).toEqual([
      expect.objectContaining({ campaignId: trialCampaign, original: 5_000 }),
    ]);
    expect(body.statement).toEqual([expect.objectContaining({ type: 'grant', amount: 5_000 })]);
    expect(body.points).toMatchObject({ customerId: customer.customerId, balance: 0, lots: [] });
    expect(body.tiers).toEqual([]);
    expect(body.referrals).toEqual([
      expect.objectContaining({
        refereeId: customer.customerId,
        referrerId: 'someone-else',
        status: 'pending',
      }),
    ]);
    expect(body.emails).toEqual([
      expect.objectContaining({
        template: 'trial-credit-granted',
        status: 'sent',
        subject: expect.any(String),
      }),
    ]);
    expect((await exportOf(customer.customerId, 'storefront')).status).toBe(200);

    // Reads that disclose personal data are audited (who looked at this person), without the data itself.
    expect((await api.http().get(`/v1/customers/${customer.customerId}`).set(as('support'))).status).toBe(
      200,
    );
    const audited = await api
      .http()
      .get(`/v1/audit?resource=/v1/customers/${customer.customerId}`)
      .set(as('ops'));
    expect(audited.status).toBe(200);
    const reads = (audited.body as { items: { operationId: string; actorKeyId: string; method: string }[] })
      .items;
    expect(reads.map((r) => [r.operationId, r.method, r.actorKeyId]).sort()).toEqual(
      [
        ['exportCustomer', 'GET', api.keyIds['support-manager']],
        ['exportCustomer', 'GET', api.keyIds.storefront],
        ['getCustomer', 'GET', api.keyIds.support],
      ].sort(),
    );
    expect(JSON.stringify(audited.body)).not.toContain(customer.email);

    // A search by email is recorded too, without the address.
    const found = await api
      .http()
      .get(`/v1/customers?email=${encodeURIComponent(customer.email)}`)
      .set(as('support'));
    expect(found.status).toBe(200);
    const searches = await api.http().get('/v1/audit?operationId=findCustomers').set(as('ops'));
    expect(searches.body.items).toEqual([
      expect.objectContaining({ resource: '/v1/customers', actorKeyId: api.keyIds.support }),
    ]);
    expect(JSON.stringify(searches.body)).not.toContain(customer.email);
    expect(JSON.stringify((await api.db.pool.query('SELECT * FROM audit_log')).rows)).not.toContain(
      customer.email,
    );
  });

  it('erases personal data everywhere, stops the journeys, keeps ledger and KPIs, and mails nobody again', async () => {
    const customer = await signedUpCustomer();
    const workflowId = journeyWorkflowId(trialCampaign, customer.customerId);
    expect(await api.workflowStatus(workflowId)).toBe('RUNNING');
    const wallet = async () =>
      (await api.http().get(`/v1/customers/${customer.customerId}/wallet`).set(as('storefront'))).body;
    const kpis = async () => {
      const res = await api.http().get(`/v1/campaigns/${trialCampaign}/kpis`).set(as('growth'));
      expect(res.status).toBe(200);
      return { reached: res.body.customersReached, granted: res.body.customersGranted };
    };
    const [walletBefore, kpisBefore] = [await wallet(), await kpis()];
    expect(walletBefore.balance).toBe(5_000);

    const res = await erase(customer.customerId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      customerId: customer.customerId,
      erasedAt: expect.any(String),
      journeysStopped: [workflowId],
    });
    await api.settle();
    expect(await api.workflowStatus(workflowId)).toBe('CANCELLED');

    // Nothing personal left in the profile, the stored events or the email log.
    const stored = await api.db.pool.query<{ t: string }>(
      `SELECT c::text AS t FROM customers c WHERE customer_id = $1
       UNION ALL SELECT e::text FROM customer_events e WHERE customer_id = $1
       UNION ALL SELECT l::text FROM email_log l`,
      [customer.customerId],
    );
    const everything = stored.rows.map((r) => r.t).join('\n');
    for (const value of Object.values(customer).filter((v) => v !== customer.customerId)) {
      expect(everything).not.toContain(value);
    }
    const row = await api.db.pool.query(
      `SELECT email, phone, device_id, payment_fingerprint, email_hash, phone_hash, device_hash, payment_hash, erased_at
         FROM customers WHERE customer_id = $1`,
      [customer.customerId],
    );
    expect(row.rows[0]).toEqual({
      email: null,
      phone: null,
      device_id: null,
      payment_fingerprint: null,
      email_hash: null,
      phone_hash: null,
      device_hash: null,
      payment_hash: null,
      erased_at: new Date(res.body.erasedAt as string),
    });
    const events = await api.db.pool.query('SELECT payload FROM customer_events WHERE customer_id = $1', [
      customer.customerId,
    ]);
    expect(events.rows[0].payload).toEqual({
      type: 'signed_up',
      eventId: expect.any(String),
      customerId: customer.customerId,
      locale: 'en',
    });

    // The money and the KPIs stay, under the pseudonymous id.
    expect(await wallet()).toEqual(walletBefore);
    expect(await kpis()).toEqual(kpisBefore);
    expect(await invariantViolations(api.db.pool)).toEqual([]);
    expect(await getCustomerContact(api.db.pool, testPersonalData, customer.customerId)).toMatchObject({
      email: null,
    });

    // A later sign-up event under the erased id stores no personal data and mails nobody.
    const laterEmail = uniqueRecipient('after-erasure');
    await send({ type: 'signed_up', customerId: customer.customerId, email: laterEmail, locale: 'en' });
    await api.settle();
    const later = await api.db.pool.query<{ t: string }>(
      `SELECT c::text AS t FROM customers c WHERE customer_id = $1
       UNION ALL SELECT e::text FROM customer_events e WHERE customer_id = $1`,
      [customer.customerId],
    );
    expect(later.rows.map((r) => r.t).join('\n')).not.toContain(laterEmail.split('@')[0]);
    expect(await mailTo(laterEmail)).toEqual([]);
    expect(await mailTo(customer.email)).toHaveLength(1); // the grant's email before the erasure, nothing since

    // The export now holds no personal data either.
    const exported = await exportOf(customer.customerId);
    expect(exported.status).toBe(200);
    expect(exported.body.profile).toMatchObject({
      email: null,
      phone: null,
      deviceId: null,
      erasedAt: res.body.erasedAt,
    });
    expect(exported.body.emails).toEqual([]);
    expect(JSON.stringify(exported.body)).not.toContain(customer.email);

    // Again: the same erasure, not an error.
    const again = await erase(customer.customerId);
    expect(again.status).toBe(200);
    expect(again.body.erasedAt).toBe(res.body.erasedAt);

    const audit = await api
      .http()
      .get(`/v1/audit?operationId=eraseCustomer&resource=/v1/customers/${customer.customerId}`)
      .set(as('ops'));
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(2);
  });

  it('refuses unknown customers with 404 and other roles with 403, as problem+json, changing nothing', async () => {
    expectProblem(await erase(id('nobody')), 404);
    expectProblem(await exportOf(id('nobody')), 404);
    const customer = { customerId: id('c'), email: uniqueRecipient('kept') };
    await send({ type: 'signed_up', locale: 'en', ...customer });
    // Its journey's email is sent, and its activity done, before the snapshot: a send retried after a backoff counts
    // as settled, and its row landing later would look like a write of the refused requests.
    await eventually(async () => (await mailTo(customer.email)).length === 1, {
      description: 'the trial credit email',
    });
    await api.settle();
    const before = await api.nothingWrittenSnapshot();
    for (const role of ['growth', 'support', 'finance', 'storefront', 'ops'] as const) {
      expectProblem(await erase(customer.customerId, role), 403);
    }
    for (const role of ['growth', 'support', 'finance', 'ops'] as const) {
      expectProblem(await exportOf(customer.customerId, role), 403);
    }
    expectProblem(await api.http().delete(`/v1/customers/${customer.customerId}`), 401);
    expect(await api.nothingWrittenSnapshot()).toEqual(before);
    expect(await getCustomerContact(api.db.pool, testPersonalData, customer.customerId)).toMatchObject({
      email: customer.email,
    });
  });
});
