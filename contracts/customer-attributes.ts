import { z } from 'zod';
import { FreeText } from './text';

/**
 * Customer profile attributes: typed values a marketer segments on. A few are built in; others are declared once in
 * the attribute catalog (PUT /v1/attribute-types/{name}). None of them is contact data (that stays sealed).
 */
export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'date', 'string-list'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** camelCase or snake_case, starting with a letter: names are JSON keys and appear in 422s as they are. */
export const AttributeName = z
  .string()
  .min(1, { abort: true })
  .max(64, { abort: true })
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'letters, digits and _ only, starting with a letter')
  .meta({ example: 'preferredStore' });

export const BUILT_IN_ATTRIBUTES: Readonly<Record<string, { type: AttributeType; description: string }>> = {
  birthday: { type: 'date', description: 'Date of birth (YYYY-MM-DD); personal, wiped on erasure.' },
  region: { type: 'string', description: 'Sales region.' },
  industry: { type: 'string', description: 'Industry of the customer’s business.' },
  acquisitionChannel: { type: 'string', description: 'Where the customer came from.' },
  tags: { type: 'string-list', description: 'Free tags.' },
};

/** Bounds of what one customer's profile holds. */
export const ATTRIBUTE_LIMITS = {
  perCustomer: 100,
  stringLength: 200,
  listItems: 50,
} as const;

const AttributeString = FreeText({ max: ATTRIBUTE_LIMITS.stringLength });

/** Any attribute value on the wire; the catalog then checks it against the attribute's declared type. */
export const AttributeValue = z.union([
  AttributeString,
  z.number().refine(Number.isFinite, 'must be a finite number'),
  z.boolean(),
  z.array(AttributeString).max(ATTRIBUTE_LIMITS.listItems),
]);
export type AttributeValue = z.infer<typeof AttributeValue>;
export type Attributes = Record<string, AttributeValue>;

/** A calendar date YYYY-MM-DD that exists (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Why `value` is not a value of `type`, or null when it is. */
export function attributeValueIssue(type: AttributeType, value: unknown): string | null {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? null : 'must be a string';
    case 'number':
      return typeof value === 'number' ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'must be a date YYYY-MM-DD';
    case 'string-list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? null
        : 'must be a list of strings';
  }
}
