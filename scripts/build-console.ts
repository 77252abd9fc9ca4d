import { ensureConsoleBuilt } from '../infra/dev/console-build';

/** `npm run build:console` (and the postinstall step): builds console/ into console/dist/ when its sources changed. */
async function main(): Promise<void> {
  const result = await ensureConsoleBuilt({ force: process.argv.includes('--force') });
  console.log(
    result.built
      ? `console built in ${(result.ms / 1000).toFixed(1)} s (${result.reason}) → console/dist/`
      : `console build skipped: ${result.reason}`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
