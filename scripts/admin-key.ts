import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateApiKey } from '../api/platform/api-key-material';

/**
 * The local bootstrap admin key of `npm start` when PERKFLOW_ADMIN_KEY is unset: generated on first start, printed
 * once, kept (0600) in the git-ignored data dir so the demo's curl examples keep working across restarts.
 */
export function loadOrCreateAdminKey(dataDir: string): {
  key: string;
  expression: string;
  file: string;
  fresh: boolean;
} {
  const file = join(dataDir, 'admin-key');
  const expression = `$(cat ${file})`;
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), expression, file, fresh: false };
  mkdirSync(dataDir, { recursive: true });
  const key = generateApiKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, expression, file, fresh: true };
}
