import Papa from 'papaparse';
import type { DncRowError } from '../../shared/compliance/types';
import { toE164 } from '../../shared/phone';
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

/**
 * The numbers of a DNC file: one number per line, or a CSV whose header names a phone column (else its
 * first column). Any common format is read; a row that is not a valid number is reported, not fatal.
 */
export function parseDncFile(text: string, maxErrors: number): ParsedDncFile {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false }).data;
  const firstFilled = rows.findIndex((cells) => cells.some((cell) => cell.trim()));
  const first = rows[firstFilled] ?? [];
  const hasHeader = firstFilled >= 0 && first.every((cell) => !toE164(cell)) && first.some((cell) => /[a-z]/i.test(cell));
  const headers = hasHeader ? first.map((h) => h.trim()) : [];
  const mapped = Object.entries(mapColumns(headers)).find(([, field]) => field === 'phone')?.[0];
  const column = mapped === undefined ? 0 : headers.indexOf(mapped);

  const result: ParsedDncFile = { numbers: [], processedRows: 0, failed: 0, errors: [] };
  rows.forEach((cells, index) => {
    if ((hasHeader && index === firstFilled) || !cells.some((cell) => cell.trim())) return;
    result.processedRows++;
    const raw = (cells[column] ?? '').trim();
    const e164 = raw ? toE164(raw) : null;
    if (e164) {
      result.numbers.push({ row: index + 1, e164 });
      return;
    }
    result.failed++;
    if (result.errors.length < maxErrors) {
      result.errors.push({ row: index + 1, field: headers[column] || 'phone', reason: raw ? `"${raw}" is not a valid phone number` : 'No phone number' });
    }
  });
  return result;
}
