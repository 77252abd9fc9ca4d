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

/**
 * Terminates a workflow once no activity of it is in flight. Terminating during an activity leaves the
 * time-skipping test server holding a time lock it never releases: every later test file would then skip no time.
 */
export async function terminateWhenIdle(env: TestWorkflowEnvironment, workflowId: string): Promise<void> {
  const handle = env.client.workflow.getHandle(workflowId);
  for (let i = 0; i < 100; i++) {
    const d = await handle.describe().catch(() => undefined);
    if (!d || d.status.name !== 'RUNNING') return;
    if ((d.raw.pendingActivities ?? []).length === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await handle.terminate('test over').catch(() => undefined);
}
