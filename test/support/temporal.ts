import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { harnessValue } from './shared-env';

type CreateOptions = {
  server: { type: 'existing' };
  supportsTimeSkipping: boolean;
  address: string;
  namespace: string;
  connectionOptions: Record<string, never>;
};

/**
 * Connects to the run's single time-skipping test server. The SDK's public `createFromExistingServer` turns time
 * skipping off, so this goes through the same factory `createTimeSkipping` uses, with the server already running.
 */
export async function connectTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const factory = (
    TestWorkflowEnvironment as unknown as { create(o: CreateOptions): Promise<TestWorkflowEnvironment> }
  ).create;
  return factory.call(TestWorkflowEnvironment, {
    server: { type: 'existing' },
    supportsTimeSkipping: true,
    address: harnessValue('temporalAddress'),
    namespace: 'default',
    connectionOptions: {},
  });
}

export function uniqueTaskQueue(tag: string): string {
  return `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A worker on the prebuilt bundle of workflows/ + test/support/workflows/ (bundled once by the global setup). */
export async function createTestWorker(
  env: TestWorkflowEnvironment,
  options: Pick<WorkerOptions, 'activities' | 'taskQueue'> & Partial<WorkerOptions>,
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    namespace: 'default',
    workflowBundle: { codePath: harnessValue('workflowBundle') },
    ...options,
  });
}
