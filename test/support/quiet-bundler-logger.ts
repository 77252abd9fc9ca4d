import type { Logger } from '@temporalio/common';

/** For bundling workflow code in tests: webpack's progress is noise there, its errors are not. */
export const quietBundlerLogger: Logger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};
