import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useProductTestApi } from '../../test/support/per-file';

/**
 * The spec must say what the server does: Schemathesis (installed pinned by `npm install`, see
 * scripts/install-schemathesis.js) generates requests from /openapi.json — examples, boundary values, valid and
 * invalid data, and sequences that follow the links between operations — sends them to the running product API
 * (real Postgres, Temporal test server, worker) with an admin key, and checks every answer with every check it has.
 *
 * The seed is fixed so a failure reproduces; explore further with SCHEMATHESIS_SEED, SCHEMATHESIS_MAX_EXAMPLES and
 * SCHEMATHESIS_MAX_TIME (seconds; keep it under the test's timeout).
 */
const ST = join(__dirname, '..', '..', 'tools', 'schemathesis-venv', 'bin', 'st');

/**
 * Every check runs with its defaults but one: positive_data_acceptance also takes 422 for data valid by the schema.
 * 422 is this API's answer for a well-formed request refused by a rule no schema can state (a campaign that is not
 * launched, an unknown reward, `to` before `from`, one field of a plugin config compared to another; see the 422
 * description in the document), and only operations that document 422 may give it (status_code_conformance holds
 * them to that). A 400 for schema-valid data stays a failure: it means the spec does not say what the server checks.
 */
const CONFIG = `
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
`;

interface StRun {
  code: number | null;
  output: string;
}

function runSchemathesis(args: string[], cwd: string, timeoutMs: number): Promise<StRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(ST, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A number from the run's summary, e.g. `Tested: 34`; null when the line is missing. */
function summaryNumber(output: string, pattern: RegExp): number | null {
  const match = pattern.exec(output);
  return match?.[1] === undefined ? null : Number(match[1]);
}

describe('the OpenAPI document against the running API (Schemathesis, --checks all)', () => {
  const api = useProductTestApi();
  let workDir: string;

  beforeAll(async () => {
    // Schemathesis keeps a cache in its working directory: a temporary one, not the repository.
    workDir = mkdtempSync(join(tmpdir(), 'perkflow-schemathesis-'));
    writeFileSync(join(workDir, 'schemathesis.toml'), CONFIG);
  });
  afterAll(async () => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('finds no failure in any operation', async () => {
    expect({ installed: existsSync(ST), hint: 'run npm install (scripts/install-schemathesis.js)' }).toEqual({
      installed: true,
      hint: expect.any(String),
    });
    const { port } = api.server.address() as AddressInfo;
    const run = await runSchemathesis(
      [
        '--config-file',
        join(workDir, 'schemathesis.toml'),
        'run',
        `http://127.0.0.1:${port}/openapi.json`,
        '--checks',
        'all',
        '--header',
        `Authorization: Bearer ${api.keys.admin}`,
        '--max-examples',
        process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '20',
        '--max-time',
        // Seconds for the whole run (all phases): CI's budget is 20 minutes for everything; raise it locally.
        process.env.SCHEMATHESIS_MAX_TIME ?? '60',
        '--seed',
        process.env.SCHEMATHESIS_SEED ?? '1',
        '--workers',
        '1',
      ],
      workDir,
      170_000,
    );
    // The whole report on failure: each failure comes with the response and a curl line to reproduce it.
    if (run.code !== 0) console.log(run.output);
    expect({ exitCode: run.code, report: run.code === 0 ? '' : run.output.slice(-20_000) }).toEqual({
      exitCode: 0,
      report: '',
    });
    // It really ran: every operation of the document was tested, with hundreds of generated requests.
    const selected = summaryNumber(run.output, /Selected: \d+\/(\d+)/);
    expect(selected).toBeGreaterThanOrEqual(30);
    expect(summaryNumber(run.output, /Tested: (\d+)/)).toBe(selected);
    expect(summaryNumber(run.output, /(\d+) generated/)).toBeGreaterThan(500);
  }, 180_000);
});
