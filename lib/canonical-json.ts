/**
 * JSON with object keys sorted, so equal requests hash equal whatever order their fields were written in. For the
 * plain data requests are made of (validated by zod) it is JSON.stringify with sorted keys: undefined values left out
 * of objects and null in arrays, dates as ISO strings. Other objects' toJSON is not consulted.
 * Ledger request hashes and the API's Idempotency-Key fingerprints are made from it and stored, so it must never
 * change for a given request.
 *
 * Iterative (an explicit stack of what is left to write), so no nesting depth can overflow the call stack.
 */
export function canonicalJson(value: unknown): string {
  let out = '';
  // Popped last-in first-out: a container pushes its closing bracket, then its members in reverse, then its opener.
  const pending: ({ text: string } | { value: unknown })[] = [{ value }];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if ('text' in item) {
      out += item.text;
      continue;
    }
    const v = item.value;
    if (v === null || typeof v !== 'object') {
      out += JSON.stringify(v) ?? 'null';
    } else if (v instanceof Date) {
      out += JSON.stringify(v.toISOString());
    } else if (Array.isArray(v)) {
      pending.push({ text: ']' });
      for (let i = v.length - 1; i >= 0; i--) {
        pending.push({ value: v[i] });
        if (i > 0) pending.push({ text: ',' });
      }
      pending.push({ text: '[' });
    } else {
      const record = v as Record<string, unknown>;
      // Default sort compares UTF-16 code units, the same order as comparing the strings with < and >.
      const keys = Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined);
      pending.push({ text: '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        pending.push({ value: record[key] });
        pending.push({ text: (i > 0 ? ',' : '') + JSON.stringify(key) + ':' });
      }
      pending.push({ text: '{' });
    }
  }
  return out;
}
