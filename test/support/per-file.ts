import { createProductTestApi, type ProductTestApi, type ProductTestApiOptions } from './api/product-api';
import { startJourneyStack, type JourneyStack } from './journey-stack';
import { stopWhenIdle } from './long-lived-journeys';
import type { TestStack, TestStackOptions } from './stack';

/**
 * One stack for a whole test file: registers jest hooks that start it before the file's first test and stop it after
 * the last, and returns an object that stands for it from the first hook on (using it earlier throws).
 */
function perFile<T extends object>(start: () => Promise<T>, stop: (started: T) => Promise<void>): T {
  let current: T | undefined;
  beforeAll(async () => {
    current = await start();
  });
  afterAll(async () => {
    if (current) await stop(current);
  });
  const started = (key: string | symbol): T => {
    if (!current)
      throw new Error(`the file's stack is not started yet (reading ${String(key)} outside a test or hook)`);
    return current;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(started(key), key),
    set: (_, key, value) => Reflect.set(started(key), key, value),
    has: (_, key) => Reflect.has(started(key), key),
  });
}

/** The file's journey stack (started in beforeAll, stopped in afterAll). */
export function useJourneyStack(options?: TestStackOptions): JourneyStack {
  return perFile(
    () => startJourneyStack(options),
    (stack) => stack.stop(),
  );
}

/** The file's product API over its own stack (started in beforeAll, stopped in afterAll). */
export function useProductTestApi(options?: ProductTestApiOptions): ProductTestApi {
  return perFile(
    () => createProductTestApi(options),
    (api) => api.stop(),
  );
}

/**
 * For long-lived journeys: the ids a test pushes onto the returned list are stopped after that test (once quiet,
 * histories recorded as `<historyPrefix>--<test>-<n>` when a prefix is given), so they do not keep waking up while
 * later tests skip time.
 */
export function stopJourneysAfterEach(stack: TestStack, historyPrefix?: string): string[] {
  const started: string[] = [];
  afterEach(() => stopWhenIdle(stack, started.splice(0), historyPrefix));
  return started;
}
