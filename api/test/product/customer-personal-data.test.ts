import { randomBytes } from 'node:crypto';
import { useProductTestApi } from '../../../test/support/per-file';
import { eventually } from '../../../test/support/eventually';
import {
  newCipherKey,
  personalDataWithKeys,
  testPersonalData,
  TEST_PII_ENV,
} from '../../../test/support/personal-data';
import { customersSharingFingerprints, getCustomerProfile } from '../../../stores/customers';
import { resealPersonalData } from '../../../stores/personal-data-reseal';
import type { PersonalDataProtection } from '../../../stores/personal-data';
import { journeyWorkflowId } from '../../../workflows/shared/definitions';

/** Customers' personal data at rest: sealed, matched by keyed hash, readable across a key rotation. */
describe('customer personal data at rest', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const storefront = () => ({ Authorization: `Bearer ${api.keys.storefront}` });

  interface Person {
    customerId: string;
    email: string;
    phone: string;
    deviceId: string;
    paymentFingerprint: string;
  }
  const person = (): Person => ({
    customerId: id('c'),
    email: `${id('Ada')}@Example.com`,
    phone: `138${randomBytes(4).readUInt32BE() % 100_000_000}`,
    deviceId: id('device'),
    paymentFingerprint: id('card'),
  });

  async function signUp(
    p: Partial<Person> & { customerId: string; email: string; referralCode?: string },
  ): Promise<void> {
    const res = await api
      .http()
      .post('/v1/events')
      .set(storefront())
      .send({ type: 'signed_up', eventId: id('ev'), locale: 'en', ...p });
    expect(res.status).toBe(202);
  }

  /** Every row of customers and customer_events as text, to look for plaintext anywhere in them. */
  async function everythingStored(): Promise<string> {
    const rows = await api.db.pool.query<{ t: string }>(
      `SELECT c::text AS t FROM customers c UNION ALL SELECT e::text FROM customer_events e`,
    );
    return rows.rows.map((r) => r.t).join('\n');
  }

  const profileOf = (customerId: string, pii: PersonalDataProtection = testPersonalData) =>
    getCustomerProfile(api.db.pool, pii, customerId);

  it('stores email, phone, device id and payment fingerprint only as ciphertext, in the profile and the event', async () => {
    const ada = person();
    await signUp(ada);
    const stored = await everythingStored();
    for (const value of [
      ada.email,
      ada.email.toLowerCase(),
      ada.phone,
      ada.deviceId,
      ada.paymentFingerprint,
    ]) {
      expect(stored).not.toContain(value);
    }
    const raw = await api.db.pool.query(
      `SELECT email, phone, device_id, payment_fingerprint, email_hash, pii_key_id FROM customers WHERE customer_id = $1`,
      [ada.customerId],
    );
    expect(raw.rows[0].email).toMatch(/^pf1\.test1\./);
    expect(raw.rows[0].payment_fingerprint).toMatch(/^pf1\.test1\./);
    expect(raw.rows[0].email_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(raw.rows[0].pii_key_id).toBe('test1');
    const event = await api.db.pool.query(
      `SELECT payload, pii_key_id FROM customer_events WHERE customer_id = $1`,
      [ada.customerId],
    );
    expect(Object.keys(event.rows[0].payload).sort()).toEqual(
      ['customerId', 'eventId', 'locale', 'sealedPersonalData', 'type'].sort(),
    );
    expect(await profileOf(ada.customerId)).toMatchObject({
      email: ada.email,
      phone: ada.phone,
      deviceId: ada.deviceId,
      paymentFingerprint: ada.paymentFingerprint,
      erasedAt: null,
    });
  });

  it('an order’s payment fingerprint is sealed too and joins the profile', async () => {
    const bo = person();
    await signUp({ customerId: bo.customerId, email: bo.email });
    const card = id('card');
    const ordered = await api
      .http()
      .post('/v1/events')
      .set(storefront())
      .send({
        type: 'order_placed',
        eventId: id('ev'),
        customerId: bo.customerId,
        orderId: id('o'),
        amount: 100,
        paymentFingerprint: card,
      });
    expect(ordered.status).toBe(202);
    expect(await everythingStored()).not.toContain(card);
    expect(await profileOf(bo.customerId)).toMatchObject({ email: bo.email, paymentFingerprint: card });
  });

  it('matches a second account on each shared email (any case), phone, device or card without decrypting', async () => {
    const first = person();
    await signUp(first);
    const cases: [keyof Person, string, string][] = [
      ['email', first.email.toUpperCase(), 'email'],
      ['phone', `${first.phone.slice(0, 3)} ${first.phone.slice(3)}`, 'phone'],
      ['deviceId', first.deviceId, 'device'],
      ['paymentFingerprint', first.paymentFingerprint, 'payment'],
    ];
    for (const [field, value, kind] of cases) {
      const second = { customerId: id('c2'), email: `${id('other')}@example.com`, [field]: value };
      await signUp(second);
      const profile = (await profileOf(second.customerId))!;
      expect(await customersSharingFingerprints(api.db.pool, testPersonalData, profile)).toEqual([
        { customerId: first.customerId, shared: [kind] },
      ]);
    }
    const stranger = person();
    await signUp(stranger);
    expect(
      await customersSharingFingerprints(
        api.db.pool,
        testPersonalData,
        (await profileOf(stranger.customerId))!,
      ),
    ).toEqual([]);
  });

  it('the referral journey still refuses a second account sharing the referrer’s device or address', async () => {
    const growth = { Authorization: `Bearer ${api.keys.growth}` };
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(growth)
      .send({ name: 'referral', journeyType: 'referral', budget: 10_000_000 });
    expect(created.status).toBe(201);
    const campaignId = created.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(growth)).status).toBe(200);
    const referrer = person();
    await signUp(referrer);
    const ordered = await api
      .http()
      .post('/v1/events')
      .set(storefront())
      .send({
        type: 'order_placed',
        eventId: id('ev'),
        customerId: referrer.customerId,
        orderId: id('o'),
        amount: 30_000,
      });
    expect(ordered.status).toBe(202);
    const refereeSharing = async (shared: Partial<Person>) => {
      const referee = { customerId: id('referee'), email: `${id('new')}@example.com`, ...shared };
      await signUp({ ...referee, referralCode: referrer.customerId });
      return journeyWorkflowId(campaignId, referee.customerId);
    };
    const byDevice = await refereeSharing({ deviceId: referrer.deviceId });
    expect(await api.result(byDevice, { maxDays: 2 })).toBe('MULTI_ACCOUNT');
    const byEmail = await refereeSharing({ email: referrer.email.toUpperCase() });
    expect(await api.result(byEmail, { maxDays: 2 })).toBe('MULTI_ACCOUNT');
    // Sharing nothing: found eligible, the journey goes on (waits for the referee's first order).
    const unrelated = await refereeSharing({});
    await api.settle();
    expect(await api.workflowStatus(unrelated)).toBe('RUNNING');
    // A write that failed its first attempt waits out a retry backoff, which a settle counts as quiet: look again.
    const steps = await eventually(
      async () =>
        (
          await api.db.pool.query<{ step: string }>(
            'SELECT step FROM journey_events WHERE workflow_id = $1',
            [unrelated],
          )
        ).rows.map((r) => r.step),
      {
        description: 'the unrelated referee journey to record its eligible step',
        until: (s) => s.includes('eligible'),
      },
    );
    expect(steps).toContain('eligible');
  });

  it('after a key rotation old rows stay readable, a reseal moves everything to the new key, matching still works', async () => {
    const before = person();
    await signUp(before);
    const test2 = newCipherKey('test2');
    const rotated = personalDataWithKeys(test2, TEST_PII_ENV.PII_ENCRYPTION_KEYS);
    expect(await profileOf(before.customerId, rotated)).toMatchObject({
      email: before.email,
      phone: before.phone,
    });

    const done = await resealPersonalData(api.db.pool, rotated, { batchSize: 3 });
    expect(done.customers).toBeGreaterThan(0);
    expect(done.events).toBeGreaterThan(0);
    const keys = await api.db.pool.query<{ k: string | null }>(
      `SELECT DISTINCT pii_key_id AS k FROM customers UNION SELECT DISTINCT pii_key_id FROM customer_events`,
    );
    expect(keys.rows).toEqual([{ k: 'test2' }]);
    // Only the new key left in the ring: everything still opens, so nothing depends on the old key any more.
    const newOnly = personalDataWithKeys(test2);
    expect(await profileOf(before.customerId, newOnly)).toMatchObject({ email: before.email });
    const twin = { customerId: id('twin'), email: before.email };
    await signUp(twin); // written by the API under test1 again: a mixed table, both readable with the rotated ring
    expect(
      await customersSharingFingerprints(api.db.pool, rotated, (await profileOf(twin.customerId, rotated))!),
    ).toEqual([{ customerId: before.customerId, shared: ['email'] }]);
    expect(await resealPersonalData(api.db.pool, rotated)).toEqual({ customers: 1, events: 1, addresses: 0 });
    expect(await resealPersonalData(api.db.pool, rotated)).toEqual({ customers: 0, events: 0, addresses: 0 });
    // Back to the API's own ring for the tests after this one.
    const back = personalDataWithKeys(TEST_PII_ENV.PII_ENCRYPTION_KEYS, test2);
    expect((await resealPersonalData(api.db.pool, back)).customers).toBeGreaterThan(0);
  });

  it('rows stored in plaintext before encryption are read as they are, then sealed and hashed by the reseal', async () => {
    const legacy = person();
    const eventId = id('ev');
    await api.db.pool.query(
      `INSERT INTO customers (customer_id, referral_code, email, phone, device_id, payment_fingerprint)
       VALUES ($1, $1, $2, $3, $4, $5)`,
      [legacy.customerId, legacy.email, legacy.phone, legacy.deviceId, legacy.paymentFingerprint],
    );
    await api.db.pool.query(
      `INSERT INTO customer_events (event_id, customer_id, type, payload, occurred_at) VALUES ($1, $2, 'signed_up', $3, now())`,
      [eventId, legacy.customerId, JSON.stringify({ type: 'signed_up', eventId, ...legacy, locale: 'en' })],
    );
    expect(await profileOf(legacy.customerId)).toMatchObject({ email: legacy.email, phone: legacy.phone });
    const twin = { customerId: id('twin'), email: legacy.email, deviceId: legacy.deviceId };
    await signUp(twin);
    const twinProfile = (await profileOf(twin.customerId))!;
    // Not hashed yet: the legacy row is invisible to matching until the reseal (which the API runs at start).
    expect(await customersSharingFingerprints(api.db.pool, testPersonalData, twinProfile)).toEqual([]);

    expect(await resealPersonalData(api.db.pool, testPersonalData)).toEqual({
      customers: 1,
      events: 1,
      addresses: 0,
    });
    expect(await everythingStored()).not.toContain(legacy.deviceId);
    expect(await profileOf(legacy.customerId)).toMatchObject({
      email: legacy.email,
      phone: legacy.phone,
      deviceId: legacy.deviceId,
      paymentFingerprint: legacy.paymentFingerprint,
    });
    expect(await customersSharingFingerprints(api.db.pool, testPersonalData, twinProfile)).toEqual([
      { customerId: legacy.customerId, shared: ['email', 'device'] },
    ]);
  });

  it('a reseal stopped (shutdown) ends after its current batch; the next run does the rest', async () => {
    const legacy = [person(), person(), person()];
    for (const p of legacy) {
      await api.db.pool.query(
        `INSERT INTO customers (customer_id, referral_code, email) VALUES ($1, $1, $2)`,
        [p.customerId, p.email],
      );
    }
    const stopped = new AbortController();
    stopped.abort();
    expect(
      await resealPersonalData(api.db.pool, testPersonalData, { batchSize: 1, signal: stopped.signal }),
    ).toEqual({ customers: 1, events: 0, addresses: 0 });
    expect(await resealPersonalData(api.db.pool, testPersonalData)).toEqual({
      customers: 2,
      events: 0,
      addresses: 0,
    });
    expect(await everythingStored()).not.toContain(legacy[2]!.email);
  });

  it('support finds customers by email (any case) or phone (any spacing) through the keyed hash; nothing in the logs', async () => {
    const ada = person();
    await signUp(ada);
    const twin = { customerId: id('twin'), email: ada.email.toLowerCase() };
    await signUp(twin);
    const find = (query: string, role: 'support' | 'storefront' = 'support') =>
      api
        .http()
        .get(`/v1/customers?${query}`)
        .set({ Authorization: `Bearer ${api.keys[role]}` });
    const ids = async (query: string) =>
      ((await find(query)).body.items as { customerId: string }[]).map((c) => c.customerId);

    // Several accounts on one address (the multi-account case): both, oldest first.
    expect(await ids(`email=${encodeURIComponent(` ${ada.email.toUpperCase()} `)}`)).toEqual([
      ada.customerId,
      twin.customerId,
    ]);
    const spaced = `${ada.phone.slice(0, 3)}-${ada.phone.slice(3, 7)} ${ada.phone.slice(7)}`;
    expect(await ids(`phone=${encodeURIComponent(spaced)}`)).toEqual([ada.customerId]);
    // Both given: both must match.
    expect(await ids(`email=${encodeURIComponent(ada.email)}&phone=${ada.phone}`)).toEqual([ada.customerId]);
    expect(await ids(`email=${encodeURIComponent('nobody@example.com')}`)).toEqual([]);
    // Neither given: 422 (a rule the OpenAPI schema cannot state); an unknown parameter: 400; a role that may not
    // read customers: 403.
    expect((await find('')).status).toBe(422);
    expect((await find('name=ada')).status).toBe(400);
    expect((await find(`email=${encodeURIComponent(ada.email)}`, 'storefront')).status).toBe(403);
    const logged = api.logs.text();
    expect(logged).toContain('/v1/customers');
    expect(logged).not.toContain(ada.email);
    expect(logged).not.toContain(ada.email.toUpperCase());
    expect(logged).not.toContain(ada.phone.slice(3, 7) + ' ' + ada.phone.slice(7));
  });

  it('keeps personal data out of the API’s logs: accepted, refused and exported alike', async () => {
    const cy = person();
    await signUp(cy);
    const refused = await api
      .http()
      .post('/v1/events')
      .set(storefront())
      .send({
        type: 'signed_up',
        eventId: id('ev'),
        customerId: cy.customerId,
        email: `${cy.phone}-not-an-address`,
        phone: cy.phone,
      });
    expect(refused.status).toBe(400);
    const exported = await api
      .http()
      .get(`/v1/customers/${cy.customerId}/export`)
      .set({ Authorization: `Bearer ${api.keys['support-manager']}` });
    expect(exported.status).toBe(200);
    expect(JSON.stringify(exported.body)).toContain(cy.email); // the answer has it; the log must not
    const logged = api.logs.text();
    expect(logged).toContain(`/v1/customers/${cy.customerId}/export`); // the requests were logged
    for (const value of [cy.email, cy.phone, cy.deviceId, cy.paymentFingerprint])
      expect(logged).not.toContain(value);
    for (const secret of [TEST_PII_ENV.PII_HASH_KEY, TEST_PII_ENV.PII_ENCRYPTION_KEYS.split(':')[1]!]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('a sealed value copied into another customer’s row does not open there', async () => {
    const [a, b] = [person(), person()];
    await signUp(a);
    await signUp(b);
    await api.db.pool.query(
      `UPDATE customers SET email = (SELECT email FROM customers WHERE customer_id = $1) WHERE customer_id = $2`,
      [a.customerId, b.customerId],
    );
    await expect(profileOf(b.customerId)).rejects.toThrow();
    await api.db.pool.query('DELETE FROM customer_events WHERE customer_id = $1', [b.customerId]);
    await api.db.pool.query('DELETE FROM customers WHERE customer_id = $1', [b.customerId]);
  });
});
