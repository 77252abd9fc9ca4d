import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyRecord, ApiKeyStore } from '../../stores/api-keys';
import type { Role } from './roles';

/** Every generated key starts with this, so leaked keys are easy to recognise (secret scanners, logs). */
export const API_KEY_PREFIX = 'pk_';

/** How many leading characters of a key are kept in clear for display; the rest stays secret. */
export const DISPLAY_PREFIX_LENGTH = 11;

/** The bootstrap key comes from an operator; it must be long enough that its hash cannot be brute-forced. */
export const MIN_BOOTSTRAP_KEY_LENGTH = 32;

/** SHA-256 is enough (no slow KDF) because keys are 256-bit random values, not passwords. */
export function hashApiKey(plaintext: string): Buffer {
  return createHash('sha256').update(plaintext, 'utf8').digest();
}

export function displayPrefix(plaintext: string): string {
  return plaintext.slice(0, Math.min(DISPLAY_PREFIX_LENGTH, Math.floor(plaintext.length / 4)));
}

export function newApiKeyId(): string {
  return `key_${randomBytes(10).toString('hex')}`;
}

/** A new key: `pk_` + 32 random bytes (base64url). */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * Stores the operator-supplied admin key (PERKFLOW_ADMIN_KEY) with role admin unless it is stored already; safe to
 * call on every start. A bootstrap key that was revoked stays revoked: revocation is a security decision that a
 * restart must not undo; set a new PERKFLOW_ADMIN_KEY instead.
 */
export async function ensureBootstrapAdminKey(
  store: ApiKeyStore,
  plaintext: string,
): Promise<{ record: ApiKeyRecord; created: boolean }> {
  if (plaintext.length < MIN_BOOTSTRAP_KEY_LENGTH) {
    throw new Error(`the bootstrap admin key must be at least ${MIN_BOOTSTRAP_KEY_LENGTH} characters long`);
  }
  const roles: Role[] = ['admin'];
  return store.createIfAbsent({
    id: newApiKeyId(),
    name: 'bootstrap admin (PERKFLOW_ADMIN_KEY)',
    prefix: displayPrefix(plaintext),
    keyHash: hashApiKey(plaintext),
    roles,
    createdBy: null,
  });
}
