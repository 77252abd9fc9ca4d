import { FieldCipher, parseCipherKeys } from '../lib/field-cipher';
import { KeyedHash } from '../lib/keyed-hash';
import type { PersonalDataProtection } from '../stores/personal-data';
import type { PerkflowConfig } from './config';

/**
 * The protection of customers' personal data from PII_ENCRYPTION_KEYS and PII_HASH_KEY. Refuses to run without them
 * (a process that made up its own key would write data no other process can read); errors never echo key material.
 */
export function personalDataProtectionFrom(
  config: Pick<PerkflowConfig, 'PII_ENCRYPTION_KEYS' | 'PII_HASH_KEY'>,
): PersonalDataProtection {
  if (!config.PII_ENCRYPTION_KEYS || !config.PII_HASH_KEY) {
    throw new Error(
      'PII_ENCRYPTION_KEYS and PII_HASH_KEY are required (customers’ personal data is encrypted at rest); ' +
        'see README "Customer personal data"',
    );
  }
  let keys;
  try {
    keys = parseCipherKeys(config.PII_ENCRYPTION_KEYS);
  } catch (err) {
    throw new Error(`PII_ENCRYPTION_KEYS: ${(err as Error).message}`, { cause: err });
  }
  const hashKey = Buffer.from(config.PII_HASH_KEY, 'base64');
  if (hashKey.length < 32) throw new Error('PII_HASH_KEY: must be at least 32 bytes, base64');
  return { cipher: new FieldCipher(keys), hash: new KeyedHash(hashKey) };
}
