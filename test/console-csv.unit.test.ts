import { csvField, toCsv } from '../console/src/export/csv';

/** The console's CSV export (finance tables): RFC 4180 quoting, and no formula a spreadsheet would run. */
describe('console CSV export', () => {
  it('quotes fields holding a comma, quote or line break, doubling quotes; leaves plain ones as they are', () => {
    expect(csvField('cmp_1')).toBe('cmp_1');
    expect(csvField('满200减20, 新客')).toBe('"满200减20, 新客"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('prefixes text a spreadsheet would evaluate with an apostrophe, never a number', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-12.34)).toBe('-12.34');
    expect(csvField(0)).toBe('0');
  });

  it('joins a header and rows with CRLF, ending with one', () => {
    expect(
      toCsv(
        ['活动', '金额 (CNY)'],
        [
          ['cmp_a', 12.34],
          ['cmp,b', -1],
        ],
      ),
    ).toBe('活动,金额 (CNY)\r\ncmp_a,12.34\r\n"cmp,b",-1\r\n');
  });
});
