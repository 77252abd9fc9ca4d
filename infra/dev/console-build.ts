import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../project-root';

export const CONSOLE_SOURCE = join(PROJECT_ROOT, 'console');
const DIST = join(CONSOLE_SOURCE, 'dist');
/** Written after a successful build: the hash of every input, so a stale build is rebuilt and a fresh one is not. */
const STAMP = join(DIST, '.source-hash');

export interface ConsoleBuildResult {
  built: boolean;
  /** Why it was (or was not) built, for the log. */
  reason: string;
  ms: number;
}

/** Every file the build reads: console/ (but its output) and the lock file (library versions). */
function inputs(dir = CONSOLE_SOURCE): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (path === DIST || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...inputs(path));
    else out.push(path);
  }
  return out;
}

export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...inputs(), join(PROJECT_ROOT, 'package-lock.json')]) {
    hash.update(relative(PROJECT_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Builds the console with Vite unless the build on disk was made from the same sources (npm install, npm start and
 * the test suite's global setup all call it, so no one has to remember a build command). Vite runs as a child
 * process: it is an ES module and this runs under CommonJS in jest.
 */
export async function ensureConsoleBuilt(options: { force?: boolean } = {}): Promise<ConsoleBuildResult> {
  const started = Date.now();
  if (!existsSync(join(CONSOLE_SOURCE, 'index.html'))) {
    return { built: false, reason: 'no console sources here', ms: 0 };
  }
  const hash = consoleSourceHash();
  const current = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
  if (!options.force && current === hash && existsSync(join(DIST, 'index.html'))) {
    return { built: false, reason: 'up to date', ms: Date.now() - started };
  }
  const vite = join(
    createRequire(join(PROJECT_ROOT, 'package.json')).resolve('vite/package.json'),
    '..',
    'bin',
    'vite.js',
  );
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', join(CONSOLE_SOURCE, 'vite.config.mts'), '--logLevel', 'warn'],
      // A production build whatever the caller's NODE_ENV (jest sets 'test', which would make libraries
      // ship their development builds).
      {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`the console build failed (vite exit ${code}):\n${output.join('')}`);
  await writeFile(STAMP, `${hash}\n`);
  return {
    built: true,
    reason: current ? 'sources changed' : 'no build yet',
    ms: Date.now() - started,
  };
}
