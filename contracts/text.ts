import { z } from 'zod';

/**
 * The two string shapes every input of perkflow takes: ids and free text. One rule each, used for bodies, query and
 * path parameters alike, so whatever can be written can be read back through the API, and nothing reaches Postgres
 * that it refuses (a NUL byte) or that misleads whoever reads it later (control characters, bidi overrides).
 *
 * The patterns are plain (no `u` flag, no lookaround, no surrogate code points) so the OpenAPI document carries them
 * verbatim and any JSON Schema tool (ECMA-262, Python `re`, Rust `regex`) reads them the same way. Each is linear (no
 * ambiguous repetition), and lengths are checked first and stop validation, so a 100 kB string costs one count.
 */

/** Longest id (campaign, customer, order, event, reward, …). */
export const ID_MAX_LENGTH = 128;

/**
 * Letters, digits and `. _ : -`, at least one of them not a dot: `.` and `..` are path segments every HTTP client
 * rewrites, so such an id could be written but never read at /v1/customers/{id}/…. A leading underscore is reserved
 * for ids the product makes itself (the campaign-wide journey of a campaign is `journey/<campaign>/_campaign`, which
 * a customer called `_campaign` would otherwise take over).
 */
export const ID_PATTERN = /^\.*[A-Za-z0-9:-][A-Za-z0-9._:-]*$/;

export const Id = z
  .string()
  .min(1, { abort: true })
  .max(ID_MAX_LENGTH, { abort: true })
  .regex(ID_PATTERN, 'may contain letters, digits and . _ : - only (not only dots, not starting with _)')
  .meta({ example: 'c-42' });

// Characters free text never holds: C0 controls, DEL, C1 controls, line/paragraph separators, the byte-order mark
// and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make text display other than
// it reads. Multi-line text allows tab, line feed and carriage return.
const REFUSED = '\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff';
const CONTROLS_SINGLE_LINE = '\\x00-\\x1f';
const CONTROLS_MULTI_LINE = '\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f';
// What String.prototype.trim removes, less what is refused anyway.
const BLANKS_SINGLE_LINE = ' \\xa0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000';
const BLANKS_MULTI_LINE = `\\t\\n\\r${BLANKS_SINGLE_LINE}`;

function freeTextPattern(multiline: boolean, allowBlank: boolean): RegExp {
  const controls = multiline ? CONTROLS_MULTI_LINE : CONTROLS_SINGLE_LINE;
  const blanks = multiline ? BLANKS_MULTI_LINE : BLANKS_SINGLE_LINE;
  const any = `[^${controls}${REFUSED}]`;
  if (allowBlank) return new RegExp(`^${any}*$`);
  // Leading blanks, then one character that is not blank, then anything: unambiguous, so matching is linear.
  const visible = `[^${controls}${REFUSED}${blanks}]`;
  return new RegExp(`^[${blanks}]*${visible}${any}*$`);
}

export interface FreeTextOptions {
  /** Most characters (Unicode code points, as JSON Schema counts them, before trimming). */
  max: number;
  /** Fewest characters, counted the same way. Default 1 (0 with allowBlank). */
  min?: number;
  /** Tab, line feed and carriage return allowed (notes, reasons, email copy). Default false. */
  multiline?: boolean;
  /** An empty or all-blank value is accepted (it trims to ''). Default false: something visible is required. */
  allowBlank?: boolean;
}

/**
 * Human text: names, reasons, notes, labels. Trimmed; no control characters or bidi overrides. (Unpaired UTF-16
 * surrogates are not text either; the API refuses them in any JSON body before schemas run, see
 * api/platform/json-body.ts, because a pattern naming them is one JSON Schema validators in other languages reject.)
 */
export function FreeText({ max, min, multiline = false, allowBlank = false }: FreeTextOptions) {
  const fewest = min ?? (allowBlank ? 0 : 1);
  return (
    z
      .string()
      // Code points, not UTF-16 units: what minLength and maxLength mean in the OpenAPI document (an emoji is one).
      .check((ctx) => {
        let length = 0;
        for (const _ of ctx.value) if (++length > max) break;
        if (length < fewest) {
          ctx.issues.push({
            code: 'too_small',
            origin: 'string',
            minimum: fewest,
            inclusive: true,
            input: ctx.value,
            message: `at least ${fewest} character${fewest === 1 ? '' : 's'}`,
            abort: true,
          });
        } else if (length > max) {
          ctx.issues.push({
            code: 'too_big',
            origin: 'string',
            maximum: max,
            inclusive: true,
            input: ctx.value,
            message: `at most ${max} characters`,
            abort: true,
          });
        }
      })
      .regex(
        freeTextPattern(multiline, allowBlank),
        allowBlank
          ? 'must not contain control characters or bidi overrides'
          : 'must contain visible text and no control characters or bidi overrides',
      )
      .trim()
      .meta({ maxLength: max, ...(fewest > 0 ? { minLength: fewest } : {}) })
  );
}

const LABEL_MAX_LENGTH = 64;

/** A short single-line label (order category, activity, task kind). */
export const Label = FreeText({ max: LABEL_MAX_LENGTH });

/** An object keyed by labels (e.g. a multiplier per category); the key rule is published as `propertyNames`. */
export function LabelRecord<V extends z.ZodType>(value: V) {
  return z.record(Label, value).meta({
    propertyNames: {
      type: 'string',
      minLength: 1,
      maxLength: LABEL_MAX_LENGTH,
      pattern: freeTextPattern(false, false).source,
    },
  });
}
