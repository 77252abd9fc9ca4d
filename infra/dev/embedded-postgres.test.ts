import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config';
import { EMBEDDED_SHARED_BUFFERS } from '../postgres-settings';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './free-port';

async function setting(url: string, name: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ value: string }>(`SELECT current_setting($1) AS value`, [name])).rows[0]!
      .value;
  } finally {
    await client.end();
  }
}

describe('embedded Postgres memory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'perkflow-embedded-pg-'));
    chmodSync(dir, 0o755); // it runs as an unprivileged user when we are root
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs with 512MB of shared_buffers unless told otherwise, and with the size it is given', async () => {
    expect(EMBEDDED_SHARED_BUFFERS).toBe('512MB');
    const byDefault = await startEmbeddedPostgres({
      dataDir: join(dir, 'a'),
      port: await freePort(),
      persistent: false,
    });
    try {
      expect(await setting(byDefault.url, 'shared_buffers')).toBe('512MB');
    } finally {
      await byDefault.stop();
    }
    const given = await startEmbeddedPostgres({
      dataDir: join(dir, 'b'),
      port: await freePort(),
      persistent: false,
      sharedBuffers: '64MB',
    });
    try {
      expect(await setting(given.url, 'shared_buffers')).toBe('64MB');
    } finally {
      await given.stop();
    }
  }, 120_000);

  it('logs a failed statement without the values it quoted (no statement text, no DETAIL or CONTEXT)', async () => {
    const lines: string[] = [];
    const pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'quiet'),
      port: await freePort(),
      persistent: false,
      onLog: (line) => lines.push(line),
    });
    const client = new Client({ connectionString: pg.url });
    try {
      await client.connect();
      await client.query('CREATE TEMP TABLE people (email text PRIMARY KEY)');
      await client.query('INSERT INTO people VALUES ($1)', ['ada@example.com']);
      // A unique violation's DETAIL quotes the key; a JSON error's CONTEXT quotes the JSON; both reach the client.
      await expect(client.query('INSERT INTO people VALUES ($1)', ['ada@example.com'])).rejects.toMatchObject(
        {
          detail: expect.stringContaining('ada@example.com'),
        },
      );
      await expect(
        client.query('SELECT $1::jsonb', ['{"email": "grace@example.com", "x": "\\u0000"}']),
      ).rejects.toThrow(/Unicode|unsupported/);
      // The server logs asynchronously: wait for both errors to be written.
      for (let i = 0; i < 50 && lines.filter((l) => l.includes('ERROR')).length < 2; i++)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end();
      await pg.stop();
    }
    const log = lines.join('\n');
    expect(log).toContain('duplicate key value violates unique constraint');
    expect(log).not.toContain('@example.com');
    expect(log).not.toMatch(/STATEMENT:|DETAIL:|CONTEXT:/);
  }, 120_000);

  it('refuses a size that is not one before anything starts, in the config and in the call', async () => {
    expect(loadConfig({}).EMBEDDED_PG_SHARED_BUFFERS).toBe('512MB');
    expect(loadConfig({ EMBEDDED_PG_SHARED_BUFFERS: '2GB' }).EMBEDDED_PG_SHARED_BUFFERS).toBe('2GB');
    for (const bad of ['lots', '512', '0MB', '64kB', '512MB -c fsync=off'])
      expect(() => loadConfig({ EMBEDDED_PG_SHARED_BUFFERS: bad })).toThrow(/EMBEDDED_PG_SHARED_BUFFERS/);
    const dataDir = join(dir, 'never');
    await expect(
      startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, sharedBuffers: 'lots' }),
    ).rejects.toThrow(/shared_buffers/);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
  });
});
