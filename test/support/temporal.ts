import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { ensureSearchAttributes } from '../../infra/search-attributes';
import { harnessValue, SDK_DOWNLOAD } from './shared-env';

/**
 * Starts a time-skipping test server of the test file's own (the pinned binary the global setup resolved) and connects
 * to it. One server per file, not one per run: the test server skips time only when nothing on the whole server is in
 * flight, so a run left open by one failing file would otherwise hold the clock of every file after it. The server
 * stops with `env.teardown()`.
 */
export async function startTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const executable = harnessValue('temporalTestServer');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: executable === SDK_DOWNLOAD ? {} : { executable: { type: 'existing-path', path: executable } },
  });
  try {
    // A fresh test server knows no custom search attributes until they are registered, like a fresh cluster.
    await ensureSearchAttributes(env.connection, 'default');
  } catch (err) {
    await env.teardown();
    throw err;
  }
  return env;
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
