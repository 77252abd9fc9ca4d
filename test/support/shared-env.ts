/**
 * Names of the environment variables through which the jest global setup hands its servers to the test files
 * (global setup and test files share the process, not module state).
 */
export const HARNESS_ENV = {
  pgAdminUrl: 'PERKFLOW_TEST_PG_ADMIN_URL',
  pgTemplate: 'PERKFLOW_TEST_PG_TEMPLATE',
  temporalTestServer: 'PERKFLOW_TEST_TEMPORAL_TEST_SERVER',
  smtpPort: 'PERKFLOW_TEST_SMTP_PORT',
  inboxUrl: 'PERKFLOW_TEST_INBOX_URL',
  workflowBundle: 'PERKFLOW_TEST_WORKFLOW_BUNDLE',
} as const;

export function harnessValue(name: keyof typeof HARNESS_ENV): string {
  const value = process.env[HARNESS_ENV[name]];
  if (!value) throw new Error(`${HARNESS_ENV[name]} is not set: run tests through jest (npm test)`);
  return value;
}

/** `temporalTestServer` when no pinned binary was found: the SDK downloads its own (only where the internet is reachable). */
export const SDK_DOWNLOAD = 'sdk-download';
