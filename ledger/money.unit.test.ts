import { isLedgerError } from './errors';
import { fromDb, totalOf } from './money';

describe('money: totals stay exact or are refused', () => {
  const refusal = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      if (isLedgerError(err)) return err.code;
      throw err;
    }
    throw new Error('expected a refusal');
  };

  it('adds amounts exactly up to the most an amount can be, and refuses a total past it (never rounds)', () => {
    expect(totalOf([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
    expect(totalOf([])).toBe(0);
    // As floats these two sum to 9007199254740992, a value no amount may have; a third pair would round silently.
    expect(refusal(() => totalOf([Number.MAX_SAFE_INTEGER, 1]))).toBe('AMOUNT_OUT_OF_RANGE');
    expect(refusal(() => totalOf([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]))).toBe(
      'AMOUNT_OUT_OF_RANGE',
    );
  });

  it('refuses a database sum past the range as AMOUNT_OUT_OF_RANGE, and a value that is no integer as a fault', () => {
    expect(fromDb('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(refusal(() => fromDb('18014398509481982'))).toBe('AMOUNT_OUT_OF_RANGE');
    expect(() => fromDb('1.5')).toThrow('is not an integer');
  });
});
