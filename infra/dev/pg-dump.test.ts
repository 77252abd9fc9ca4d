import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePgDump } from './pg-dump';

describe('resolvePgDump: the pg_dump the schema snapshot is made with', () => {
  const emptyVenv = mkdtempSync(join(tmpdir(), 'perkflow-pg-client-test-'));
  afterAll(() => rmSync(emptyVenv, { recursive: true, force: true }));

  it('finds the PostgreSQL 18 pg_dump that npm install put into tools/', () => {
    const pgDump = resolvePgDump({});
    // The embedded server is 18; pg_dump refuses servers newer than itself.
    expect(execFileSync(pgDump, ['--version'], { encoding: 'utf8' })).toMatch(/^pg_dump \(PostgreSQL\) 18\./);
  });

  it('takes PG_DUMP_PATH as is, and refuses one that is not an executable', () => {
    expect(resolvePgDump({ PG_DUMP_PATH: process.execPath }, emptyVenv)).toBe(process.execPath);
    const missing = join(emptyVenv, 'pg_dump');
    expect(() => resolvePgDump({ PG_DUMP_PATH: missing }, emptyVenv)).toThrow(
      `PG_DUMP_PATH=${missing} is not an executable file`,
    );
  });

  it('says what it tried and how to install it when there is none', () => {
    expect(() => resolvePgDump({}, emptyVenv)).toThrow(
      `No pg_dump found. Tried: PG_DUMP_PATH (unset), ${join(emptyVenv, 'bin', 'pg_dump')}. ` +
        'Run "node scripts/install-pg-client.js"',
    );
  });
});
