import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local personal-data keys of `npm start` when PII_ENCRYPTION_KEYS / PII_HASH_KEY are unset, like the bootstrap
 * admin key: generated on first start, kept (0600) in the git-ignored data dir next to the data they protect, so
 * restarts read what earlier runs wrote. Never printed. Losing the file makes the stored personal data unreadable.
 */
export function loadOrCreatePersonalDataKeys(dataDir: string): {
  PII_ENCRYPTION_KEYS: string;
  PII_HASH_KEY: string;
} {
  const file = join(dataDir, 'pii-keys.json');
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as { PII_ENCRYPTION_KEYS: string; PII_HASH_KEY: string };
  }
  mkdirSync(dataDir, { recursive: true });
  const keys = {
    PII_ENCRYPTION_KEYS: `local1:${randomBytes(32).toString('base64')}`,
    PII_HASH_KEY: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, `${JSON.stringify(keys)}\n`, { mode: 0o600, flag: 'wx' });
  return keys;
}
