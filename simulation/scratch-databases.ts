import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, type Pool } from 'pg';
import { createPool, type PoolDeadlines } from '../infra/database';
import { migrateUp } from '../infra/migrate';

/** A throw-away database a simulation writes into; `drop` removes it with everything in it. */
export interface ScratchDatabase {
  name: string;
  pool: Pool;
  drop(): Promise<void>;
}

/** The migrated database every scratch database is cloned from (kept between runs, migrated on first use). */
export const SIMULATION_TEMPLATE_DATABASE = 'perkflow_simulation_template';
/** Scratch databases are named so, which lets a later process find and drop ones a crash left behind. */
export const SCRATCH_DATABASE_PREFIX = 'perkflow_sim_';

/** 55006: the template is being accessed (another process migrating or cloning it at this moment). */
const OBJECT_IN_USE = '55006';

const withDatabase = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * Scratch databases on the Postgres server of `serverUrl` (a role that may CREATE DATABASE): each a copy of a template
 * migrated to this build's schema, so a simulation's ledger, journal and mail log are the product's own tables and
 * the real ones are never touched. Cloning a template takes milliseconds; migrating takes seconds, once per process.
 */
export class ScratchDatabases {
  private template: Promise<void> | undefined;

  constructor(
    private readonly serverUrl: string,
    private readonly deadlines: PoolDeadlines,
    /** A database already migrated to this build's schema to clone instead (the test harness has one). */
    private readonly migratedTemplate?: string,
  ) {}

  private get templateName(): string {
    return this.migratedTemplate ?? SIMULATION_TEMPLATE_DATABASE;
  }

  private async admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const client = new Client({
      connectionString: this.serverUrl,
      connectionTimeoutMillis: this.deadlines.connectTimeoutMs,
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  /** Creates and migrates the template on first use (again after a failure); later calls reuse the result. */
  private ensureTemplate(): Promise<void> {
    if (this.migratedTemplate) return Promise.resolve();
    this.template ??= (async () => {
      await this.admin(async (c) => {
        const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [
          SIMULATION_TEMPLATE_DATABASE,
        ]);
        if (exists.rowCount === 0) {
          await c.query(`CREATE DATABASE ${SIMULATION_TEMPLATE_DATABASE}`).catch((err: { code?: string }) => {
            if (err.code !== '42P04') throw err; // created by another process meanwhile
          });
        }
      });
      await migrateUp(withDatabase(this.serverUrl, SIMULATION_TEMPLATE_DATABASE));
    })().catch((err: unknown) => {
      this.template = undefined;
      throw err;
    });
    return this.template;
  }

  /** Warms up: the first scratch database then needs no migration. */
  prepare(): Promise<void> {
    return this.ensureTemplate();
  }

  async create(): Promise<ScratchDatabase> {
    await this.ensureTemplate();
    const name = `${SCRATCH_DATABASE_PREFIX}${process.pid}_${randomBytes(5).toString('hex')}`;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${this.templateName}`));
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== OBJECT_IN_USE || attempt >= 20) throw err;
        await delay(50 * attempt);
      }
    }
    const pool = createPool(withDatabase(this.serverUrl, name), this.deadlines, () => undefined, 8);
    return {
      name,
      pool,
      drop: async () => {
        await pool.end().catch(() => undefined);
        await this.admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }

  /**
   * Drops scratch databases left by processes of this host that no longer run (a crash or kill -9 mid-simulation).
   * Those of live processes are theirs; a database of another host's process is left alone unless its pid is free here.
   */
  async dropAbandoned(isAlive: (pid: number) => boolean): Promise<string[]> {
    return this.admin(async (c) => {
      const rows = await c.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1`,
        [`${SCRATCH_DATABASE_PREFIX}%`],
      );
      const dropped: string[] = [];
      for (const { datname } of rows.rows) {
        const pid = Number(/^perkflow_sim_(\d+)_[0-9a-f]+$/.exec(datname)?.[1] ?? NaN);
        if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
        await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
        dropped.push(datname);
      }
      return dropped;
    });
  }
}
