import { randomBytes } from 'node:crypto';
import { personalDataProtectionFrom } from '../../infra/personal-data-keys';
import type { PersonalDataProtection } from '../../stores/personal-data';

/** A fresh keyring entry `id:base64key`. */
export function newCipherKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** Personal-data keys of this test process (fresh each run: nothing may depend on their value). */
export const TEST_PII_ENV = {
  PII_ENCRYPTION_KEYS: newCipherKey('test1'),
  PII_HASH_KEY: randomBytes(32).toString('base64'),
} as const;

export const testPersonalData: PersonalDataProtection = personalDataProtectionFrom(TEST_PII_ENV);

/** A protection with this keyring (first current) and the test hash key, e.g. after a rotation. */
export function personalDataWithKeys(...keyring: string[]): PersonalDataProtection {
  return personalDataProtectionFrom({
    PII_ENCRYPTION_KEYS: keyring.join(','),
    PII_HASH_KEY: TEST_PII_ENV.PII_HASH_KEY,
  });
}
