import { randomBytes } from 'node:crypto';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { expectProblem } from '../../../test/support/api/probe';
import { useProductTestApi } from '../../../test/support/per-file';
import { checkSymbol, CODE_ALPHABET } from '../../../services/code-format';

describe('promotion codes: generate, claim into the wallet, limits, void', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const http = () => api.http();

  async function launchedCampaign(budget = 1_000_000): Promise<string> {
    const created = await http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: id('codes'), journeyType: 'compensation', budget });
    expect(created.status).toBe(201);
    const campaignId = created.body.campaignId as string;
    expect((await http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);
    return campaignId;
  }
  const createBatch = async (campaignId: string, body: Record<string, unknown>) => {
    const r = await http().post(`/v1/campaigns/${campaignId}/code-batches`).set(as('growth')).send(body);
    return r;
  };
  const listCodes = (batchId: string, query = '') =>
    http().get(`/v1/code-batches/${batchId}/codes${query}`).set(as('growth'));
  const claim = (code: string, customerId: string) =>
    http()
      .post(`/v1/codes/${encodeURIComponent(code)}/claim`)
      .set(as('storefront'))
      .send({ customerId });
  const walletBalance = async (customerId: string) =>
    (await http().get(`/v1/customers/${customerId}/wallet`).set(as('storefront'))).body.balance as number;

  it('generates unique codes, pages through them, and a claim grants the reward as a lot once', async () => {
    const campaignId = await launchedCampaign();
    const batch = await createBatch(campaignId, {
      kind: 'unique',
      count: 250,
      reward: { amount: 2000, validForDays: 30 },
    });
    expect(batch.status).toBe(201);
    expect(batch.body).toMatchObject({ kind: 'unique', codes: 250, claimed: 0, perCustomerLimit: 1 });

    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page = await listCodes(batch.body.batchId as string, `?limit=100${next ? `&after=${next}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as { code: string }[]).map((c) => c.code));
      next = page.body.next as string | null;
    } while (next);
    expect(new Set(seen).size).toBe(250);
    // A last page that is full says so (next null), and a cursor that is no code of this batch is refused rather
    // than answered with an empty or partial page that would read as the end of the export.
    const exact = await listCodes(batch.body.batchId as string, `?limit=50&after=${seen[199]}`);
    expect(exact.body.items).toHaveLength(50);
    expect(exact.body.next).toBeNull();
    for (const after of ['ZZZZZZZZZZZ', 'PROBE697638']) {
      const refused = await listCodes(batch.body.batchId as string, `?after=${after}`);
      expect(expectProblem(refused, 422, 'unknown-page-cursor').errors).toEqual([
        expect.objectContaining({ path: ['query', 'after'] }),
      ]);
    }

    const customer = id('cust');
    const code = seen[0]!;
    const display = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`.toLowerCase();
    const first = await claim(display, customer);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ code, customerId: customer, amount: 2000, created: true });
    expect(Date.parse(first.body.expiresAt as string) - Date.parse(first.body.claimedAt as string)).toBe(
      30 * 86_400_000,
    );
    expect(await walletBalance(customer)).toBe(2000);

    // Claiming again answers the same claim, no second lot.
    const again = await claim(code, customer);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ lotId: first.body.lotId, created: false });
    expect(await walletBalance(customer)).toBe(2000);

    // A single-use code is gone for everyone else.
    expectProblem(await claim(code, id('other')), 409, 'code-exhausted');
    const summary = await http()
      .get(`/v1/code-batches/${batch.body.batchId as string}`)
      .set(as('growth'));
    expect(summary.body).toMatchObject({ codes: 250, claimed: 1 });
    const budget = await api.ledger.campaignBudget(campaignId);
    expect(budget.remaining).toBe(1_000_000 - 2000);
  });

  it('codes bound to customers are claimable only by them; a mistyped code is refused without a lookup', async () => {
    const campaignId = await launchedCampaign();
    const [alice, bob] = [id('alice'), id('bob')];
    const batch = await createBatch(campaignId, {
      kind: 'unique',
      customerIds: [alice, bob],
      reward: { amount: 500 },
    });
    expect(batch.status).toBe(201);
    const codes = (await listCodes(batch.body.batchId as string)).body.items as {
      code: string;
      customerId: string;
    }[];
    const alicesCode = codes.find((c) => c.customerId === alice)!.code;
    expectProblem(await claim(alicesCode, bob), 404, 'not-found');
    expect((await claim(alicesCode, alice)).status).toBe(201);

    // One symbol changed: the check symbol catches it (422), never a 404 that would confirm a near miss.
    const wrong = CODE_ALPHABET[(CODE_ALPHABET.indexOf(alicesCode[3]!) + 1) % CODE_ALPHABET.length]!;
    const typo = alicesCode.slice(0, 3) + wrong + alicesCode.slice(4);
    expectProblem(await claim(typo, alice), 422, 'code-mistyped');
    // A well-formed code nobody issued: 404.
    const body = 'ABCDEFGHJK';
    expectProblem(await claim(body + checkSymbol(body), alice), 404, 'not-found');
  });

  it('a shared code keeps its total and per-customer limits under 30 concurrent claims', async () => {
    const campaignId = await launchedCampaign();
    const code = `SPRING${randomBytes(3).toString('hex').toUpperCase()}`;
    const batch = await createBatch(campaignId, {
      kind: 'shared',
      code,
      totalLimit: 10,
      perCustomerLimit: 2,
      reward: { amount: 100 },
    });
    expect(batch.status).toBe(201);
    const customers = Array.from({ length: 15 }, () => id('c'));
    const answers = await Promise.all(
      customers.flatMap((c) => [claim(code, c), claim(code.toLowerCase(), c)]),
    );
    const granted = answers.filter((r) => r.status === 201);
    expect(granted).toHaveLength(10);
    for (const r of answers.filter((r) => r.status !== 201)) {
      expect([409]).toContain(r.status);
      expect(
        ['code-exhausted', 'code-claims-pending', 'code-claim-limit-reached', 'code-claim-in-progress'].map(
          (s) => s,
        ),
      ).toContain(String(r.body.type).split('/').pop());
    }
    const perCustomer = new Map<string, number>();
    for (const r of granted)
      perCustomer.set(r.body.customerId, (perCustomer.get(r.body.customerId) ?? 0) + 1);
    expect(Math.max(...perCustomer.values())).toBeLessThanOrEqual(2);
    expect(new Set(granted.map((r) => r.body.lotId)).size).toBe(10);
    expect((await api.ledger.campaignBudget(campaignId)).remaining).toBe(1_000_000 - 10 * 100);

    // The same code cannot be created twice.
    expectProblem(
      await createBatch(campaignId, { kind: 'shared', code, reward: { amount: 100 } }),
      409,
      'code-exists',
    );
  });

  it('30 concurrent claims of a shared code whose budget covers 3: never "exhausted" while slots come back', async () => {
    const campaignId = await launchedCampaign(300);
    const code = `FEW${randomBytes(3).toString('hex').toUpperCase()}`;
    const batch = await createBatch(campaignId, {
      kind: 'shared',
      code,
      totalLimit: 10,
      perCustomerLimit: 1,
      reward: { amount: 100 },
    });
    expect(batch.status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 30 }, () => claim(code, id('c'))));
    const reasons = answers.filter((r) => r.status !== 201).map((r) => String(r.body.type).split('/').pop());
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    // Only 3 of the 10 slots were ever granted: a refusal says the budget ran out or that slots were still being
    // granted (ask again), never that the code has no claims left.
    expect(reasons.filter((r) => r !== 'campaign-budget-exhausted' && r !== 'code-claims-pending')).toEqual(
      [],
    );
    expect(reasons).toContain('campaign-budget-exhausted');
    const summary = await http()
      .get(`/v1/code-batches/${batch.body.batchId as string}`)
      .set(as('growth'));
    expect(summary.body).toMatchObject({ claimed: 3 });
    expectProblem(await claim(code, id('late')), 422, 'campaign-budget-exhausted');
  });

  it('a claim the budget cannot cover gives its slot back; void stops claims; drafts cannot pay', async () => {
    const campaignId = await launchedCampaign(1000);
    const code = `BIG${randomBytes(3).toString('hex').toUpperCase()}`;
    expect(
      (await createBatch(campaignId, { kind: 'shared', code, totalLimit: 5, reward: { amount: 600 } }))
        .status,
    ).toBe(201);
    expect((await claim(code, id('c'))).status).toBe(201);
    expectProblem(await claim(code, id('c')), 422, 'campaign-budget-exhausted');
    const view = await http().get(`/v1/codes/${code}`).set(as('storefront'));
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ campaignId, status: 'active' });
    expect(
      (await api.db.pool.query('SELECT claims FROM promotion_codes WHERE code = $1', [code])).rows[0],
    ).toEqual({
      claims: 1,
    });

    expect((await http().post(`/v1/codes/${code}/void`).set(as('growth'))).status).toBe(200);
    expectProblem(await claim(code, id('c')), 409, 'code-void');
    expectProblem(await http().post(`/v1/codes/${code}/void`).set(as('growth')), 409, 'code-void');

    const draft = await http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: id('draft'), journeyType: 'compensation', budget: 1000 });
    const draftCode = `DRAFT${randomBytes(2).toString('hex').toUpperCase()}`;
    expect(
      (
        await createBatch(draft.body.campaignId as string, {
          kind: 'shared',
          code: draftCode,
          reward: { amount: 100 },
        })
      ).status,
    ).toBe(201);
    expectProblem(await claim(draftCode, id('c')), 409, 'campaign-not-launched');
    expect(
      (await api.db.pool.query('SELECT claims FROM promotion_codes WHERE code = $1', [draftCode])).rows,
    ).toEqual([{ claims: 0 }]);
  });

  it('a claim interrupted after its grant (crash before the record) finishes with the same lot, charged once', async () => {
    const campaignId = await launchedCampaign();
    const batch = await createBatch(campaignId, { kind: 'unique', count: 1, reward: { amount: 700 } });
    const [{ code }] = (await listCodes(batch.body.batchId as string)).body.items as [{ code: string }];
    const customer = id('cust');
    // What a process killed between the ledger grant and the claim record leaves: a pending slot (taken a minute
    // ago) whose grant already committed under the claim's key.
    const claimId = `${code}.${customer}.crashed`;
    const claimedAt = new Date(Date.now() - 60_000).toISOString();
    await api.db.pool.query(
      `INSERT INTO promotion_code_claims (claim_id, code, customer_id, status, claimed_at) VALUES ($1, $2, $3, 'pending', $4)`,
      [claimId, code, customer, claimedAt],
    );
    await api.db.pool.query('UPDATE promotion_codes SET claims = 1 WHERE code = $1', [code]);
    const before = await api.ledger.grantCredit({
      idempotencyKey: `code-claim/${claimId}`,
      campaignId,
      customerId: customer,
      amount: 700,
      kind: 'cash',
      scope: { type: 'all' },
      stacking: 'stackable',
      expiresAt: null,
      asOf: claimedAt,
      source: { reason: `code ${code}` },
    });
    // Paused meanwhile: the interrupted claim is still finished (given back, its lot would stay and the code pay twice).
    expect((await http().post(`/v1/campaigns/${campaignId}/pause`).set(as('growth'))).status).toBe(200);
    const resumed = await claim(code, customer);
    expect(resumed.status).toBe(201);
    expect(resumed.body).toMatchObject({ claimId, lotId: before.lotId, amount: 700 });
    expect(await walletBalance(customer)).toBe(700);
    expect((await api.ledger.campaignBudget(campaignId)).remaining).toBe(1_000_000 - 700);
    expect((await claim(code, customer)).body).toMatchObject({ lotId: before.lotId, created: false });
  });

  it('codes entered at checkout are claimed and apply with the stacking rules; a retried checkout claims nothing more', async () => {
    const campaignId = await launchedCampaign();
    const customer = id('cust');
    const coupon = `FULL${randomBytes(3).toString('hex').toUpperCase()}`; // 满100减20, usable twice per customer
    expect(
      (
        await createBatch(campaignId, {
          kind: 'shared',
          code: coupon,
          perCustomerLimit: 2,
          reward: { amount: 2000, creditKind: 'threshold', minOrderAmount: 10_000, stacking: 'exclusive' },
        })
      ).status,
    ).toBe(201);
    const redeem = (body: Record<string, unknown>) =>
      http()
        .post('/v1/redemptions')
        .set(as('storefront'))
        .send({ customerId: customer, ...body });

    const small = await redeem({ order: { orderId: id('o'), amount: 5000 }, codes: [coupon] });
    expect(small.status).toBe(200);
    expect(small.body).toMatchObject({ total: 0, codes: [{ code: coupon, applied: false }] });
    expect(await walletBalance(customer)).toBe(2000); // claimed on the quote: the shopper entered it

    const order = { orderId: id('o'), amount: 15_000 };
    const quote = await redeem({ order, codes: [coupon.toLowerCase()] });
    expect(quote.body).toMatchObject({
      total: 2000,
      payable: 13_000,
      codes: [{ code: coupon, applied: true }],
    });
    const commit = await redeem({ order, codes: [coupon], commit: true });
    expect(commit.body).toMatchObject({
      committed: true,
      total: 2000,
      codes: [{ code: coupon, applied: true }],
    });
    const retried = await redeem({ order, codes: [coupon], commit: true });
    expect(retried.body).toMatchObject({ redemptionId: commit.body.redemptionId, total: 2000 });
    const claims = await api.db.pool.query(
      'SELECT count(*)::int AS n FROM promotion_code_claims WHERE customer_id = $1',
      [customer],
    );
    expect(claims.rows[0]).toEqual({ n: 1 });
    expect(await walletBalance(customer)).toBe(0);

    expectProblem(await redeem({ order: { orderId: id('o'), amount: 100 }, codes: ['NOSUCHCODE'] }), 404);
  });

  it('percent-off (八折, capped) and free-shipping codes: claimed at checkout, applied per line and to shipping, the unused cap released', async () => {
    const campaignId = await launchedCampaign(100_000);
    const customer = id('cust');
    const eightyPercent = `EIGHTY${randomBytes(3).toString('hex').toUpperCase()}`;
    const freeShipping = `SHIP${randomBytes(3).toString('hex').toUpperCase()}`;
    const percentBatch = await createBatch(campaignId, {
      kind: 'shared',
      code: eightyPercent,
      reward: {
        amount: 3000,
        creditKind: 'percent',
        percentBp: 2000,
        scope: { type: 'categories', categories: ['shoes'] },
      },
    });
    expect(percentBatch.status).toBe(201);
    expect(percentBatch.body.reward).toMatchObject({ creditKind: 'percent', percentBp: 2000 });
    expect(
      (
        await createBatch(campaignId, {
          kind: 'shared',
          code: freeShipping,
          reward: { amount: 1500, creditKind: 'shipping', minOrderAmount: 5000 },
        })
      ).status,
    ).toBe(201);

    // shoes 100.00 (20 % = 20.00, under the 30.00 cap), books 50.00 (not in scope), shipping 8.00.
    const order = {
      orderId: id('o'),
      amount: 15_800,
      lines: [
        { category: 'shoes', amount: 10_000 },
        { category: 'books', amount: 5_000 },
      ],
      shippingAmount: 800,
    };
    const commit = await http()
      .post('/v1/redemptions')
      .set(as('storefront'))
      .send({ customerId: customer, order, codes: [eightyPercent, freeShipping], commit: true });
    expect(commit.status).toBe(200);
    expect(commit.body).toMatchObject({
      committed: true,
      total: 2_800,
      payable: 13_000,
      shippingDiscount: 800,
    });
    const applied = commit.body.applied as { kind: string; amount: number; released?: number }[];
    expect(applied.map((a) => [a.kind, a.amount, a.released]).sort()).toEqual(
      [
        ['percent', 2_000, 1_000],
        ['shipping', 800, 700],
      ].sort(),
    );
    // Single use: both coupons are used up; what their caps did not need went back to the budget.
    expect(await walletBalance(customer)).toBe(0);
    expect(await api.ledger.campaignBudget(campaignId)).toMatchObject({
      granted: 4_500,
      released: 1_700,
      spentNet: 2_800,
    });

    // A gift code (赠品): one mug free with the order, up to 40.00.
    const mugCode = `MUG${randomBytes(3).toString('hex').toUpperCase()}`;
    const mugBatch = await createBatch(campaignId, {
      kind: 'shared',
      code: mugCode,
      reward: { amount: 4_000, creditKind: 'gift', giftSku: 'sku-mug' },
    });
    expect(mugBatch.status).toBe(201);
    const withMug = await http()
      .post('/v1/redemptions')
      .set(as('storefront'))
      .send({
        customerId: customer,
        codes: [mugCode],
        commit: true,
        order: {
          orderId: id('o'),
          amount: 9_000,
          lines: [
            { category: 'cups', sku: 'sku-mug', amount: 7_000, quantity: 2 },
            { category: 'tea', amount: 2_000 },
          ],
        },
      });
    expect(withMug.status).toBe(200);
    expect(withMug.body).toMatchObject({ total: 3_500, payable: 5_500 });
    expect(withMug.body.applied).toEqual([
      expect.objectContaining({ kind: 'gift', amount: 3_500, released: 500 }),
    ]);
    expectProblem(
      await createBatch(campaignId, {
        kind: 'unique',
        count: 1,
        reward: { amount: 100, creditKind: 'gift' },
      }),
      422,
    );

    expectProblem(
      await createBatch(campaignId, {
        kind: 'unique',
        count: 1,
        reward: { amount: 100, creditKind: 'percent' },
      }),
      422,
    );
    expectProblem(
      await createBatch(campaignId, {
        kind: 'unique',
        count: 1,
        reward: { amount: 100, creditKind: 'cash', percentBp: 1000 },
      }),
      422,
    );
  });

  it('refuses bad batches with 4xx and writes nothing; roles are enforced', async () => {
    const campaignId = await launchedCampaign();
    const before = await api.nothingWrittenSnapshot();
    expectProblem(await createBatch(campaignId, { kind: 'unique', count: 0, reward: { amount: 100 } }), 400);
    expectProblem(
      await createBatch(campaignId, {
        kind: 'unique',
        count: 5,
        reward: { amount: 100, creditKind: 'threshold' },
      }),
      422,
    );
    expectProblem(
      await createBatch(campaignId, {
        kind: 'shared',
        code: 'K7QM3XTV9CH',
        reward: { amount: 100 },
      }),
      422,
    );
    expectProblem(
      await createBatch(campaignId, {
        kind: 'shared',
        code: 'OK-CODE',
        totalLimit: 1,
        perCustomerLimit: 2,
        reward: { amount: 100 },
      }),
      422,
    );
    expectProblem(
      await createBatch('no-such-campaign', { kind: 'unique', count: 1, reward: { amount: 1 } }),
      404,
    );
    expectProblem(
      await http()
        .post(`/v1/campaigns/${campaignId}/code-batches`)
        .set(as('storefront'))
        .send({ kind: 'unique', count: 1, reward: { amount: 1 } }),
      403,
    );
    expectProblem(await claim('bad\u0000code', id('c')), 400);
    expectProblem(
      await createBatch(campaignId, { kind: 'shared', code: '- - -  -', reward: { amount: 1 } }),
      422,
    );
    expectProblem(await claim('----', id('c')), 404);
    expect(await api.nothingWrittenSnapshot()).toEqual(before);
  });
});
