import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
import { PROJECT_ROOT } from './project-root';

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
    // Each area owns a number range (ledger 1xx, API 2xx, journeys 3xx, loyalty 4xx, measurement 5xx) and touches
    // only its own tables, so a later-numbered migration may already be applied when an earlier-numbered one of
    // another area arrives: apply it rather than refusing to start.
    checkOrder: false,
    log,
    verbose: false,
  });
  return applied.map((m) => m.name);
}
