/** Contact fields a CSV column can be mapped to ('fullName' is split into first and last name). */
export const CSV_CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'phoneSecondary',
  'email',
  'jobTitle',
  'leadStatus',
  'source',
  'timezone',
  'doNotCall',
  'notes',
  'tags',
] as const;
export type CsvContactField = (typeof CSV_CONTACT_FIELDS)[number];
export type CsvColumnTarget = CsvContactField | 'ignore';

/** CSV header -> what it fills. */
export type CsvMapping = Record<string, CsvColumnTarget>;

export interface CsvRowError {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  field: string;
  reason: string;
}

export interface CsvImportProgress {
  importId: string;
  processedRows: number;
  imported: number;
  duplicates: number;
  failed: number;
}

export interface CsvImportResult extends CsvImportProgress {
  errors: CsvRowError[];
  /** More rows failed than `errors` lists. */
  errorsTruncated: boolean;
}

export interface CsvPreview {
  headers: string[];
  mapping: CsvMapping;
  sampleRows: string[][];
}
