import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
import { PROJECT_ROOT } from './temporal-binaries';

export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations');

/** Applies every pending migration (node-pg-migrate, SQL files under migrations/). Safe to run concurrently. */
export async function migrateUp(
  databaseUrl: string,
  log: (msg: string) => void = () => undefined,
): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    log,
    verbose: false,
  });
  return applied.map((m) => m.name);
}
