import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { JOURNEY_PLUGINS } from '../workflows/journeys/registry';
import { HISTORIES_DIR } from './support/histories';
import { harnessValue } from './support/shared-env';

const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.pb'));

describe('determinism: recorded journey histories replay against the current workflow code', () => {
  it('has recorded histories of every journey type', () => {
    const types = new Set(files.map((f) => f.split('--')[0]));
    expect([...types].sort()).toEqual(JOURNEY_PLUGINS.map((p) => p.type).sort());
  });

  it.each(files)('replays %s without nondeterminism', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(join(HISTORIES_DIR, file)));
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: harnessValue('workflowBundle') } },
      history,
      file,
    );
  });
});
