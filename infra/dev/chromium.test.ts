import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../project-root';
import { CHROMIUM_PACKAGE, resolveChromium, type ChromiumExecutable } from './chromium';

const run = promisify(execFile);

describe('resolveChromium: the browser the tests launch', () => {
  const scratch: string[] = [];
  const scratchDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'perkflow-chromium-test-'));
    scratch.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it('takes CHROMIUM_PATH as is when it names an executable', async () => {
    const resolved = await resolveChromium({ env: { CHROMIUM_PATH: process.execPath } });
    expect(resolved).toEqual({ path: process.execPath, env: {}, source: 'env' });
  });

  it('refuses a CHROMIUM_PATH that is not an executable instead of falling back', async () => {
    const notExecutable = join(scratchDir(), 'chromium');
    await expect(resolveChromium({ env: { CHROMIUM_PATH: notExecutable } })).rejects.toThrow(
      `CHROMIUM_PATH=${notExecutable} is not an executable file`,
    );
  });

  it('lists what it tried when neither the override nor the package is there', async () => {
    await expect(resolveChromium({ env: {}, resolveFrom: scratchDir() })).rejects.toThrow(
      `No Chromium found. Tried: CHROMIUM_PATH (unset), ${CHROMIUM_PACKAGE} (not installed).`,
    );
  });

  it('unpacks the package once when two processes ask at the same time, into a browser that runs', async () => {
    const cacheDir = scratchDir();
    // Two processes, as two jest workers would be: each unpacks into its own staging folder, one rename wins.
    const resolveInChild = async (): Promise<ChromiumExecutable> => {
      const { stdout } = await run(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          "require('./infra/dev/chromium').resolveChromium({ env: {}, cacheDir: process.argv[1] })" +
            '.then((r) => console.log(JSON.stringify(r)))',
          cacheDir,
        ],
        { cwd: PROJECT_ROOT },
      );
      return JSON.parse(stdout) as ChromiumExecutable;
    };
    const [first, second] = await Promise.all([resolveInChild(), resolveInChild()]);

    expect(first!.source).toBe('npm-package');
    expect(second).toEqual(first);
    expect(first!.path.startsWith(cacheDir)).toBe(true);
    // Only the finished folder is left: the losing process removed its staging copy.
    expect(readdirSync(cacheDir)).toHaveLength(1);

    // Once unpacked, a later call reuses the folder instead of writing the 200 MB again.
    const inode = statSync(first!.path).ino;
    expect(await resolveChromium({ env: {}, cacheDir })).toEqual(first);
    expect(statSync(first!.path).ino).toBe(inode);

    const { stdout } = await run(first!.path, ['--version'], { env: { ...process.env, ...first!.env } });
    expect(stdout).toMatch(/^Chromium \d+\./);
  });
});
