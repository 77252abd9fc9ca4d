import { bundleWorkflowCode } from '@temporalio/worker';
import type { PerkflowConfig } from '../infra/config';
import { poolDeadlines } from '../infra/database';
import { requireTemporalBinary } from '../infra/temporal-binaries';
import { PooledSimulationEngine } from './engine';
import { ScratchDatabases } from './scratch-databases';

export { PooledSimulationEngine } from './engine';
export { ScratchDatabases } from './scratch-databases';

/**
 * The simulation engine of an API process, from configuration: scratch databases on SIMULATION_DATABASE_URL's server
 * (default: the product database's server), the pinned time-skipping test server, the journeys' workflow code bundled
 * on first use (or the prebuilt bundle at `workflowBundlePath`, as tests have one). Undefined when switched off.
 */
export function createSimulationEngine(options: {
  config: PerkflowConfig;
  databaseUrl: string;
  onError: (message: string, err: unknown) => void;
  workflowBundlePath?: string;
}): PooledSimulationEngine | undefined {
  const { config } = options;
  if (config.SIMULATION_POOL_SIZE === 0) return undefined;
  return new PooledSimulationEngine({
    poolSize: config.SIMULATION_POOL_SIZE,
    wallMs: config.SIMULATION_WALL_MS,
    testServerPath: () => requireTemporalBinary('test-server'),
    workflowBundle: async () =>
      options.workflowBundlePath
        ? { codePath: options.workflowBundlePath }
        : bundleWorkflowCode({
            workflowsPath: require.resolve('../workflows'),
            // webpack's progress and warnings are not this process's log.
            logger: {
              trace: () => undefined,
              debug: () => undefined,
              info: () => undefined,
              warn: () => undefined,
              error: (message) => options.onError('bundling workflows for simulations failed', message),
              log: () => undefined,
            },
          }),
    databases: new ScratchDatabases(
      config.SIMULATION_DATABASE_URL ?? options.databaseUrl,
      poolDeadlines(config),
    ),
    currency: config.LEDGER_CURRENCY,
    mailFrom: config.MAIL_FROM,
    supportInbox: config.SUPPORT_INBOX,
    onError: options.onError,
  });
}
