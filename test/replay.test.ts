import { readFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { JOURNEY_PLUGINS } from '../workflows/journeys/registry';
import { recordedHistories } from './support/histories';
import { harnessValue } from './support/shared-env';

const histories = recordedHistories();
/** Journey types added after an archived era: no journey of theirs ever ran on the code before it. */
const TYPES_NEWER_THAN: Record<string, readonly string[]> = { 'before-typed-contracts': ['flow'] };
const eras = [...new Set(histories.map((h) => h.era))];
/**
 * Eras that hold every journey type: the current code's, and an archive of a change that touched every plugin. An
 * archive of a change to one path only holds the runs that took it (before-failure-path: a compensation whose grant
 * failed for good, ending FAILED without the failure path).
 */
const WHOLE_ERAS = [
  'current',
  'before-typed-contracts',
  'before-journal-with-its-write',
  'before-patch-releases',
];

describe('determinism: recorded journey histories replay against the current workflow code', () => {
  it('has the current recordings and the archived ones', () => {
    expect(eras).toContain('current');
    expect(eras).toContain('before-typed-contracts');
    expect(eras).toContain('before-failure-path');
    expect(eras).toContain('before-journal-with-its-write');
    expect(eras).toContain('before-patch-releases');
  });

  it.each(WHOLE_ERAS)('has recorded histories of every journey type in "%s"', (era) => {
    const types = new Set(histories.filter((h) => h.era === era).map((h) => h.journeyType));
    const existed = JOURNEY_PLUGINS.map((p) => p.type).filter(
      (t) => !(TYPES_NEWER_THAN[era] ?? []).includes(t),
    );
    expect([...types].sort()).toEqual(existed.sort());
  });

  it.each(eras)('names only known journey types in "%s"', (era) => {
    const known = new Set(JOURNEY_PLUGINS.map((p) => p.type));
    const unknown = histories.filter((h) => h.era === era && !known.has(h.journeyType)).map((h) => h.name);
    expect(unknown).toEqual([]);
  });

  it.each(histories.map((h) => [h.name, h] as const))(
    'replays %s without nondeterminism',
    async (name, h) => {
      const history = temporal.api.history.v1.History.decode(readFileSync(h.path));
      await Worker.runReplayHistory(
        { workflowBundle: { codePath: harnessValue('workflowBundle') } },
        history,
        name,
      );
    },
  );
});
