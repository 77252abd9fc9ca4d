import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { identityOf } from './authenticate';
import { checkJsonBody } from './json-body';
import { issuesFrom, problems } from './problem';
import { hasAnyRole } from './roles';

/** Where the Temporal Web UI and CLI find the codec server (`--ui-codec-endpoint`, `--codec-endpoint`). */
export const TEMPORAL_CODEC_PATH = '/temporal-codec';

export interface TemporalCodecOptions {
  /** The product's payload codec (encryption): what the server stores, the UI and CLI read through it. */
  codec: PayloadCodec;
  /**
   * Browser origins of the Temporal Web UI allowed to call it (CORS). A call from one of them over loopback needs no
   * key (the dev server's UI has no sign-in: whoever reaches it reaches the codec, on this machine only).
   */
  allowedOrigins: readonly string[];
  /** Where such keyless calls may come from (default loopback only). */
  keylessFrom?: 'loopback' | 'anywhere';
}

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

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The Temporal codec server protocol (POST {path}/encode and {path}/decode, `{"payloads": [...]}` in proto3 JSON) over
 * the product's payload encryption, so ops read journeys in the Temporal Web UI and CLI while the server stores only
 * ciphertext. Decoding hands out customer data: an ops or admin key (the CLI's `--codec-auth "Bearer …"`), or a call
 * from an allowed Web UI origin over loopback (`npm start`'s own UI) — never anyone else.
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

  const authorizeCodec: RequestHandler = (req, res, next) => {
    const identity = identityOf(res);
    if (identity.kind === 'authenticated') {
      if (!hasAnyRole(identity.principal.roles, ['ops'])) {
        throw problems.forbidden('The codec server requires one of the roles: ops, admin.');
      }
    } else if (identity.kind === 'invalid') {
      throw problems.unauthenticated(identity.reason);
    } else {
      const fromAllowedUi = req.headers.origin !== undefined && allowed.has(req.headers.origin);
      const fromAllowedPlace =
        options.keylessFrom === 'anywhere' || LOOPBACK.has(req.socket.remoteAddress ?? '');
      if (!fromAllowedUi || !fromAllowedPlace) {
        throw problems.unauthenticated(
          'Send an ops API key as "Authorization: Bearer <key>" (temporal … --codec-auth "Bearer <key>").',
        );
      }
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
    };

  for (const direction of ['encode', 'decode'] as const) {
    const path = `${TEMPORAL_CODEC_PATH}/${direction}`;
    router.options(path, cors);
    router.post(path, cors, authorizeCodec, parseJson, checkJsonBody, transform(direction));
    router.all(path, () => {
      throw problems.methodNotAllowed(['POST', 'OPTIONS']);
    });
  }
  return router;
}
