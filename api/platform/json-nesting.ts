import type { RequestHandler } from 'express';
import { problems } from './problem';

/**
 * Deepest nesting of arrays and objects a JSON body may have. No request of this API needs more than a handful of
 * levels; the bound keeps every later walk of the body (validation, the Idempotency-Key fingerprint) shallow.
 */
export const MAX_JSON_NESTING = 32;

/** How deeply `value` nests arrays and objects (a scalar is 0, `{}` and `[]` are 1); stops counting past `limit`. */
export function nestingDepth(value: unknown, limit = Infinity): number {
  let deepest = 0;
  // Iterative on purpose: a recursive walk is what a deep body would overflow.
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    const children = Array.isArray(item.value) ? item.value : Object.values(item.value);
    for (const child of children) stack.push({ value: child, depth });
  }
  return deepest;
}

/** After the JSON parser: a body nested deeper than MAX_JSON_NESTING is a 400 before anything reads it. */
export const limitJsonNesting: RequestHandler = (req, _res, next) => {
  if (nestingDepth(req.body, MAX_JSON_NESTING) > MAX_JSON_NESTING) {
    throw problems.validation(
      [
        {
          path: ['body'],
          message: `nests arrays and objects deeper than ${MAX_JSON_NESTING} levels`,
          code: 'too_big',
        },
      ],
      `The request body nests arrays and objects deeper than ${MAX_JSON_NESTING} levels.`,
    );
  }
  next();
};
