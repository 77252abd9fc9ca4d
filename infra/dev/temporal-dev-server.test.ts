import { mkdtempSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { freePort } from './free-port';
import { startTemporalDevServer } from './temporal-dev-server';

/**
 * Bytes 18 and 19 of a SQLite file's header are its file format write/read versions: 1 for a rollback journal, 2 for
 * write-ahead logging (https://www.sqlite.org/fileformat.html#the_database_header). The file itself says which mode the
 * dev server put it in.
 */
function journalModeOf(file: string): 'rollback' | 'wal' {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  const write = header[18];
  if (write === 2) return 'wal';
  if (write === 1) return 'rollback';
  throw new Error(`${file}: unexpected file format version ${write}`);
}

async function modeWith(sqlitePragmas: readonly string[]): Promise<'rollback' | 'wal'> {
  const dir = mkdtempSync(join(tmpdir(), 'perkflow-devserver-'));
  const dbFile = join(dir, 'temporal.sqlite');
  const dev = await startTemporalDevServer({
    port: await freePort(),
    uiPort: await freePort(),
    dbFile,
    namespace: 'default',
    sqlitePragmas,
  });
  try {
    return journalModeOf(dbFile);
  } finally {
    await dev.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the Temporal dev server npm start runs', () => {
  it('keeps its SQLite file in WAL mode with the default TEMPORAL_SQLITE_PRAGMAS', async () => {
    const pragmas = loadConfig({}).TEMPORAL_SQLITE_PRAGMAS;
    expect(pragmas).toEqual(['journal_mode=wal', 'synchronous=normal']);
    expect(await modeWith(pragmas)).toBe('wal');
  });

  it("uses the CLI's rollback journal when TEMPORAL_SQLITE_PRAGMAS is empty", async () => {
    const pragmas = loadConfig({ TEMPORAL_SQLITE_PRAGMAS: '' }).TEMPORAL_SQLITE_PRAGMAS;
    expect(pragmas).toEqual([]);
    expect(await modeWith(pragmas)).toBe('rollback');
  });

  it('refuses a pragma that is not NAME=VALUE', () => {
    expect(() => loadConfig({ TEMPORAL_SQLITE_PRAGMAS: 'journal_mode=wal;drop table x' })).toThrow(
      'NAME=VALUE',
    );
  });
});
