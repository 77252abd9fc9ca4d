import { resolve } from 'node:path';

/** The checkout's root folder: `.data/`, `migrations/` and `tools/` are found relative to it. */
export const PROJECT_ROOT = resolve(__dirname, '..');
