import { randomBytes } from 'node:crypto';
import type { temporal } from '@temporalio/proto';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';
import { eventually } from '../../../test/support/eventually';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { TEST_CODEC_UI_TOKEN, TEST_TEMPORAL_UI_URL } from '../../../test/support/api/product-api';
import { journeyWorkflowId } from '../../../workflows/shared/definitions';

type HistoryPayload = temporal.api.common.v1.IPayload;
interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

/** Every payload of a history, wherever an event carries one (inputs, results, signals, markers, failures). */
function payloadsOf(node: unknown, found: HistoryPayload[] = []): HistoryPayload[] {
  if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) return found;
  if (Array.isArray(node)) {
    for (const item of node) payloadsOf(item, found);
    return found;
  }
  const record = node as Record<string, unknown>;
  if (Array.isArray(record['payloads'])) found.push(...(record['payloads'] as HistoryPayload[]));
  for (const [key, value] of Object.entries(record)) if (key !== 'payloads') payloadsOf(value, found);
  return found;
}

const asJson = (p: HistoryPayload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

/**
 * Temporal payloads are encrypted with the personal-data keys before they leave the API and the worker: the server
 * stores no customer data in clear. The API serves the codec server protocol so ops still read journeys in the Web UI
 * (on the endpoint whose path carries the UI's secret) and the CLI (with an ops key); every decode is audited.
 */
describe('Temporal payloads encrypted at rest, readable through the codec server', () => {
  const api = useProductTestApi();
  const as = (role: keyof typeof api.keys) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const uiOrigin = new URL(TEST_TEMPORAL_UI_URL).origin;
  const customer = {
    customerId: `c-${randomBytes(4).toString('hex')}`,
    email: uniqueRecipient('codec'),
    phone: '13912345678',
    deviceId: `device-${randomBytes(4).toString('hex')}`,
  };
  let payloads: HistoryPayload[] = [];
  let allPayloads: HistoryPayload[] = [];

  beforeAll(async () => {
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'trial', journeyType: 'trial-credit', budget: 1_000_000 });
    const campaignId = created.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);
    const sent = await api
      .http()
      .post('/v1/events')
      .set(as('storefront'))
      .send({ eventId: `ev-${customer.customerId}`, type: 'signed_up', locale: 'en', ...customer });
    expect(sent.status).toBe(202);
    await api.settle();
    await eventually(async () => (await mailTo(customer.email)).length === 1, { description: 'the email' });
    // The raw history as the server keeps it: the time-skipping env's own client has no codec.
    const history = await api.env.client.workflow
      .getHandle(journeyWorkflowId(campaignId, customer.customerId))
      .fetchHistory();
    // The SDK's own marker bookkeeping (a patch's name; a local activity's seq, type and timings) is written without
    // the codec; a local activity's result goes through it like any other payload.
    const events = history.events ?? [];
    const sdkBookkeeping = events.flatMap((e) => {
      const details = e.markerRecordedEventAttributes?.details ?? {};
      return [details['patch-data'], details['data']].flatMap((d) => d?.payloads ?? []);
    });
    expect(sdkBookkeeping.length).toBeGreaterThan(0);
    allPayloads = payloadsOf(events);
    payloads = allPayloads.filter((p) => !sdkBookkeeping.includes(p));
  });

  it('stores every payload of a journey encrypted: no email, phone or device id in the history', () => {
    expect(payloads.length).toBeGreaterThan(5);
    for (const payload of payloads) {
      expect(Buffer.from(payload.metadata?.['encoding'] ?? new Uint8Array()).toString()).toBe(
        'binary/encrypted',
      );
    }
    const stored = Buffer.concat(allPayloads.map((p) => Buffer.from(p.data ?? new Uint8Array())));
    for (const secret of [customer.email, customer.phone, customer.deviceId, customer.customerId]) {
      expect(stored.includes(Buffer.from(secret))).toBe(false);
    }
  });

  it('the Web UI (its token endpoint) decodes them: the journey input and the contact read are readable, and audited', async () => {
    const res = await api
      .http()
      .post(`/temporal-codec/ui/${TEST_CODEC_UI_TOKEN}/decode`)
      .set('Origin', uiOrigin)
      .set('X-Namespace', 'default')
      .send({ payloads: payloads.map(asJson) });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(uiOrigin);
    expect(res.headers['cache-control']).toBe('no-store');
    const decoded = (res.body as { payloads: JsonPayload[] }).payloads;
    expect(decoded).toHaveLength(payloads.length);
    expect(text(decoded[0]!.metadata['encoding']!)).toBe('json/plain');
    expect(JSON.parse(text(decoded[0]!.data))).toMatchObject({ customerId: customer.customerId });
    expect(decoded.map((p) => text(p.data)).join('\n')).toContain(customer.email);
    const audited = await api.http().get('/v1/audit?operationId=decodeTemporalPayloads').set(as('ops'));
    expect(audited.body.items).toEqual([
      expect.objectContaining({ actorKeyId: 'temporal-ui', resource: '/temporal-codec' }),
    ]);
  });

  it('encode then decode gives the payload back; an altered or foreign payload is a 422 without a reason', async () => {
    const plain = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: btoa('{"a":1}'),
    };
    const encoded = await api
      .http()
      .post('/temporal-codec/encode')
      .set(as('ops'))
      .send({ payloads: [plain] });
    expect(encoded.status).toBe(200);
    const sealed = (encoded.body as { payloads: JsonPayload[] }).payloads[0]!;
    expect(text(sealed.metadata['encoding']!)).toBe('binary/encrypted');
    const back = await api
      .http()
      .post('/temporal-codec/decode')
      .set(as('ops'))
      .send({ payloads: [sealed] });
    expect((back.body as { payloads: JsonPayload[] }).payloads).toEqual([plain]);

    const bytes = Buffer.from(sealed.data, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    const altered = await api
      .http()
      .post('/temporal-codec/decode')
      .set(as('ops'))
      .send({ payloads: [{ ...sealed, data: bytes.toString('base64') }] });
    const problem = expectProblem(altered, 422);
    expect(JSON.stringify(problem)).not.toMatch(/unsupported state|authenticate|auth tag/i);
  });

  it('nobody else decodes: no key (whatever Origin it claims), a wrong UI token, or a role other than ops; bad bodies are 400/415', async () => {
    const body = { payloads: payloads.slice(0, 1).map(asJson) };
    expectProblem(await api.http().post('/temporal-codec/decode').send(body), 401);
    // An Origin header is no credential: any client can send the UI's.
    expectProblem(await api.http().post('/temporal-codec/decode').set('Origin', uiOrigin).send(body), 401);
    for (const token of [`${TEST_CODEC_UI_TOKEN}x`, TEST_CODEC_UI_TOKEN.slice(1), 'short']) {
      expectProblem(await api.http().post(`/temporal-codec/ui/${token}/decode`).send(body), 404);
    }
    for (const role of ['growth', 'support', 'finance', 'storefront'] as const) {
      expectProblem(await api.http().post('/temporal-codec/decode').set(as(role)).send(body), 403);
    }
    expectProblem(
      await api
        .http()
        .post('/temporal-codec/decode')
        .set('Authorization', `Bearer ${api.revokedKey}`)
        .send(body),
      401,
    );
    expect((await api.http().post('/temporal-codec/decode').set(as('ops')).send(body)).status).toBe(200);

    expectProblem(
      await api.http().post('/temporal-codec/decode').set(as('ops')).send({ payloads: 'x' }),
      400,
    );
    expectProblem(
      await api
        .http()
        .post('/temporal-codec/decode')
        .set(as('ops'))
        .send({ payloads: [{ data: 'not base64!' }] }),
      400,
    );
    expectProblem(
      await api
        .http()
        .post('/temporal-codec/decode')
        .set(as('ops'))
        .set('Content-Type', 'text/plain')
        .send('x'),
      415,
    );
    expectProblem(await api.http().get('/temporal-codec/decode').set(as('ops')), 405);

    const preflight = await api
      .http()
      .options('/temporal-codec/decode')
      .set('Origin', uiOrigin)
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(uiOrigin);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Namespace/);
    const foreign = await api.http().options('/temporal-codec/decode').set('Origin', 'http://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});
