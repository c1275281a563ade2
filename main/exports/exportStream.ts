import { Readable } from 'node:stream';
import { csvLines } from './csv';
import type { CsvTable } from './exportTables';
import type { RowPages } from './exportStore';

/** The size of the buffers formatted rows are written into, and how many bytes wait for a slow reader before the next page is read. */
const CHUNK_BYTES = 64 * 1024;

/** Told the rows written so far after every page, and once more at the end (`done`). */
export type ExportProgressSink = (rows: number, done: boolean) => void;

/**
 * Text written into buffers outside the JavaScript heap: a page's formatted rows wait there for the reader, so the
 * heap holds only the row being formatted, and its garbage dies young instead of piling up until a full collection.
 */
class ByteChunks {
  private filled: Buffer[] = [];
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  write(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.used + bytes > this.chunk.length) {
      this.filled.push(this.chunk.subarray(0, this.used));
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
      this.used = 0;
    }
    this.used += this.chunk.write(text, this.used);
  }

  /** What has been written since the last take. */
  take(): Buffer[] {
    const taken = this.used ? [...this.filled, this.chunk.subarray(0, this.used)] : this.filled;
    this.filled = [];
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    return taken;
  }
}

/**
 * Pages of rows as a byte stream that reads the next page only when the reader has taken the last one
 * (Readable.from pulls lazily), so a slow client holds up the export instead of filling memory. A page is read
 * and formatted whole before its bytes are handed on: its statement holds the connection while it is read.
 */
function formatted<Row>(pages: RowPages<Row>, head: string, line: (row: Row) => string, progress?: ExportProgressSink): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    const out = new ByteChunks();
    let rows = 0;
    out.write(head);
    for await (const page of pages) {
      for (const row of page) {
        out.write(line(row));
        rows++;
      }
      yield* out.take();
      progress?.(rows, false);
    }
    yield* out.take();
    progress?.(rows, true);
  }
  return Readable.from(bytes(), { objectMode: false, highWaterMark: CHUNK_BYTES });
}

/** CSV: the header, then a CRLF-ended line per row, every cell escaped against formula injection. */
export function csvStream<Row>(table: CsvTable<Row>, pages: RowPages<Row>, progress?: ExportProgressSink): Readable {
  return formatted(pages, `${csvLines([table.header])}\r\n`, (row) => `${csvLines([table.cells(row)])}\r\n`, progress);
}

/** JSON Lines: one object per row. */
export function jsonLinesStream<Row>(pages: RowPages<Row>, progress?: ExportProgressSink): Readable {
  return formatted(pages, '', (row) => `${JSON.stringify(row)}\n`, progress);
}
