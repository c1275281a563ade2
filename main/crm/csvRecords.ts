/** One record of a CSV text. */
export interface CsvRecord {
  /** Spreadsheet row number: the first record (the header) is row 1; a quoted line break does not start a row. */
  row: number;
  cells: string[];
  /** Why the record is not well-formed CSV (its cells are then what could be read), or null. */
  malformed: string | null;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const DELIMITERS = [',', ';', '\t', '|'];

export const UNTERMINATED_QUOTE = 'A quoted cell is never closed (unterminated quote)';
export const TEXT_AFTER_QUOTE = 'Text follows the closing quote of a quoted cell';

/** The delimiter the first line uses most outside quotes (spreadsheets in some locales write ";"); a comma by default. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/)).replace(/"(?:[^"]|"")*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/** Where the line holding `from` ends (past its line break), or the text's end. */
function nextLineStart(text: string, from: number): number {
  const end = text.slice(from).search(/\r\n|\r|\n/);
  if (end < 0) return text.length;
  return from + end + (text.startsWith('\r\n', from + end) ? 2 : 1);
}

/**
 * The records of a CSV text (RFC 4180: quoted cells may hold delimiters, doubled quotes and line breaks; a BOM is
 * dropped; CRLF, LF or CR line ends), one at a time so a caller can yield between them. A record with a broken
 * quote is returned as malformed, and reading goes on at the next line: one bad quote must not swallow the rest of
 * the file into a cell.
 */
export function* csvRecords(source: string): Generator<CsvRecord> {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const delimiter = detectDelimiter(text);
  const delimiterCode = delimiter.charCodeAt(0);
  const cellEnd = new RegExp(`[${delimiter === '\t' ? '\\t' : `\\${delimiter}`}\\r\\n]`, 'g');
  let pos = 0;
  let row = 0;
  while (pos < text.length) {
    row++;
    const start = pos;
    const cells: string[] = [];
    let malformed: string | null = null;
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        let cell = '';
        let from = pos + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) {
            malformed = UNTERMINATED_QUOTE;
            break;
          }
          if (text.charCodeAt(close + 1) === QUOTE) {
            cell += text.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          cell += text.slice(from, close);
          pos = close + 1;
          break;
        }
        const next = text.charCodeAt(pos);
        if (!malformed && pos < text.length && next !== delimiterCode && next !== CR && next !== LF) malformed = TEXT_AFTER_QUOTE;
        if (malformed) {
          pos = nextLineStart(text, start);
          break;
        }
        cells.push(cell);
      } else {
        cellEnd.lastIndex = pos;
        const end = cellEnd.exec(text)?.index ?? text.length;
        cells.push(text.slice(pos, end));
        pos = end;
      }
      if (pos >= text.length) break;
      const at = text.charCodeAt(pos);
      pos++;
      if (at === delimiterCode) continue;
      if (at === CR && text.charCodeAt(pos) === LF) pos++;
      break;
    }
    yield { row, cells, malformed };
  }
}

/** The records of a CSV text after its header (the first record), and the header's names. */
export function csvWithHeader(text: string): { records: Generator<CsvRecord>; headers: string[] } {
  const records = csvRecords(text);
  const first = records.next();
  return { records, headers: first.done ? [] : first.value.cells.map((h) => h.trim()) };
}

/** A record with nothing but whitespace in its cells, which a spreadsheet shows as an empty row. */
export const isBlankRecord = (cells: string[]): boolean => cells.every((cell) => !cell.trim());
