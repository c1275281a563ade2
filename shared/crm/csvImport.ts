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

/** What each field is called on screen, as the contact form names it. */
export const CSV_FIELD_LABELS: Record<CsvContactField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name (split into first and last)',
  phone: 'Phone',
  phoneSecondary: 'Second phone',
  email: 'Email',
  jobTitle: 'Job title',
  leadStatus: 'Lead status',
  source: 'Source',
  timezone: 'Time zone',
  doNotCall: 'Do not call',
  notes: 'Notes',
  tags: 'Tags',
};
/** A column that fills the contact's custom field <key> (which `{{custom.<key>}}` reads). */
export type CsvCustomTarget = `custom:${string}`;
export type CsvColumnTarget = CsvContactField | 'ignore' | CsvCustomTarget;

/** The largest CSV file an import takes (a few hundred thousand contacts, or a large DNC registry extract). */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;
export const CSV_TOO_LARGE = `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`;

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
