import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { mapColumns } from '../../main/crm/csvColumns';
import type { CsvImportProgress, CsvRowError } from '../../shared/crm/csvImport';
import type { Contact } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { addTeam, failure } from '../support/inMemoryTransport';
import { contactsIn, importWorld, type ImportWorld } from './importWorld';

let core: ImportWorld['core'];
let api: ImportWorld['api'];
let acme: ImportWorld['acme'];
let globex: ImportWorld['globex'];

beforeEach(async () => {
  ({ core, api, acme, globex } = await importWorld());
});

const csv = (lines: string[], eol = '\r\n') => lines.join(eol) + eol;

const contactsOf = (companyId: string) => contactsIn(api, companyId);

function byName(contacts: Contact[]): Map<string, Contact> {
  return new Map(contacts.map((c) => [`${c.firstName} ${c.lastName}`.trim(), c]));
}

const sortErrors = (errors: CsvRowError[]) => [...errors].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));

/**
 * A file with everything that goes wrong in real exports: UTF-8 BOM, Windows line endings, quoted commas,
 * quotes and line breaks, blank lines, bad values, duplicates. Spreadsheet row numbers on the right.
 */
const NASTY = csv([
  '\uFEFFFirst Name,Last Name,Mobile,E-mail,Title,Status,DNC,Time zone,Notes,Company', // 1
  'Ada,Lovelace,(212) 555-0101,ada@example.com,"Countess, Mathematician",New,no,Europe/London,"line one\r\nline two",Analytical', // 2 (two lines)
  '', // 3 blank
  'Grace,Hopper,212.555.0102,grace@navy.mil,Rear Admiral,Qualified,yes,America/New_York,,Navy', // 4
  ',,,,,,,,,', // 5 blank (empty cells)
  'Bad,Phone,12345,bad.phone@example.com,,,,,,', // 6 bad phone
  'Bad,Email,(212) 555-0103,not-an-email,,,,,,', // 7 bad email
  'Bad,Status,(212) 555-0104,,,hot lead,,,,', // 8 bad lead status
  'Dup,InFile,+1 212 555 0101,,,,,,,', // 9 duplicate of row 2
  'Existing,Contact,(202) 555-0123,,,,,,,', // 10 duplicate of a contact already in the company
  'Multi,Bad,abc,nope,,,maybe,Mars/Base,,', // 11 four bad fields
  'No,Phone,,nophone@example.com,,Do Not Contact,,,,', // 12 no phone: imported, not callable
  '"Quote ""Q""",O\'Neil,(212) 555-0105,q@example.com,,,TRUE,,"He said ""hi""",', // 13 escaped quotes
  'Trail,Space,  (212) 555-0106  ,  spaced@example.com  ,,contacted,N,  UTC  ,,', // 14 padded cells
  '   ', // 15 whitespace only
  'Short,Row,(212) 555-0107', // 16 fewer cells than headers: a malformed row
]);

describe('CSV import: a nasty file', () => {
  beforeEach(async () => {
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Already', lastName: 'Here', phone: '202-555-0123' });
    // the same phone in another company does not make a row a duplicate
    await api.invoke('contacts.create', { companyId: globex.id, firstName: 'Elsewhere', phone: '(212) 555-0102' });
  });

  it('imports the good rows and counts the rest', async () => {
    const result = await core.services.csvImport.import(core.localTeam, NASTY, { companyId: acme.id });
    expect(result).toMatchObject({
      importId: expect.stringMatching(/^imp_/),
      processedRows: 12,
      imported: 5,
      duplicates: 2,
      failed: 5,
      errorsTruncated: false,
    });
    expect(result.imported + result.duplicates + result.failed).toBe(result.processedRows);

    const contacts = byName(await contactsOf(acme.id));
    expect([...contacts.keys()].sort()).toEqual(
      ['Ada Lovelace', 'Already Here', 'Grace Hopper', 'No Phone', 'Quote "Q" O\'Neil', 'Trail Space'].sort(),
    );
    expect(contacts.get('Ada Lovelace')).toMatchObject({
      phone: '+12125550101',
      email: 'ada@example.com',
      jobTitle: 'Countess, Mathematician',
      leadStatus: 'new',
      doNotCall: false,
      timezone: 'Europe/London',
      eligible: true,
    });
    expect(contacts.get('Ada Lovelace')!.notes).toMatch(/^line one\r?\nline two$/);
    expect(contacts.get('Grace Hopper')).toMatchObject({
      phone: '+12125550102',
      jobTitle: 'Rear Admiral',
      leadStatus: 'qualified',
      doNotCall: true,
      timezone: 'America/New_York',
      notes: null,
      eligible: false,
    });
    expect(contacts.get('No Phone')).toMatchObject({ phone: null, leadStatus: 'do_not_contact', eligible: false });
    expect(contacts.get('Quote "Q" O\'Neil')).toMatchObject({ phone: '+12125550105', doNotCall: true, notes: 'He said "hi"' });
    expect(contacts.get('Trail Space')).toMatchObject({
      phone: '+12125550106',
      email: 'spaced@example.com',
      leadStatus: 'contacted',
      doNotCall: false,
      timezone: 'UTC',
    });
    // the "Company" column no contact field matches is a custom field; an empty cell fills none
    expect(contacts.get('Ada Lovelace')!.customFields).toEqual({ company: 'Analytical' });
    expect(contacts.get('Grace Hopper')!.customFields).toEqual({ company: 'Navy' });
    expect(contacts.get('Trail Space')!.customFields).toEqual({});
    // the rows are searchable straight away
    expect((await api.invoke('contacts.list', { search: 'lovelace' })).total).toBe(1);
    expect((await api.invoke('contacts.list', { search: '(212) 555-0106' })).total).toBe(1);
  });

  it('reports every bad row with its spreadsheet row number and field', async () => {
    const result = await core.services.csvImport.import(core.localTeam, NASTY, { companyId: acme.id });
    const errors = sortErrors(result.errors);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [6, 'phone'],
      [7, 'email'],
      [8, 'leadStatus'],
      [9, 'phone'],
      [10, 'phone'],
      [11, 'doNotCall'],
      [11, 'email'],
      [11, 'phone'],
      [11, 'timezone'],
      [16, 'row'],
    ]);
    const at = (row: number, field: string) => errors.find((e) => e.row === row && e.field === field)!.reason;
    expect(at(6, 'phone')).toContain('12345');
    expect(at(7, 'email')).toBe('Not a valid email address');
    expect(at(8, 'leadStatus')).toMatch(/Must be one of/);
    expect(at(9, 'phone')).toMatch(/Duplicate.*\+12125550101.*earlier in this file/);
    expect(at(10, 'phone')).toMatch(/Duplicate.*\+12025550123.*already a contact/);
    expect(at(11, 'timezone')).toContain('Mars/Base');
    expect(at(16, 'row')).toBe('This row has 3 cells; the header has 10');
  });

  it('gives the same row numbers with Unix line endings and without a BOM', async () => {
    const unix = NASTY.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    const result = await core.services.csvImport.import(core.localTeam, unix, { companyId: acme.id });
    expect(result).toMatchObject({ processedRows: 12, imported: 5, duplicates: 2, failed: 5 });
    expect([...new Set(result.errors.map((e) => e.row))].sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10, 11, 16]);
  });

  it('reads a stream as well as a string', async () => {
    const chunks = NASTY.match(/[\s\S]{1,7}/g)!; // small chunks, split inside quotes and line endings
    const result = await core.services.csvImport.import(core.localTeam, Readable.from(chunks), { companyId: acme.id });
    expect(result).toMatchObject({ processedRows: 12, imported: 5, duplicates: 2, failed: 5 });
    expect(sortErrors(result.errors).map((e) => e.row)).toEqual([6, 7, 8, 9, 10, 11, 11, 11, 11, 16]);
    const ada = (await contactsOf(acme.id)).find((c) => c.lastName === 'Lovelace')!;
    expect(ada.jobTitle).toBe('Countess, Mathematician');
  });

  it('reads quoted headers behind a BOM', async () => {
    const text = '\uFEFF"Notes, internal","First Name",Phone\n"vip",Ann,(212) 555-0102\n';
    const preview = await core.services.csvImport.preview(text);
    expect(preview.headers).toEqual(['Notes, internal', 'First Name', 'Phone']);
    const result = await core.services.csvImport.import(core.localTeam, text, { companyId: acme.id, mapping: { 'Notes, internal': 'notes' } });
    expect(result).toMatchObject({ imported: 1, failed: 0 });
    expect((await contactsOf(acme.id))[0]).toMatchObject({ firstName: 'Ann', phone: '+12125550102', notes: 'vip' });
  });

  it('decodes UTF-8 split across byte chunks of a stream', async () => {
    const bytes = Buffer.from('First Name,Phone\nJosé,(212) 555-0103\n', 'utf8');
    const cut = bytes.indexOf(0xa9); // the second byte of "é"
    const result = await core.services.csvImport.import(core.localTeam, Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)], { objectMode: false }), { companyId: acme.id });
    expect(result.imported).toBe(1);
    expect((await contactsOf(acme.id))[0].firstName).toBe('José');
  });

  it('treats a second import of the same file as all duplicates', async () => {
    await core.services.csvImport.import(core.localTeam, NASTY, { companyId: acme.id });
    const again = await core.services.csvImport.import(core.localTeam, NASTY, { companyId: acme.id });
    // every row is now a duplicate, the phone-less one by its email
    expect(again).toMatchObject({ processedRows: 12, imported: 0, duplicates: 7, failed: 5 });
    expect(await contactsOf(acme.id)).toHaveLength(6);
  });

  it('reports progress with the running counts', async () => {
    const progress: CsvImportProgress[] = [];
    const result = await core.services.csvImport.import(core.localTeam, NASTY, {
      companyId: acme.id,
      onProgress: (p) => progress.push(p),
    });
    expect(progress).toHaveLength(1);
    const { errors: _errors, errorsTruncated: _truncated, ...counts } = result;
    expect(progress[0]).toEqual(counts);
  });
});

describe('CSV import: columns', () => {
  it('maps common header spellings', () => {
    expect(
      mapColumns(['First Name', 'Surname', 'Mobile', 'E-mail', 'Title', 'DNC', 'Time zone', 'Lead Status', 'Lead Source', 'Comments', 'Labels', 'Company']),
    ).toEqual({
      'First Name': 'firstName',
      Surname: 'lastName',
      Mobile: 'phone',
      'E-mail': 'email',
      Title: 'jobTitle',
      DNC: 'doNotCall',
      'Time zone': 'timezone',
      'Lead Status': 'leadStatus',
      'Lead Source': 'source',
      Comments: 'notes',
      Labels: 'tags',
      Company: 'custom:company',
    });
    // a field is filled by its first column only (a second one is kept as a custom field); an override takes the field from the guess
    expect(mapColumns(['Phone', 'Mobile', 'Email'])).toEqual({ Phone: 'phone', Mobile: 'custom:mobile', Email: 'email' });
    expect(mapColumns(['Phone', 'Mobile', 'Email'], { Mobile: 'phone', Phone: 'phoneSecondary', Email: 'ignore' })).toEqual({
      Phone: 'phoneSecondary',
      Mobile: 'phone',
      Email: 'ignore',
    });
  });

  it('splits a full-name column and follows mapping overrides', async () => {
    const file = csv(
      [
        'Name,Phone,Cell,Company Notes,Notes,Tags,Job',
        'Mary Ann Smith,212-555-0201,212-555-0202,VIP account,do not import this,"a; b, c",CTO',
        'Cher,212-555-0203,,,,,',
        '  ,212-555-0204,,,,,',
      ],
      '\n',
    );
    const mapping = { Cell: 'phoneSecondary', 'Company Notes': 'notes', Notes: 'ignore' } as const;
    const result = await core.services.csvImport.import(core.localTeam, file, { companyId: acme.id, mapping });
    expect(result).toMatchObject({ processedRows: 3, imported: 3, duplicates: 0, failed: 0, errors: [] });

    const contacts = await contactsOf(acme.id);
    const mary = contacts.find((c) => c.phone === '+12125550201')!;
    expect(mary).toMatchObject({
      firstName: 'Mary',
      lastName: 'Ann Smith',
      phoneSecondary: '+12125550202',
      notes: 'VIP account',
      tags: ['a', 'b', 'c'],
      jobTitle: 'CTO',
    });
    expect(contacts.find((c) => c.phone === '+12125550203')).toMatchObject({ firstName: 'Cher', lastName: '', notes: null, tags: [] });
    expect(contacts.find((c) => c.phone === '+12125550204')).toMatchObject({ firstName: '', lastName: '' });
    expect(JSON.stringify(contacts)).not.toContain('do not import this');
  });

  it('prefers explicit first/last name columns to a full name', async () => {
    const file = csv(['First Name,Name,Last Name,Phone', 'Augusta,Ada King,Lovelace,2125550301', ',Charles Babbage,,2125550302']);
    await core.services.csvImport.import(core.localTeam, file, { companyId: acme.id });
    const names = (await contactsOf(acme.id)).map((c) => [c.firstName, c.lastName]).sort();
    expect(names).toEqual([
      ['Augusta', 'Lovelace'],
      ['Charles', 'Babbage'],
    ]);
  });

  it('accepts lead statuses typed the way people type them', async () => {
    const file = csv(['Phone,Status', '2125550401,Do Not Contact', '2125550402,do-not-contact', '2125550403,QUALIFIED', '2125550404,Churned ']);
    const result = await core.services.csvImport.import(core.localTeam, file, { companyId: acme.id });
    expect(result.failed).toBe(0);
    const statuses = (await contactsOf(acme.id)).map((c) => [c.phone, c.leadStatus]).sort();
    expect(statuses).toEqual([
      ['+12125550401', 'do_not_contact'],
      ['+12125550402', 'do_not_contact'],
      ['+12125550403', 'qualified'],
      ['+12125550404', 'churned'],
    ]);
  });
});

describe('CSV import: target company', () => {
  it('refuses an unknown company or another team’s', async () => {
    const unknown = await failure(core.services.csvImport.import(core.localTeam, NASTY, { companyId: 'cmp_nope' }));
    expect(unknown).toBeInstanceOf(AppError);
    expect(unknown.code).toBe('validation');
    expect(Object.keys(unknown.fields!)).toEqual(['companyId']);

    const other = addTeam(core);
    const foreign = await failure(core.services.csvImport.import(other, NASTY, { companyId: acme.id }));
    expect(Object.keys(foreign.fields!)).toEqual(['companyId']);
    expect(await contactsOf(acme.id)).toEqual([]);
  });

  it('imports through the handler table too', async () => {
    const result = await api.invoke('contacts.import', { companyId: globex.id, csv: NASTY });
    expect(result).toMatchObject({ processedRows: 12, imported: 6, duplicates: 1, failed: 5 });
    const error = await failure(api.invoke('contacts.import', { companyId: '', csv: '' }));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual(['companyId', 'csv']);
    const badMapping = await failure(api.invoke('contacts.import', { companyId: globex.id, csv: NASTY, mapping: { Mobile: 'fax' as 'phone' } }));
    expect(Object.keys(badMapping.fields!)).toEqual(['mapping.Mobile']);
  });
});

describe('CSV import: large files', () => {
  it('imports 10,000 generated rows with correct counts and progress', async () => {
    const lines = ['Phone,First Name,Last Name,Email'];
    for (let i = 0; i < 10_000; i++) {
      const digits = String(i % 1000 === 999 ? i - 1 : i).padStart(4, '0'); // 10 in-file duplicates
      const email = i % 500 === 250 ? 'broken-at-' : `p${i}@example.com`; // 20 bad emails
      lines.push(`(212) 555-${digits},Person,Number ${i},${email}`);
    }
    const progress: CsvImportProgress[] = [];
    const result = await core.services.csvImport.import(core.localTeam, csv(lines), {
      companyId: acme.id,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ processedRows: 10_000, imported: 9_970, duplicates: 10, failed: 20, errorsTruncated: false });
    expect(result.errors).toHaveLength(30);
    expect(result.errors.filter((e) => e.field === 'email').map((e) => e.row)).toEqual(
      Array.from({ length: 20 }, (_, k) => k * 500 + 250 + 2),
    );
    expect(result.errors.filter((e) => e.field === 'phone').map((e) => e.row)).toEqual(
      Array.from({ length: 10 }, (_, k) => k * 1000 + 999 + 2),
    );

    // a batch of 500 rows is committed at a time: k batches hold k bad emails and k/2 duplicates
    expect(progress.map((p) => p.processedRows)).toEqual(Array.from({ length: 20 }, (_, k) => (k + 1) * 500));
    expect(progress.map((p) => p.imported)).toEqual(Array.from({ length: 20 }, (_, k) => (k + 1) * 500 - (k + 1) - Math.floor((k + 1) / 2)));
    for (const p of progress) expect(p.importId).toBe(result.importId);
    for (let k = 1; k < progress.length; k++) {
      expect(progress[k].processedRows).toBeGreaterThan(progress[k - 1].processedRows);
    }
    expect(progress.at(-1)).toMatchObject({ processedRows: 10_000, imported: 9_970, duplicates: 10, failed: 20 });

    const page = await api.invoke('contacts.list', { companyId: acme.id, limit: 1 });
    expect(page).toMatchObject({ total: 9_970, totalIsCapped: false });
    expect((await api.invoke('companies.get', { id: acme.id })).contactCount).toBe(9_970);
    expect((await api.invoke('contacts.list', { search: 'Number 4321' })).items.map((c) => c.email)).toEqual(['p4321@example.com']);
    expect((await api.invoke('contacts.list', { search: '212-555-4321' })).total).toBe(1);

    // past 10,000 the total is capped
    const more = ['Phone', ...Array.from({ length: 40 }, (_, k) => `(646) 555-${String(k).padStart(4, '0')}`)];
    expect((await core.services.csvImport.import(core.localTeam, csv(more), { companyId: acme.id })).imported).toBe(40);
    const capped = await api.invoke('contacts.list', { limit: 1 });
    expect(capped).toMatchObject({ total: 10_000, totalIsCapped: true });
  });

  it('caps the error list but keeps counting', async () => {
    const lines = ['Phone'];
    for (let i = 0; i < 10_001; i++) lines.push(`bad-${i}`);
    const result = await core.services.csvImport.import(core.localTeam, csv(lines, '\n'), { companyId: acme.id });
    expect(result).toMatchObject({ processedRows: 10_001, imported: 0, failed: 10_001, errorsTruncated: true });
    expect(result.errors).toHaveLength(10_000);
    expect(result.errors[0]).toEqual({ row: 2, field: 'phone', reason: '"bad-0" is not a valid phone number' });
  });
});

describe('CSV preview', () => {
  it('shows cleaned headers, the guessed mapping and the first non-blank rows', async () => {
    const preview = await core.services.csvImport.preview(NASTY);
    expect(preview.headers).toEqual(['First Name', 'Last Name', 'Mobile', 'E-mail', 'Title', 'Status', 'DNC', 'Time zone', 'Notes', 'Company']);
    expect(preview.mapping).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Mobile: 'phone',
      'E-mail': 'email',
      Title: 'jobTitle',
      Status: 'leadStatus',
      DNC: 'doNotCall',
      'Time zone': 'timezone',
      Notes: 'notes',
      Company: 'custom:company',
    });
    expect(preview.sampleRows).toHaveLength(5);
    expect(preview.sampleRows.map((r) => r[0])).toEqual(['Ada', 'Grace', 'Bad', 'Bad', 'Bad']);
    expect(preview.sampleRows[0][4]).toBe('Countess, Mathematician');
    expect(preview.sampleRows[0][8]).toMatch(/^line one\r?\nline two$/);
    // previewing writes nothing
    expect(await contactsOf(acme.id)).toEqual([]);
  });

  it('applies mapping overrides, and copes with a header-only or tiny file', async () => {
    const preview = await core.services.csvImport.preview(NASTY, { Notes: 'ignore', Company: 'source' });
    expect(preview.mapping).toMatchObject({ Notes: 'ignore', Company: 'source', Mobile: 'phone' });
    expect(await core.services.csvImport.preview('Phone,Name\n')).toEqual({
      headers: ['Phone', 'Name'],
      mapping: { Phone: 'phone', Name: 'fullName' },
      sampleRows: [],
    });
    expect(await core.services.csvImport.preview('Phone\n2125550101')).toMatchObject({ sampleRows: [['2125550101']] });
  });

  it('is available through the handler table', async () => {
    const preview = await api.invoke('contacts.importPreview', { csv: NASTY, mapping: { Title: 'notes' } });
    expect(preview.mapping).toMatchObject({ Title: 'notes', Notes: 'custom:notes' });
    const error = await failure(api.invoke('contacts.importPreview', { csv: '' }));
    expect(error.fields).toEqual({ csv: 'The file is empty' });
  });
});
