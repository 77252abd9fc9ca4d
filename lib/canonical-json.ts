/**
 * JSON with object keys sorted, so equal requests hash equal whatever order their fields were written in. For the
 * plain data requests are made of (validated by zod) it is JSON.stringify with sorted keys: undefined values left out
 * of objects and null in arrays, dates as ISO strings. Other objects' toJSON is not consulted.
 * Ledger request hashes and the API's Idempotency-Key fingerprints are made from it and stored, so it must never
 * change for a given request.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the same order as comparing the strings with < and >.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}
