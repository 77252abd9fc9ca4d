/**
 * Two projects. `unit`: pure logic (`*.unit.test.ts`), no servers, seconds (`npm run test:unit`). `integration`:
 * everything else, on the real servers the global setup starts once per run (embedded Postgres, the Temporal
 * time-skipping test server, SMTP capture); jest starts them only when an integration test is selected.
 *
 * `npm test` runs them in two passes (JEST_BROWSER): first everything but the browser tests, two files at a time (each
 * file has its own database and Temporal server, and spends half its time waiting on them), then the browser tests one
 * at a time. Driving Chromium through the console while another file loads the 2 cores lost clicks to animations still
 * running (a dialog reopened while it closed, a menu option clicked while it opened). Unset: everything.
 */
const BROWSER_TESTS = [
  '/api/test/console/[^/]+\\.test\\.ts$',
  '/api/test/kpis/kpi-page\\.test\\.ts$',
  '/infra/dev/chromium\\.test\\.ts$',
];
const browserPass = process.env.JEST_BROWSER || undefined; // 'skip' | 'only' | unset
if (![undefined, 'skip', 'only'].includes(browserPass)) throw new Error('JEST_BROWSER: skip or only');

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
    // Pure and quick: part of the first pass.
    ...(browserPass === 'only'
      ? []
      : [{ ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.test.ts'] }]),
    {
      ...shared,
      displayName: 'integration',
      // Which files this pass runs: the browser tests alone, or everything but them, or everything.
      ...(browserPass === 'only' ? { testRegex: BROWSER_TESTS } : { testMatch: ['<rootDir>/**/*.test.ts'] }),
      testPathIgnorePatterns: [
        ...shared.testPathIgnorePatterns,
        '\\.unit\\.test\\.ts$',
        ...(browserPass === 'skip' ? BROWSER_TESTS : []),
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
