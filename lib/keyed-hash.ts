import { createHmac } from 'node:crypto';

/**
 * A keyed hash (HMAC-SHA256) for equality matching of values kept encrypted: equal inputs give equal hashes, and
 * without the key nobody can test a guess (a plain hash of a phone number is reversed by trying every number).
 */
export class KeyedHash {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('a keyed-hash key must be at least 32 bytes');
  }

  /** Hex digest of `value` within `purpose` (e.g. 'email'), so equal values of different kinds never collide. */
  of(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(purpose).update('\0').update(value, 'utf8').digest('hex');
  }
}
