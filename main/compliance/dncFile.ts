import type { DncRowError } from '../../shared/compliance/types';
import { toE164 } from '../../shared/phone';
import { csvRecords } from '../crm/csvRecords';
import { mapColumns } from '../crm/csvColumns';

export interface DncFileRow {
  row: number;
  e164: string;
}

export interface ParsedDncFile {
  numbers: DncFileRow[];
  processedRows: number;
  failed: number;
  errors: DncRowError[];
}

/** A first row of names, not numbers, is a header. */
const isHeader = (cells: string[]) => cells.every((cell) => !toE164(cell)) && cells.some((cell) => /[a-z]/i.test(cell));

/**
 * The numbers of a DNC file: one number per line, or a CSV whose header names a phone column (else its
 * first column). Any common format is read; a row that is not a valid number, or not well-formed CSV, is reported,
 * not fatal. Registry files are large: `share` is awaited after each row, to let the thread's other work in.
 */
export async function parseDncFile(text: string, maxErrors: number, share: () => Promise<void>): Promise<ParsedDncFile> {
  const result: ParsedDncFile = { numbers: [], processedRows: 0, failed: 0, errors: [] };
  const fail = (error: DncRowError) => {
    result.failed++;
    if (result.errors.length < maxErrors) result.errors.push(error);
  };
  let headers: string[] | null = null;
  let column = 0;
  for (const { row, cells, malformed } of csvRecords(text)) {
    await share();
    if (!malformed && !cells.some((cell) => cell.trim())) continue;
    if (!headers) {
      headers = !malformed && isHeader(cells) ? cells.map((h) => h.trim()) : [];
      const mapped = Object.entries(mapColumns(headers)).find(([, field]) => field === 'phone')?.[0];
      column = mapped === undefined ? 0 : headers.indexOf(mapped);
      if (headers.length) continue;
    }
    result.processedRows++;
    if (malformed) {
      fail({ row, field: 'row', reason: malformed });
      continue;
    }
    const raw = (cells[column] ?? '').trim();
    const e164 = raw ? toE164(raw) : null;
    if (e164) result.numbers.push({ row, e164 });
    else fail({ row, field: headers[column] || 'phone', reason: raw ? `"${raw}" is not a valid phone number` : 'No phone number' });
  }
  return result;
}
