import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256 key of a keyring, named so each ciphertext can say which key sealed it. */
export interface CipherKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Marks text this module sealed (version 1 of the format below); nothing else starts like it. */
const PREFIX = 'pf1';
/** First byte of a binary frame sealed by `sealBytes` (version 1 of that format). */
const BYTES_FORMAT = 1;

/**
 * Parses a keyring written as `id:base64key[,id:base64key…]`, the first being the key new values are sealed with.
 * Throws a message that names the problem but never echoes key material.
 */
export function parseCipherKeys(text: string): CipherKey[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) throw new Error('a keyring needs at least one id:base64key entry');
  const keys = entries.map((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id)) throw new Error(`keyring entry ${i + 1}: the id must be 1-32 of A-Z a-z 0-9 _ -`);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== KEY_BYTES)
      throw new Error(`keyring entry ${i + 1} (${id}): the key must be 32 bytes, base64`);
    return { id, key };
  });
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw new Error('keyring: every key id must be different');
  return keys;
}

/**
 * Authenticated encryption of single text values (AES-256-GCM) under a keyring. A sealed value reads
 * `pf1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts): the key id travels with it, so after a new key is put first
 * values sealed under older keys still open while they stay in the ring. `context` is bound as associated data: a
 * value opens only with the context it was sealed for (a ciphertext copied to another column or row fails).
 */
export class FieldCipher {
  private readonly byId: ReadonlyMap<string, Buffer>;
  private readonly current: CipherKey;

  constructor(keys: readonly CipherKey[]) {
    if (keys.length === 0) throw new Error('FieldCipher needs at least one key');
    for (const k of keys) {
      if (!KEY_ID.test(k.id) || k.key.length !== KEY_BYTES) throw new Error(`invalid cipher key ${k.id}`);
    }
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id of the key new values are sealed with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, context: string): string {
    const { iv, body, tag } = this.encrypt(Buffer.from(plaintext, 'utf8'), context);
    return [
      PREFIX,
      this.current.id,
      iv.toString('base64url'),
      body.toString('base64url'),
      tag.toString('base64url'),
    ].join('.');
  }

  /** The plaintext; throws if the value is not sealed, its key is not in the ring, or it was altered or moved. */
  open(sealed: string, context: string): string {
    const [prefix, keyId, iv, body, tag, ...rest] = sealed.split('.');
    if (prefix !== PREFIX || !keyId || iv === undefined || body === undefined || !tag || rest.length > 0) {
      throw new Error('not a sealed value');
    }
    return this.decrypt(
      keyId,
      Buffer.from(iv, 'base64url'),
      Buffer.from(body, 'base64url'),
      Buffer.from(tag, 'base64url'),
      context,
    ).toString('utf8');
  }

  /**
   * Seals bytes (e.g. a serialized Temporal payload) in a binary frame: format version, key id length, key id, iv,
   * ciphertext, tag. Same keyring, same rules as `seal`.
   */
  sealBytes(plaintext: Uint8Array, context: string): Buffer {
    const { iv, body, tag } = this.encrypt(plaintext, context);
    const keyId = Buffer.from(this.current.id, 'ascii');
    return Buffer.concat([Buffer.from([BYTES_FORMAT, keyId.length]), keyId, iv, body, tag]);
  }

  /** The bytes `sealBytes` sealed; throws on another format, an unknown key, or any alteration. */
  openBytes(sealed: Uint8Array, context: string): Buffer {
    const frame = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const idLength = frame[1] ?? 0;
    const ivStart = 2 + idLength;
    if (frame[0] !== BYTES_FORMAT || idLength === 0 || frame.length < ivStart + IV_BYTES + TAG_BYTES) {
      throw new Error('not a sealed frame');
    }
    return this.decrypt(
      frame.subarray(2, ivStart).toString('ascii'),
      frame.subarray(ivStart, ivStart + IV_BYTES),
      frame.subarray(ivStart + IV_BYTES, frame.length - TAG_BYTES),
      frame.subarray(frame.length - TAG_BYTES),
      context,
    );
  }

  private encrypt(plaintext: Uint8Array, context: string): { iv: Buffer; body: Buffer; tag: Buffer } {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, body, tag: cipher.getAuthTag() };
  }

  private decrypt(keyId: string, iv: Buffer, body: Buffer, tag: Buffer, context: string): Buffer {
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`sealed with key ${keyId}, which is not in the keyring`);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  }

  /** The id of the key a sealed value was sealed with (null if it is not a sealed value). */
  static keyIdOf(sealed: string): string | null {
    const parts = sealed.split('.');
    return parts.length === 5 && parts[0] === PREFIX ? parts[1]! : null;
  }
}
