/**
 * `npm run chaos`: rounds of storefront bursts against the real product (`npm start` as a child process) with one fault
 * each — kill -9 of the whole product, SIGSTOP/SIGCONT of Postgres or the Temporal dev server, a crash or restart of
 * either — then every invariant in SQL and every accepted event's effect. Loopback only, free ports, its own temp
 * data dir; a hard time limit; kills everything it started on the way out. Prints a table; exits 1 on a violation.
 *
 *   npm run chaos -- --rounds 15 --customers 24 --seed 7
 *   npm run chaos -- --faults kill-product,pg-freeze --rounds 2
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FAULT_KINDS, isFaultKind, type FaultKind } from './chaos/faults';
import { formatReport } from './chaos/report';
import { ChaosRun, DEFAULT_OPTIONS, type ChaosOptions } from './chaos/run';

const USAGE = `usage: npm run chaos -- [--rounds N] [--customers N] [--concurrency N] [--seed N]
       [--faults ${FAULT_KINDS.join(',')}] [--time-limit-min N] [--keep-data] [--json FILE]`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return n;
}

function parseOptions(argv: string[]): Partial<ChaosOptions> & { json?: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string' },
      customers: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      faults: { type: 'string' },
      'time-limit-min': { type: 'string' },
      'keep-data': { type: 'boolean' },
      json: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  let faults: FaultKind[] | undefined;
  if (values.faults) {
    const listed = values.faults.split(',').map((f) => f.trim());
    const unknown = listed.filter((f) => !isFaultKind(f));
    if (unknown.length > 0)
      throw new Error(`unknown faults ${unknown.join(', ')}; known: ${FAULT_KINDS.join(', ')}`);
    faults = listed as FaultKind[];
  }
  const rounds = positiveInt('rounds', values.rounds, faults?.length ?? DEFAULT_OPTIONS.rounds);
  return {
    rounds,
    // A fault list shorter than --rounds repeats.
    ...(faults ? { faults: Array.from({ length: rounds }, (_, i) => faults[i % faults.length]!) } : {}),
    customersPerRound: positiveInt('customers', values.customers, DEFAULT_OPTIONS.customersPerRound),
    concurrency: Math.max(1, positiveInt('concurrency', values.concurrency, DEFAULT_OPTIONS.concurrency)),
    seed: positiveInt('seed', values.seed, DEFAULT_OPTIONS.seed),
    timeLimitMs:
      positiveInt('time-limit-min', values['time-limit-min'], DEFAULT_OPTIONS.timeLimitMs / 60_000) * 60_000,
    keepData: values['keep-data'] ?? false,
    ...(values.json ? { json: values.json } : {}),
  };
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const { json, ...chaosOptions } = options;
  const run = new ChaosRun(chaosOptions);
  const bail = (why: string, code: number) => {
    console.error(`[chaos] ${why}: killing everything this run started`);
    void run.abort().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => bail('interrupted', 130));
  process.once('SIGTERM', () => bail('terminated', 143));
  // The run bounds itself; this is the backstop should a step hang past it.
  const backstop = setTimeout(
    () => bail('hard time limit passed', 2),
    (chaosOptions.timeLimitMs ?? DEFAULT_OPTIONS.timeLimitMs) + 120_000,
  );
  backstop.unref();

  const report = await run.run();
  console.log(formatReport(report));
  if (json) writeFileSync(json, JSON.stringify(report, null, 2));
  process.exit(report.violations.length === 0 ? 0 : 1);
}

void main();
