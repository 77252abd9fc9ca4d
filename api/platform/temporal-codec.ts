import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { AuditLogStore } from '../../stores/audit-log';
import { identityOf, principalOf } from './authenticate';
import { checkJsonBody } from './json-body';
import { issuesFrom, problems } from './problem';
import { hasAnyRole } from './roles';

/** Where the Temporal Web UI and CLI find the codec server (`--ui-codec-endpoint`, `--codec-endpoint`). */
export const TEMPORAL_CODEC_PATH = '/temporal-codec';

export interface TemporalCodecOptions {
  /** The product's payload codec (encryption): what the server stores, the UI and CLI read through it. */
  codec: PayloadCodec;
  /** Browser origins of the Temporal Web UI allowed to call it (CORS only: an origin proves nothing). */
  allowedOrigins: readonly string[];
  /**
   * A secret the Web UI's codec endpoint carries in its path (`/temporal-codec/ui/<token>`): the UI cannot send an API
   * key, so whoever can read the UI's settings — whoever reaches the UI — may decode, and nobody else. Without it only
   * ops keys decode.
   */
  uiToken?: string;
  /** Every decode is recorded: who read personal data out of Temporal histories. */
  audit?: Pick<AuditLogStore, 'record'>;
}

/** At least this long: a UI token is a credential. */
export const MIN_UI_TOKEN_LENGTH = 32;

const Base64 = z
  .string()
  .max(4_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const PayloadsBody = z.strictObject({
  payloads: z
    .array(
      z.strictObject({ metadata: z.record(z.string().max(200), Base64).optional(), data: Base64.optional() }),
    )
    .max(1_000),
});
type JsonPayload = z.infer<typeof PayloadsBody>['payloads'][number];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
  ),
  data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * The Temporal codec server protocol (POST {path}/encode and {path}/decode, `{"payloads": [...]}` in proto3 JSON) over
 * the product's payload encryption, so ops read journeys in the Temporal Web UI and CLI while the server stores only
 * ciphertext. Decoding hands out customer data: an ops or admin key (the CLI's `--codec-auth "Bearer …"`) on
 * {path}/…, or the Web UI's own endpoint {path}/ui/<token>/… (npm start generates the token per run and hands it to its
 * UI). An Origin header is never a credential: any client can send one.
 */
export function temporalCodecRouter(options: TemporalCodecOptions): Router {
  const router = express.Router();
  const allowed = new Set(options.allowedOrigins);

  const cors: RequestHandler = (req, res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.vary('Origin');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };

  const requireOpsKey: RequestHandler = (_req, res, next) => {
    const identity = identityOf(res);
    if (identity.kind === 'anonymous') {
      throw problems.unauthenticated(
        'Send an ops API key as "Authorization: Bearer <key>" (temporal … --codec-auth "Bearer <key>").',
      );
    }
    if (identity.kind === 'invalid') throw problems.unauthenticated(identity.reason);
    if (!hasAnyRole(identity.principal.roles, ['ops'])) {
      throw problems.forbidden('The codec server requires one of the roles: ops, admin.');
    }
    next();
  };

  const expected = options.uiToken ? Buffer.from(options.uiToken) : null;
  const requireUiToken: RequestHandler = (req, _res, next) => {
    const given = Buffer.from(String(req.params['token'] ?? ''));
    if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      // The same answer as an unknown path: a wrong token says nothing about the right one.
      throw problems.notFound('No such codec endpoint.');
    }
    next();
  };

  const parseJson = express.json({ limit: '8mb', strict: true, type: ['application/json'] });
  const transform =
    (direction: 'encode' | 'decode') =>
    async (req: Request, res: Response): Promise<void> => {
      if (!req.is('application/json')) throw problems.unsupportedMediaType();
      const body = PayloadsBody.safeParse(req.body);
      if (!body.success) throw problems.validation(issuesFrom('body', body.error));
      let payloads: Payload[];
      try {
        payloads = await options.codec[direction](body.data.payloads.map(fromJson));
      } catch {
        // No reason in the answer: it could help someone probing the keys.
        throw problems.unprocessable(`These payloads cannot be ${direction}d with this server's keys.`);
      }
      res.setHeader('Cache-Control', 'no-store');
      res.json({ payloads: payloads.map(toJson) });
      if (direction === 'decode' && options.audit) {
        const principal = principalOf(res);
        await options.audit
          .record({
            actorKeyId: principal?.keyId ?? 'temporal-ui',
            actorName: principal?.name ?? 'Temporal Web UI (codec endpoint token)',
            operationId: 'decodeTemporalPayloads',
            method: 'POST',
            resource: TEMPORAL_CODEC_PATH,
            status: 200,
            requestId: String(req.id),
          })
          .catch((err: unknown) => req.log.error({ err }, 'could not write the audit log'));
      }
    };

  for (const direction of ['encode', 'decode'] as const) {
    const keyed = `${TEMPORAL_CODEC_PATH}/${direction}`;
    const ui = `${TEMPORAL_CODEC_PATH}/ui/:token/${direction}`;
    router.options([keyed, ui], cors);
    router.post(keyed, cors, requireOpsKey, parseJson, checkJsonBody, transform(direction));
    router.post(ui, cors, requireUiToken, parseJson, checkJsonBody, transform(direction));
    router.all([keyed, ui], () => {
      throw problems.methodNotAllowed(['POST', 'OPTIONS']);
    });
  }
  return router;
}
