import { describe, expect, it } from 'vitest';
import { csvRecords, TEXT_AFTER_QUOTE, UNTERMINATED_QUOTE } from '../../main/crm/csvRecords';

const read = (text: string) => [...csvRecords(text)];
const cells = (text: string) => read(text).map((r) => r.cells);

describe('CSV records', () => {
  it('reads quoted cells with delimiters, doubled quotes and line breaks, counting a record as one row', () => {
    const records = read('a,b,c\r\n1,"x, ""y""\r\nz",3\n\n   \nlast,,');
    expect(records).toEqual([
      { row: 1, cells: ['a', 'b', 'c'], malformed: null },
      { row: 2, cells: ['1', 'x, "y"\r\nz', '3'], malformed: null },
      { row: 3, cells: [''], malformed: null },
      { row: 4, cells: ['   '], malformed: null },
      { row: 5, cells: ['last', '', ''], malformed: null },
    ]);
  });

  it('drops a BOM, reads CR-only line ends, and takes a quote inside an unquoted cell literally', () => {
    expect(cells('\uFEFFName,Phone\rO"Neil,1\r')).toEqual([
      ['Name', 'Phone'],
      ['O"Neil', '1'],
    ]);
  });

  it('uses the delimiter the header uses: semicolon, tab or pipe, else a comma', () => {
    expect(cells('First;Phone\nAnn;"1;2"\n')).toEqual([['First', 'Phone'], ['Ann', '1;2']]);
    expect(cells('First\tPhone\nAnn\t1\n')).toEqual([['First', 'Phone'], ['Ann', '1']]);
    expect(cells('First|Phone\nAnn|1\n')).toEqual([['First', 'Phone'], ['Ann', '1']]);
    expect(cells('"a;b",c\n1,2\n')).toEqual([['a;b', 'c'], ['1', '2']]);
    expect(cells('Phone\n2125550101\n')).toEqual([['Phone'], ['2125550101']]);
  });

  it('reports an unterminated quote as one malformed row and reads on at the next line', () => {
    const records = read('First,Last,Phone\nAnn,"O\'Neil,2125550101\nBob,Smith,2125550102\n');
    expect(records).toEqual([
      { row: 1, cells: ['First', 'Last', 'Phone'], malformed: null },
      { row: 2, cells: ['Ann'], malformed: UNTERMINATED_QUOTE },
      { row: 3, cells: ['Bob', 'Smith', '2125550102'], malformed: null },
    ]);
    // on the last line too: nothing is swallowed, nothing follows
    expect(read('First,Last\nAnn,"Lovelace').map((r) => r.malformed)).toEqual([null, UNTERMINATED_QUOTE]);
  });

  it('reports text after a closing quote as malformed, and a stray quote that closes on a later line only spoils its own row', () => {
    expect(read('a,b\n"Neil" x,1\nBob,2\n').map((r) => [r.row, r.malformed, r.cells])).toEqual([
      [1, null, ['a', 'b']],
      [2, TEXT_AFTER_QUOTE, []],
      [3, null, ['Bob', '2']],
    ]);
    expect(read('a,b,c\nAnn,"O\'Neil,1\nBob,"Smith, Jr.",2\n').map((r) => [r.row, r.malformed === null, r.cells.length])).toEqual([
      [1, true, 3],
      [2, false, 1],
      [3, true, 3],
    ]);
  });
});
