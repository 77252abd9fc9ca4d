import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { FieldCipher } from '../lib/field-cipher';

/** The encoding an encrypted payload declares; a payload without it passes through decode unchanged. */
export const ENCRYPTED_PAYLOAD_ENCODING = 'binary/encrypted';
/** Bound as associated data: a sealed payload opens only as a Temporal payload, never as a customer field. */
const PAYLOAD_CONTEXT = 'temporal-payload/v1';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * Encrypts every Temporal payload (workflow and activity inputs and results, signals, queries, memos, failures'
 * details) with the personal-data keyring before it leaves the process, so the Temporal server's store and its
 * backups hold no customer data in clear: an event's email, an activity's recipient, a note typed by an agent. The
 * whole serialized payload is sealed (its encoding too), under the current key; decode opens payloads sealed under
 * any key still in the ring and lets plain payloads through (histories recorded before encryption, or by a process
 * without it, keep replaying).
 */
export class EncryptingPayloadCodec implements PayloadCodec {
  constructor(private readonly cipher: FieldCipher) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => ({
        metadata: {
          encoding: utf8.encode(ENCRYPTED_PAYLOAD_ENCODING),
          'encryption-key-id': utf8.encode(this.cipher.currentKeyId),
        },
        data: this.cipher.sealBytes(temporal.api.common.v1.Payload.encode(payload).finish(), PAYLOAD_CONTEXT),
      })),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => {
        const encoding = payload.metadata?.['encoding'];
        if (!encoding || fromUtf8.decode(encoding) !== ENCRYPTED_PAYLOAD_ENCODING) return payload;
        if (!payload.data) throw new Error('an encrypted payload without data');
        const opened = this.cipher.openBytes(payload.data, PAYLOAD_CONTEXT);
        return temporal.api.common.v1.Payload.decode(opened) as Payload;
      }),
    );
  }
}

/**
 * The data converter of every Temporal client and worker of the product (not the simulation's scratch servers).
 * Failures' messages and stacks are not encoded (the SDK's default failure converter): activities' error messages
 * must not carry personal data (the mailer's errors are built from type names and codes, see email/).
 */
export function encryptedDataConverter(
  cipher: FieldCipher,
  codec: PayloadCodec = new EncryptingPayloadCodec(cipher),
): DataConverter {
  return { payloadCodecs: [codec] };
}
