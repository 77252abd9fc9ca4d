import type { RequestHandler } from 'express';
import { problems } from './problem';

/**
 * Deepest nesting of arrays and objects a JSON body may have. No request of this API needs more than a handful of
 * levels; the bound keeps every later walk of the body (validation, the Idempotency-Key fingerprint) shallow.
 */
export const MAX_JSON_NESTING = 32;

/** An unpaired UTF-16 surrogate: JSON can escape one ("\ud800"), but it is no Unicode text. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a parsed JSON body as JSON text, before any schema looks at it; null when nothing is. */
export function jsonBodyDefect(body: unknown): string | null {
  // Iterative on purpose: a recursive walk is what a deeply nested body would overflow.
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value))
        return 'holds a string with an unpaired UTF-16 surrogate (not Unicode text)';
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > MAX_JSON_NESTING)
      return `nests arrays and objects deeper than ${MAX_JSON_NESTING} levels`;
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
    } else {
      for (const [key, item] of Object.entries(value)) {
        stack.push({ value: key, depth: depth + 1 });
        stack.push({ value: item, depth: depth + 1 });
      }
    }
  }
  return null;
}

/**
 * After the JSON parser: a body nested deeper than MAX_JSON_NESTING, or with strings that are not Unicode text
 * (Postgres would store U+FFFD instead), is a 400 before anything reads it.
 */
export const checkJsonBody: RequestHandler = (req, _res, next) => {
  const defect = jsonBodyDefect(req.body);
  if (defect !== null) {
    throw problems.validation(
      [{ path: ['body'], message: defect, code: 'invalid_format' }],
      `The request body ${defect}.`,
    );
  }
  next();
};
