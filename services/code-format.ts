import { randomBytes } from 'node:crypto';

/**
 * Promotion code text. Unique codes are 10 random symbols and one check symbol from a 31-symbol alphabet without the
 * characters people confuse when they read a code aloud or type it from paper (0/O, 1/I/L): 31^10 ≈ 8 × 10^14
 * combinations (~49.5 bits), so a code cannot be guessed, and a typo is caught before the database is asked.
 * Shown in groups (`K7QM-3XTV-9CH`); accepted with any case, spaces and hyphens.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BASE = CODE_ALPHABET.length; // 31, a prime: the weighted check below catches every single substitution
// and every swap of two neighbours (their weights differ, and no non-zero product is 0 mod a prime).
export const RANDOM_SYMBOLS = 10;
const VALUE: ReadonlyMap<string, number> = new Map([...CODE_ALPHABET].map((c, i) => [c, i]));

/** Uppercase, without spaces and hyphens: the form codes are stored and looked up in. */
export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

/** The check symbol of a body: sum of (position + 1) × value, mod 31. */
export function checkSymbol(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = VALUE.get(body[i]!);
    if (value === undefined) throw new Error(`'${body[i]}' is not a code symbol`);
    sum = (sum + (i + 1) * value) % BASE;
  }
  return CODE_ALPHABET[sum]!;
}

/** Whether a normalized code has the shape of a generated unique code (it may still be a typo: see `checksumOk`). */
export function looksGenerated(code: string): boolean {
  return code.length === RANDOM_SYMBOLS + 1 && [...code].every((c) => VALUE.has(c));
}

/** Whether a generated-shape code's last symbol matches its body. */
export function checksumOk(code: string): boolean {
  return looksGenerated(code) && checkSymbol(code.slice(0, -1)) === code.slice(-1);
}

/**
 * `count` new unique codes (normalized), uniformly random: bytes ≥ 248 (8 × 31) are thrown away so that no symbol is
 * likelier than another.
 */
export function generateCodes(count: number): string[] {
  const codes: string[] = [];
  let pool = randomBytes(0);
  let at = 0;
  const nextSymbol = (): string => {
    for (;;) {
      if (at >= pool.length) {
        pool = randomBytes(Math.max(64, count * RANDOM_SYMBOLS * 1.1));
        at = 0;
      }
      const byte = pool[at++]!;
      if (byte < 8 * BASE) return CODE_ALPHABET[byte % BASE]!;
    }
  };
  for (let n = 0; n < count; n++) {
    let body = '';
    for (let i = 0; i < RANDOM_SYMBOLS; i++) body += nextSymbol();
    codes.push(body + checkSymbol(body));
  }
  return codes;
}

/** A normalized generated code in groups of four for people: K7QM3XTV9CH → K7QM-3XTV-9CH. Shared codes stay as set. */
export function displayCode(code: string): string {
  return looksGenerated(code) ? (code.match(/.{1,4}/g) ?? [code]).join('-') : code;
}
