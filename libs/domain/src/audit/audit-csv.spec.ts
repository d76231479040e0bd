import { csvCell, csvLines } from './audit-csv.js';

describe('audit CSV cells', () => {
  it('quotes and prefixes text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
  });

  it('quotes commas, quotes and line breaks; leaves plain text, numbers and empties alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Li Wei')).toBe('Li Wei');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(null)).toBe('');
  });

  it('joins rows with CRLF', () => {
    expect(csvLines([['a', 'b'], ['=x', 1]])).toBe(`a,b\r\n"'=x",1\r\n`);
  });
});
