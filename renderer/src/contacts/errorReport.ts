import Papa from 'papaparse';
import type { CsvRowError } from '../../../shared/crm/csvImport';

/** The rows an import refused, as a CSV file the user can fix and re-import. */
export function errorReportCsv(errors: CsvRowError[]): string {
  return Papa.unparse(errors.map((e) => ({ Row: e.row, Field: e.field, Reason: e.reason })));
}
