import Papa from 'papaparse';

/**
 * Cells carry user text (names, transcripts, collected answers): escape what a spreadsheet would run as a
 * formula — a leading =, @, tab or CR, or + and - unless the rest is digits (an E.164 number stays as is).
 */
const FORMULA = /^(?:[=@\t\r]|[+-](?!\d+$))/;

export type CsvCell = string | number | boolean | null | undefined;

/** CSV lines (CRLF-joined, no trailing newline) with every cell escaped against formula injection. */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse(rows.map((row) => row.map((cell) => cell ?? '')), { escapeFormulae: FORMULA });
}
