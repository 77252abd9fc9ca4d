import { readdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { runner } from 'node-pg-migrate';
import { dumpSchema, SCHEMA_SNAPSHOT } from '../infra/dev/schema-snapshot';
import { MIGRATIONS_DIR, migrateUp } from '../infra/migrate';
import { PROJECT_ROOT } from '../infra/project-root';
import { createTestDatabase, type TestDatabase } from './support/database';

/**
 * Every migration node-pg-migrate should run: the .sql files directly in migrations/, ordered by their number as
 * node-pg-migrate orders them (1000 after 990, not between 100 and 101).
 */
const MIGRATIONS = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.sql'))
  .map((entry) => entry.name.replace(/\.sql$/, ''))
  .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));

/** Runs every applied migration's down section, newest first; returns their names in the order run. */
async function migrateAllDown(databaseUrl: string): Promise<string[]> {
  const reverted = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'down',
    count: Infinity,
    migrationsTable: 'pgmigrations',
    checkOrder: false,
    log: () => undefined,
    verbose: false,
  });
  return reverted.map((m) => m.name);
}

/** Runs the down sections of the newest `count` migrations. */
async function migrateDown(databaseUrl: string, count: number): Promise<void> {
  await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'down',
    count,
    migrationsTable: 'pgmigrations',
    checkOrder: false,
    log: () => undefined,
    verbose: false,
  });
}

/** The objects a dump names ("ledger_postings (TABLE)"), from pg_dump's entry headers. */
function objectsIn(dump: string): string[] {
  return [...dump.matchAll(/^-- Name: (.+); Type: ([A-Z ]+); Schema:/gm)].map((m) => `${m[1]} (${m[2]})`);
}

describe('migrations', () => {
  const databases: TestDatabase[] = [];
  const freshDatabase = async (): Promise<TestDatabase> => {
    const db = await createTestDatabase(2);
    databases.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });

  it(`${relative(PROJECT_ROOT, SCHEMA_SNAPSHOT)} is the schema the migrations produce`, async () => {
    const db = await freshDatabase();
    const actual = await dumpSchema(db.url);
    const committed = readFileSync(SCHEMA_SNAPSHOT, 'utf8');
    try {
      expect(actual).toBe(committed);
    } catch (err) {
      (err as Error).message =
        `${relative(PROJECT_ROOT, SCHEMA_SNAPSHOT)} differs from what migrations/*.sql produce ` +
        `(- committed, + migrated): run "npm run schema:dump" and commit the result.\n\n${(err as Error).message}`;
      throw err;
    }
  });

  it('upgrades a database whose profiles an earlier build let past the spend bound (1054 sets them to it)', async () => {
    const db = await freshDatabase();
    const bound = MIGRATIONS.indexOf('1054_customer-spend-bound-and-event-hash');
    expect(bound).toBeGreaterThan(0);
    await migrateDown(db.url, MIGRATIONS.length - bound);
    await db.pool.query(
      `INSERT INTO customers (customer_id, total_spent) VALUES ('over-bound', 9007199254740992 * 2), ('within', 500)`,
    );
    expect(await migrateUp(db.url)).toEqual(MIGRATIONS.slice(bound));
    const { rows } = await db.pool.query<{ customer_id: string; total_spent: string }>(
      'SELECT customer_id, total_spent::text FROM customers ORDER BY customer_id',
    );
    expect(rows).toEqual([
      { customer_id: 'over-bound', total_spent: '9007199254740991' },
      { customer_id: 'within', total_spent: '500' },
    ]);
  });

  it('runs down to an empty schema and up again to the same schema (up/down/up)', async () => {
    // The harness migrated this database up (a clone of its migrated template).
    const db = await freshDatabase();
    const afterFirstUp = await dumpSchema(db.url);
    expect(objectsIn(afterFirstUp)).toContain('ledger_postings (TABLE)');

    expect(await migrateAllDown(db.url)).toEqual([...MIGRATIONS].reverse());
    // Nothing of ours is left: no table, index, sequence, function, trigger, domain or type (pg_dump lists every
    // kind of object; node-pg-migrate's own table is left out of the dump).
    expect(objectsIn(await dumpSchema(db.url))).toEqual([]);

    // Up again applies exactly the migration files (the snapshot in migrations/snapshot/ is no migration).
    expect(await migrateUp(db.url)).toEqual(MIGRATIONS);
    expect(await dumpSchema(db.url)).toBe(afterFirstUp);
  });
});
