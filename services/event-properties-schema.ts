import { Ajv, type ErrorObject, type Format, type Options } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020';
import { RE2JS } from 're2js';
import { z } from 'zod';
import type { ServiceIssue } from './errors';

/**
 * The JSON Schema declared for a custom event's properties, turned into a validator. Its regular expressions
 * (`pattern`, `patternProperties`) run on RE2 (re2js, a pure JavaScript port): matching takes time linear in the
 * input, so a declared `^(a+)+$` cannot stall the event loop the way a backtracking RegExp does on "aaa…a!". Ajv
 * reads the schema because it is the validator that takes its regex engine as an option (zod's JSON Schema reader
 * compiles patterns with RegExp and has no such hook). A pattern RE2 cannot match in linear time (a backreference,
 * lookahead or lookbehind) is refused when the schema is read, located inside the schema.
 */

/** A schema the catalog cannot use; `path` locates the offending part inside the schema (empty: the whole). */
export class UnusableSchemaError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[] = [],
  ) {
    super(message);
  }
}

/** Checks the properties of one event; the issues are located inside the properties object. */
export type PropertiesValidator = (properties: unknown) => ServiceIssue[];

/**
 * One pattern, compiled for RE2. It must be an ECMAScript regular expression in Unicode mode, as JSON Schema (and any
 * other validator of the schema) reads it, and one RE2 can run; otherwise this throws saying why.
 */
function linearPattern(pattern: string): RE2JS {
  const refuse = (why: string) =>
    new Error(
      `the pattern ${JSON.stringify(pattern)} ${why}; patterns run on a linear-time engine, ` +
        'without backreferences, lookahead or lookbehind',
    );
  try {
    // Only compiled to check its syntax (linear in the pattern's length), never executed.
    new RegExp(pattern, 'u');
  } catch (err) {
    throw refuse(`is not a valid regular expression (${(err as Error).message})`);
  }
  // In Unicode mode `\k` only ever starts a named backreference, which re2js would read as the letter k.
  for (let i = 0; i < pattern.length; i += pattern[i] === '\\' ? 2 : 1)
    if (pattern[i] === '\\' && pattern[i + 1] === 'k') throw refuse('has a backreference');
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (err) {
    throw refuse(`cannot be used (${(err as Error).message})`);
  }
}

/** Ajv's regex engine: every `pattern` and `patternProperties` key of a compiled schema goes through here. */
const linearRegExp = Object.assign(
  (pattern: string) => {
    const re = linearPattern(pattern);
    // Ajv shares one compiled pattern between the places whose toString() is the same.
    return { test: (s: string) => re.test(s), toString: () => `re2js:${pattern}` };
  },
  // Ajv reads `code` only when it writes standalone validation code, which the catalog never asks for.
  { code: 'linearRegExp' },
);

const valid = (schema: z.ZodType) => (value: string) => schema.safeParse(value).success;

/** RFC 3339 full-time (JSON Schema's `time`): hh:mm:ss, optional fraction, then Z or an offset. */
const FULL_TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** The formats checked (zod's own checks, as before); any other format is an annotation, as JSON Schema allows. */
const FORMATS: Record<string, Format> = {
  email: valid(z.email()),
  uri: valid(z.url()),
  'uri-reference': valid(z.url()),
  uuid: valid(z.uuid()),
  guid: valid(z.uuid()),
  'date-time': valid(z.iso.datetime({ offset: true })),
  date: valid(z.iso.date()),
  time: FULL_TIME,
  duration: valid(z.iso.duration()),
  hostname: valid(z.hostname()),
  ipv4: valid(z.ipv4()),
  ipv6: valid(z.ipv6()),
  mac: valid(z.mac()),
  cidr: valid(z.cidrv4()),
  'cidr-v6': valid(z.cidrv6()),
  base64: valid(z.base64()),
  base64url: valid(z.base64url()),
  e164: valid(z.e164()),
  credit_card: valid(z.creditCard()),
  iban: valid(z.iban()),
  jwt: valid(z.jwt()),
  emoji: valid(z.emoji()),
  nanoid: valid(z.nanoid()),
  cuid: valid(z.cuid()),
  cuid2: valid(z.cuid2()),
  ulid: valid(z.ulid()),
  xid: valid(z.xid()),
  ksuid: valid(z.ksuid()),
};

const OPTIONS: Options = {
  // Unknown keywords and formats are annotations (JSON Schema's rule), not errors. Strict mode would also test
  // each patternProperties key against the property names with RegExp while compiling: it must stay off.
  strict: false,
  allErrors: true,
  // A schema's $id stays inside its own validator: redeclaring it must not clash with the first declaration.
  addUsedSchema: false,
  logger: false,
  formats: FORMATS,
  code: { regExp: linearRegExp },
};

const SUBSCHEMA = [
  'additionalProperties',
  'additionalItems',
  'items',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
] as const;
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'] as const;
const SUBSCHEMA_MAPS = [
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'dependencies',
] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The most RE2 instructions the patterns of one schema may add up to. Matching is linear, but each instruction costs
 * time for every character checked (up to ~0.1 µs here, when a pattern is too large for RE2's DFA): this keeps the
 * patterns' check of a 1 000-character value under ~0.1 s however they are written.
 */
const MAX_PATTERN_INSTRUCTIONS = 1000;

/**
 * Compiles every pattern of the schema for RE2, throwing with the location of the first one it cannot take or that
 * takes the patterns past MAX_PATTERN_INSTRUCTIONS.
 */
function checkPatterns(schema: unknown, at: (string | number)[], used = { instructions: 0 }): void {
  if (!isObject(schema)) return;
  const compileAt = (pattern: string, path: (string | number)[]) => {
    try {
      used.instructions += linearPattern(pattern).programSize();
    } catch (err) {
      throw new UnusableSchemaError((err as Error).message, path);
    }
    if (used.instructions > MAX_PATTERN_INSTRUCTIONS)
      throw new UnusableSchemaError(
        `the patterns of the schema are too large for the linear-time engine: ${used.instructions} instructions ` +
          `up to this one, at most ${MAX_PATTERN_INSTRUCTIONS}`,
        path,
      );
  };
  if (typeof schema.pattern === 'string') compileAt(schema.pattern, [...at, 'pattern']);
  for (const key of SUBSCHEMA) checkPatterns(schema[key], [...at, key], used);
  for (const key of SUBSCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((sub, i) => checkPatterns(sub, [...at, key, i], used));
  }
  for (const key of SUBSCHEMA_MAPS) {
    const map = schema[key];
    if (!isObject(map)) continue;
    for (const [name, sub] of Object.entries(map)) {
      if (key === 'patternProperties') compileAt(name, [...at, key, name]);
      checkPatterns(sub, [...at, key, name], used);
    }
  }
}

/** An Ajv error located like a zod issue: the instance path, plus the property a keyword names (a missing one). */
function issueOf(e: ErrorObject): ServiceIssue {
  const path: (string | number)[] = e.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    // Property names start with a letter, so a number is an array index.
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  const params = e.params as Record<string, unknown>;
  const named =
    params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty ?? params.propertyName;
  if (typeof named === 'string') path.push(named);
  return { path, message: e.message ?? `fails ${e.keyword}`, code: e.keyword };
}

const DRAFT_07 = 'http://json-schema.org/draft-07/schema';

/**
 * The validator of a declared properties schema (draft 2020-12, or draft-07 when its `$schema` says so). Throws an
 * UnusableSchemaError for a schema that cannot be used: a pattern RE2 cannot take, a `$ref` outside the schema, a
 * keyword value the draft's meta-schema refuses.
 */
export function compilePropertiesSchema(schema: Record<string, unknown>): PropertiesValidator {
  checkPatterns(schema, []);
  const draft07 = typeof schema.$schema === 'string' && schema.$schema.startsWith(DRAFT_07);
  const validate = (() => {
    try {
      return (draft07 ? new Ajv(OPTIONS) : new Ajv2020(OPTIONS)).compile(schema);
    } catch (err) {
      // Ajv follows a `$ref` that only ever leads to itself until the stack runs out; say what is wrong, not that.
      if (err instanceof RangeError) {
        throw new UnusableSchemaError('a $ref leads only to itself (or the schema is nested too deep)');
      }
      throw new UnusableSchemaError((err as Error).message);
    }
  })();
  return (properties) => (validate(properties) ? [] : (validate.errors ?? []).map(issueOf));
}
