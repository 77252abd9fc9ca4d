import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { extract } from 'tar-fs';
import { PROJECT_ROOT } from '../project-root';
import { isExecutable } from '../executable';

/**
 * Where the headless Chromium of the browser tests comes from. Our machines reach only package registries, so a test
 * tool's own browser download cannot work and no system browser may be assumed: the browser is an npm package that
 * `npm install` brings (a devDependency), unpacked once into a cache. See README "Browser".
 */
export const CHROMIUM_PACKAGE = '@sparticuz/chromium';
export const CHROMIUM_PATH_ENV = 'CHROMIUM_PATH';
export const CHROMIUM_CACHE = join(PROJECT_ROOT, 'tools', 'chromium');

export interface ChromiumExecutable {
  path: string;
  /** Variables the executable needs on top of the caller's environment (its bundled libraries and fonts). */
  env: Record<string, string>;
  source: 'env' | 'npm-package';
}

export interface ChromiumOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the package's browser is unpacked, one folder per package version. */
  cacheDir?: string;
  /** The folder whose node_modules the package is looked up from. */
  resolveFrom?: string;
}

/**
 * Flags for running the browser as root on a machine that refuses outbound connections: no sandbox (it cannot start
 * as root), no GPU, and none of the background traffic (updates, sync, metrics, field trials) a first run starts.
 * Playwright adds --headless and a fresh --user-data-dir per launch.
 */
export const CHROMIUM_TEST_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Resolution order: CHROMIUM_PATH (an explicit override, used as is) → the browser shipped inside the
 * @sparticuz/chromium package (unpacked on first use) → an error listing everything tried.
 */
export async function resolveChromium(options: ChromiumOptions = {}): Promise<ChromiumExecutable> {
  const env = options.env ?? process.env;
  const tried: string[] = [];

  const fromEnv = env[CHROMIUM_PATH_ENV];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return { path: fromEnv, env: {}, source: 'env' };
    // An explicit setting that does not work is a configuration error, never silently skipped.
    throw new Error(`${CHROMIUM_PATH_ENV}=${fromEnv} is not an executable file`);
  }
  tried.push(`${CHROMIUM_PATH_ENV} (unset)`);

  const pkg = findPackage(options.resolveFrom ?? PROJECT_ROOT);
  if (!pkg) {
    tried.push(`${CHROMIUM_PACKAGE} (not installed)`);
  } else if (process.platform !== 'linux' || process.arch !== 'x64') {
    tried.push(
      `${CHROMIUM_PACKAGE}@${pkg.version} (ships a linux-x64 build; this is ${process.platform}-${process.arch})`,
    );
  } else {
    const dir = await unpackOnce(pkg, options.cacheDir ?? CHROMIUM_CACHE);
    return {
      path: join(dir, 'chromium'),
      env: {
        // NSS, NSPR and expat built for this browser, so it needs none from the system.
        LD_LIBRARY_PATH: [join(dir, 'lib'), env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
        // The package's own fonts.conf names Lambda paths; ours names the unpacked fonts (no fonts, no text drawn).
        FONTCONFIG_FILE: join(dir, 'fonts.conf'),
      },
      source: 'npm-package',
    };
  }

  throw new Error(
    `No Chromium found. Tried: ${tried.join(', ')}. Run "npm install" (it brings ${CHROMIUM_PACKAGE}) ` +
      `or set ${CHROMIUM_PATH_ENV} to a Chromium or Chrome executable.`,
  );
}

interface InstalledPackage {
  version: string;
  binDir: string;
}

function findPackage(from: string): InstalledPackage | undefined {
  let entry: string;
  try {
    entry = createRequire(join(from, 'package.json')).resolve(CHROMIUM_PACKAGE);
  } catch {
    return undefined;
  }
  // The package exports only its entry point (build/index.js); its root is the nearest folder naming it.
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name?: string;
      version?: string;
    };
    if (name === CHROMIUM_PACKAGE && version) return { version, binDir: join(dir, 'bin') };
  }
  return undefined;
}

/**
 * Unpacks the package's brotli archives into <cache>/<version>/ once. Test files run in parallel jest workers: each
 * unpacks into its own staging folder and renames it into place, so a reader sees either no folder or a complete
 * one; a process that loses the race throws its copy away.
 */
async function unpackOnce(pkg: InstalledPackage, cache: string): Promise<string> {
  await mkdir(cache, { recursive: true });
  // The real path: fonts.conf names folders by absolute path, and tools/ may be a symlink (a git worktree sharing
  // another checkout's) that is gone when the copy is used from elsewhere.
  const cacheDir = await realpath(cache);
  const target = join(cacheDir, pkg.version);
  if (existsSync(join(target, 'chromium'))) return target;
  await removeAbandonedStaging(cacheDir);

  const staging = join(cacheDir, `.staging-${pkg.version}-${process.pid}-${Date.now()}`);
  await mkdir(staging);
  try {
    await pipeline(
      createReadStream(join(pkg.binDir, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(join(staging, 'chromium'), { mode: 0o755 }),
    );
    // SwiftShader's GL libraries sit next to the executable, where Chromium looks for them; the Amazon Linux
    // archive holds lib/ (NSS, NSPR, expat); the fonts archive holds fonts/.
    for (const archive of ['swiftshader.tar.br', 'al2023.tar.br', 'fonts.tar.br']) {
      await pipeline(
        createReadStream(join(pkg.binDir, archive)),
        createBrotliDecompress(),
        // As root, tar-fs would give each file the archive's owner (uid 1001 here): keep them ours.
        extract(staging, {
          map: (header) => ({
            ...header,
            uid: process.getuid?.() ?? header.uid,
            gid: process.getgid?.() ?? header.gid,
          }),
        }),
      );
    }
    await writeFile(join(staging, 'fonts.conf'), fontConfig(target));
    await rename(staging, target);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    // Another process renamed its complete copy into place first: use that one.
    if (existsSync(join(target, 'chromium'))) return target;
    throw err;
  }
  return target;
}

function fontConfig(dir: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${join(dir, 'fonts')}</dir>`,
    `  <cachedir>${join(dir, 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

/** Staging folders of processes that died mid-unpack (their pid is gone) would otherwise keep ~200 MB each. */
async function removeAbandonedStaging(cacheDir: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    const pid = /^\.staging-.+-(\d+)-\d+$/.exec(name)?.[1];
    if (pid && !isAlive(Number(pid))) await rm(join(cacheDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
