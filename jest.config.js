/**
 * Two projects. `unit`: pure logic (`*.unit.test.ts`), no servers, seconds (`npm run test:unit`). `integration`:
 * everything else, on the real servers the global setup starts once per run (embedded Postgres, the Temporal
 * time-skipping test server, SMTP capture); jest starts them only when an integration test is selected.
 * `npm test` runs both.
 */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testPathIgnorePatterns: ['/node_modules/', '/.data/', '/tools/'],
  modulePathIgnorePatterns: ['<rootDir>/.data/', '<rootDir>/tools/'],
};

/** @type {import('jest').Config} */
module.exports = {
  watchman: false,
  testTimeout: 120_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.unit\\.test\\.ts$'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
