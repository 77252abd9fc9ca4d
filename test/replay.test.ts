import { readFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { JOURNEY_PLUGINS } from '../workflows/journeys/registry';
import { recordedHistories } from './support/histories';
import { harnessValue } from './support/shared-env';

const histories = recordedHistories();
const eras = [...new Set(histories.map((h) => h.era))];

describe('determinism: recorded journey histories replay against the current workflow code', () => {
  it('has the current recordings and the archived ones', () => {
    expect(eras).toContain('current');
    expect(eras).toContain('before-typed-contracts');
  });

  it.each(eras)('has recorded histories of every journey type in "%s"', (era) => {
    const types = new Set(histories.filter((h) => h.era === era).map((h) => h.journeyType));
    expect([...types].sort()).toEqual(JOURNEY_PLUGINS.map((p) => p.type).sort());
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
