import { Readable } from 'node:stream';
import { csvLines } from './csv';
import type { CsvTable } from './exportTables';

/** How many bytes of formatted rows wait for a slow reader before the next page is read. */
const BUFFERED_BYTES = 64 * 1024;

/** Told the rows written so far after every page, and once more at the end (`done`). */
export type ExportProgressSink = (rows: number, done: boolean) => void;

/**
 * Pages of rows as a byte stream that reads the next page only when the reader has taken the last one
 * (Readable.from pulls lazily), so a slow client holds up the export instead of filling memory.
 */
function formatted<Row>(pages: AsyncIterable<Row[]>, head: string, format: (page: Row[]) => string, progress?: ExportProgressSink): Readable {
  async function* text(): AsyncGenerator<string> {
    let rows = 0;
    if (head) yield head;
    for await (const page of pages) {
      rows += page.length;
      yield format(page);
      progress?.(rows, false);
    }
    progress?.(rows, true);
  }
  return Readable.from(text(), { objectMode: false, highWaterMark: BUFFERED_BYTES });
}

/** CSV: the header, then a CRLF-ended line per row, every cell escaped against formula injection. */
export function csvStream<Row>(table: CsvTable<Row>, pages: AsyncIterable<Row[]>, progress?: ExportProgressSink): Readable {
  return formatted(pages, `${csvLines([table.header])}\r\n`, (page) => `${csvLines(page.map(table.cells))}\r\n`, progress);
}

/** JSON Lines: one object per row. */
export function jsonLinesStream<Row>(pages: AsyncIterable<Row[]>, progress?: ExportProgressSink): Readable {
  return formatted(pages, '', (page) => `${page.map((row) => JSON.stringify(row)).join('\n')}\n`, progress);
}
