import fc from 'fast-check';
import {
  CODE_ALPHABET,
  checkSymbol,
  checksumOk,
  displayCode,
  generateCodes,
  looksGenerated,
  normalizeCode,
} from './code-format';

describe('promotion code format', () => {
  it('generates codes of the alphabet with a valid check symbol, none ambiguous', () => {
    const codes = generateCodes(5_000);
    expect(new Set(codes).size).toBe(5_000);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{11}$/);
      expect(checksumOk(code)).toBe(true);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('spreads symbols evenly (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (const code of generateCodes(20_000))
      for (const c of code.slice(0, -1)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (20_000 * 10) / CODE_ALPHABET.length;
    for (const c of CODE_ALPHABET)
      expect(Math.abs((counts.get(c) ?? 0) - expected) / expected).toBeLessThan(0.05);
  });

  it('catches every single-symbol typo and every swap of neighbours', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...generateCodes(200)),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: CODE_ALPHABET.length - 1 }),
        (code, position, shift) => {
          const replaced =
            CODE_ALPHABET[(CODE_ALPHABET.indexOf(code[position]!) + shift) % CODE_ALPHABET.length]!;
          const typo = code.slice(0, position) + replaced + code.slice(position + 1);
          expect(checksumOk(typo)).toBe(false);
          if (position < 10 && code[position] !== code[position + 1]) {
            const swapped =
              code.slice(0, position) + code[position + 1]! + code[position]! + code.slice(position + 2);
            expect(checksumOk(swapped)).toBe(false);
          }
        },
      ),
    );
  });

  it('accepts any case, spaces and hyphens, and shows generated codes in groups', () => {
    const [code] = generateCodes(1) as [string];
    const shown = displayCode(code);
    expect(shown).toMatch(/^\w{4}-\w{4}-\w{3}$/);
    expect(normalizeCode(` ${shown.toLowerCase()} `)).toBe(code);
    expect(looksGenerated('SPRING2026')).toBe(false);
    expect(displayCode('SPRING2026')).toBe('SPRING2026');
    expect(() => checkSymbol('0')).toThrow(/not a code symbol/);
  });
});
