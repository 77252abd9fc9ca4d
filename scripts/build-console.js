// Postinstall step: builds the console when its sources are present (a Docker layer that copies only package.json
// and these scripts has none yet; the Dockerfile builds it after copying the tree).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
if (
  !existsSync(join(root, 'console', 'index.html')) ||
  !existsSync(join(root, 'scripts', 'build-console.ts'))
) {
  console.log('console sources not present; skipping the console build');
  process.exit(0);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-console.ts')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
