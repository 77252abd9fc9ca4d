#!/usr/bin/env node
// Installs Schemathesis, pinned, from PyPI into a project-local venv (tools/schemathesis-venv). The test suite runs it
// against the live API (api/test/schemathesis.test.ts) to prove /openapi.json says what the server does.
'use strict';
const { installPinnedVenv } = require('./pinned-venv');

// A test tool: production images (NODE_ENV=production, see Dockerfile) do not need it.
if (process.env.PERKFLOW_SKIP_SCHEMATHESIS_INSTALL === '1' || process.env.NODE_ENV === 'production') {
  console.log('[install-schemathesis] skipped (production install or PERKFLOW_SKIP_SCHEMATHESIS_INSTALL=1)');
} else {
  installPinnedVenv({
    name: 'schemathesis-venv',
    pins: { schemathesis: '4.32.5' },
    executables: ['st'],
    label: 'install-schemathesis',
  });
}
