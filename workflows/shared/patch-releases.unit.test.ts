import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT_PATCH_RELEASE, JOURNEY_PATCH_RELEASES, patchesOnThrough } from './patch-releases';

const WORKFLOWS_DIR = join(__dirname, '..');

function workflowSources(dir: string = WORKFLOWS_DIR): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return workflowSources(path);
    if (!entry.name.endsWith('.ts') || entry.name.includes('.test.')) return [];
    return [{ path, text: readFileSync(path, 'utf8') }];
  });
}

/** The patch ids workflow code asks about: isPatched('literal') or isPatched(CONSTANT) with CONSTANT = 'literal'. */
function patchIdsInUse(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const { path, text } of workflowSources()) {
    for (const [, arg] of text.matchAll(/isPatched\(([^)]*)\)/g)) {
      if (path.endsWith(join('shared', 'patches.ts'))) continue; // the definition itself
      const literal = /^'([^']+)'$/.exec(arg!.trim())?.[1];
      const constant = literal
        ? undefined
        : new RegExp(`const ${arg!.trim()} = '([^']+)'`).exec(
            workflowSources().find((s) => s.text.includes(`const ${arg!.trim()} = '`))?.text ?? '',
          )?.[1];
      const id = literal ?? constant;
      if (!id) throw new Error(`${path}: cannot resolve the patch id of isPatched(${arg})`);
      ids.set(id, path);
    }
  }
  return ids;
}

describe('journey patch releases', () => {
  it('lists every patch the workflow code asks about in exactly one release', () => {
    const listed = JOURNEY_PATCH_RELEASES.flat();
    expect(new Set(listed).size).toBe(listed.length);
    const inUse = [...patchIdsInUse().keys()].sort();
    expect(inUse.length).toBeGreaterThanOrEqual(15);
    expect(inUse.filter((id) => !listed.includes(id))).toEqual([]);
  });

  it('leaves no bare patched() call in workflow code: every patch goes through isPatched', () => {
    const bare = workflowSources()
      .filter(({ path }) => !path.endsWith(join('shared', 'patches.ts')))
      .filter(({ text }) => /(^|[^\w.])patched\(/m.test(text.replace(/^\s*(\*|\/\/).*$/gm, '')))
      .map(({ path }) => path);
    expect(bare).toEqual([]);
  });

  it('never changes a shipped release (runs started with its number replay on it)', () => {
    // Release 1's ids, hashed: editing the list changes this. A new patch goes into a new release.
    const digest = createHash('sha256').update(JSON.stringify(JOURNEY_PATCH_RELEASES[1])).digest('hex');
    expect(digest.slice(0, 16)).toBe(DIGEST_OF_RELEASE_1);
    expect(JOURNEY_PATCH_RELEASES[0]).toEqual([]);
  });

  it('turns on the patches of releases 1..n, and none for a start without a valid release', () => {
    expect(CURRENT_PATCH_RELEASE).toBe(JOURNEY_PATCH_RELEASES.length - 1);
    expect([...patchesOnThrough(1)].sort()).toEqual([...JOURNEY_PATCH_RELEASES[1]!].sort());
    expect(patchesOnThrough(CURRENT_PATCH_RELEASE).size).toBe(JOURNEY_PATCH_RELEASES.flat().length);
    // A start from newer code than this worker's: what this code knows of is on.
    expect(patchesOnThrough(CURRENT_PATCH_RELEASE + 5).size).toBe(JOURNEY_PATCH_RELEASES.flat().length);
    for (const none of [undefined, null, 0, -1, 1.5, '1', Number.NaN, {}])
      expect(patchesOnThrough(none).size).toBe(0);
  });
});

const DIGEST_OF_RELEASE_1 = 'ad15a1525d663e10';
