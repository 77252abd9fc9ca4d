import type { FieldCipher } from '../lib/field-cipher';
import type { KeyedHash } from '../lib/keyed-hash';

/**
 * How customers' personal data is kept at rest: contact fields sealed (AES-256-GCM, key id in each value) and a keyed
 * hash of each beside it for anti-fraud matching, which compares hashes and never decrypts. Built from configuration
 * (infra/personal-data-keys.ts).
 */
export interface PersonalDataProtection {
  cipher: FieldCipher;
  hash: KeyedHash;
}

/** The personal fields of a customer and of the events that carry them. */
export const PERSONAL_FIELDS = ['email', 'phone', 'deviceId', 'paymentFingerprint'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
export type PersonalData = Partial<Record<PersonalField, string>>;

/** The customers columns of each field: the sealed value and its keyed hash. */
export const PERSONAL_COLUMNS: Record<PersonalField, { sealed: string; hash: string }> = {
  email: { sealed: 'email', hash: 'email_hash' },
  phone: { sealed: 'phone', hash: 'phone_hash' },
  deviceId: { sealed: 'device_id', hash: 'device_hash' },
  paymentFingerprint: { sealed: 'payment_fingerprint', hash: 'payment_hash' },
};

/**
 * What counts as the same value when matching: addresses ignore case and surrounding space (as the plaintext match did
 * with lower()), phone numbers ignore spaces, dashes and brackets; device ids and fingerprints are opaque tokens.
 */
function matchingForm(field: PersonalField, value: string): string {
  switch (field) {
    case 'email':
      return value.trim().toLowerCase();
    case 'phone':
      return value.replace(/[\s\-().]/g, '');
    default:
      return value.trim();
  }
}

export function hashOf(p: PersonalDataProtection, field: PersonalField, value: string): string {
  return p.hash.of(field, matchingForm(field, value));
}

/** Associated data of a customers column: a value opens only in the row and column it was sealed for. */
const customerContext = (customerId: string, field: PersonalField) => `customers/${customerId}/${field}`;
const eventContext = (eventId: string) => `customer_events/${eventId}`;

export function sealCustomerField(
  p: PersonalDataProtection,
  customerId: string,
  field: PersonalField,
  value: string,
): string {
  return p.cipher.seal(value, customerContext(customerId, field));
}

export function openCustomerField(
  p: PersonalDataProtection,
  customerId: string,
  field: PersonalField,
  stored: string | null,
  /** The row's pii_key_id: null for a row written before encryption (plaintext until resealed). */
  rowKeyId: string | null,
): string | null {
  if (stored === null) return null;
  return rowKeyId === null ? stored : p.cipher.open(stored, customerContext(customerId, field));
}

/** The personal fields an event carries, and the event without them. */
export function splitPersonalData(event: Record<string, unknown>): {
  rest: Record<string, unknown>;
  personal: PersonalData;
} {
  const rest: Record<string, unknown> = {};
  const personal: PersonalData = {};
  for (const [k, v] of Object.entries(event)) {
    if ((PERSONAL_FIELDS as readonly string[]).includes(k) && typeof v === 'string') {
      personal[k as PersonalField] = v;
    } else {
      rest[k] = v;
    }
  }
  return { rest, personal };
}

/** The key of a stored event's payload under which its personal fields are kept, sealed together. */
export const SEALED_PAYLOAD_KEY = 'sealedPersonalData';

/** An event as stored: its personal fields sealed into one value (none: the event as it is). */
export function sealEventPayload(
  p: PersonalDataProtection,
  eventId: string,
  event: Record<string, unknown>,
): Record<string, unknown> {
  const { rest, personal } = splitPersonalData(event);
  if (Object.keys(personal).length === 0) return rest;
  return { ...rest, [SEALED_PAYLOAD_KEY]: p.cipher.seal(JSON.stringify(personal), eventContext(eventId)) };
}

/** A stored event as it was received; `rowKeyId` null: a payload stored before encryption (plaintext). */
export function openEventPayload(
  p: PersonalDataProtection,
  eventId: string,
  payload: Record<string, unknown>,
  rowKeyId: string | null,
): Record<string, unknown> {
  if (rowKeyId === null) return payload;
  const { [SEALED_PAYLOAD_KEY]: sealed, ...rest } = payload;
  if (typeof sealed !== 'string') return rest;
  return { ...rest, ...(JSON.parse(p.cipher.open(sealed, eventContext(eventId))) as PersonalData) };
}
