import { beforeEach, describe, expect, it } from 'vitest';
import { dedupeKey, foldCase } from '../../main/crm/contactKeys';
import type { Company } from '../../shared/crm/types';
import { failure } from '../support/inMemoryTransport';
import { contactsIn, importWorld, type ImportWorld } from './importWorld';

let core: ImportWorld['core'];
let api: ImportWorld['api'];
let acme: Company;
let globex: Company;

beforeEach(async () => {
  ({ core, api, acme, globex } = await importWorld());
});

const importInto = (company: Company, lines: string[]) => core.services.csvImport.import(core.localTeam, `${lines.join('\n')}\n`, { companyId: company.id });

const contactsOf = (company: Company) => contactsIn(api, company.id);

describe('dedupe keys', () => {
  const contact = { phone: null, email: null, firstName: '', lastName: '' };

  it('is the phone when there is one, else the email in any case, else the name in any case', () => {
    expect(dedupeKey({ ...contact, phone: '+12125550101', email: 'Ann@Example.com', firstName: 'Ann' })).toMatchObject({ kind: 'phone', id: 'phone:+12125550101' });
    expect(dedupeKey({ ...contact, email: 'Ann@Example.COM', firstName: 'Ann' }).id).toBe(dedupeKey({ ...contact, email: 'ann@example.com' }).id);
    expect(dedupeKey({ ...contact, email: 'ann@example.com' })).toMatchObject({ kind: 'email', field: 'email' });
    expect(dedupeKey({ ...contact, firstName: 'ADA', lastName: 'Lovelace' }).id).toBe(dedupeKey({ ...contact, firstName: 'ada', lastName: 'LOVELACE' }).id);
    expect(dedupeKey({ ...contact, firstName: 'Ada', lastName: 'Lovelace' })).toMatchObject({ kind: 'name', field: 'name', label: '"Ada Lovelace"' });
    // first and last name are kept apart: "Mary Ann" + "Smith" is not "Mary" + "Ann Smith"
    expect(dedupeKey({ ...contact, firstName: 'Mary Ann', lastName: 'Smith' }).id).not.toBe(dedupeKey({ ...contact, firstName: 'Mary', lastName: 'Ann Smith' }).id);
  });

  it('folds case as SQLite lower() does, ASCII only', () => {
    expect(foldCase('ÉLISE@Example.COM')).toBe('Élise@example.com');
    const sqlLower = core.services.store.sqlite.prepare('SELECT lower(?)').pluck();
    for (const text of ['ÉLISE@Example.COM', 'MiXeD Case 123', 'ẞtraße']) expect(foldCase(text)).toBe(sqlLower.get(text));
  });
});

describe('CSV import: duplicates by phone, else email, else name', () => {
  const FILE = [
    'First Name,Last Name,Phone,Email', // 1
    'Ann,Phone,(212) 555-0101,ann@example.com', // 2
    'Ann,Again,+1 212 555 0101,other@example.com', // 3 same phone, other format
    'Bea,Mail,,Bea@Example.com', // 4 no phone: keyed by email
    'Bea,Shouting,,BEA@EXAMPLE.COM', // 5 same email in another case
    'Cy,Phoneless,,ann@example.com', // 6 the email of row 2, whose key is its phone: a new contact
    'Dee,Named,,', // 7 no phone, no email: keyed by name
    'DEE,NAMED,,', // 8 the same name in another case
    'Eve,Phone,(212) 555-0102,bea@example.com', // 9 has a phone: the email does not matter
  ];

  it('skips rows with the key of an earlier row', async () => {
    const result = await importInto(acme, FILE);
    expect(result).toMatchObject({ processedRows: 8, imported: 5, duplicates: 3, failed: 0 });
    expect(result.errors).toEqual([
      { row: 3, field: 'phone', reason: 'Duplicate: +12125550101 appears earlier in this file' },
      { row: 5, field: 'email', reason: 'Duplicate: BEA@EXAMPLE.COM appears earlier in this file' },
      { row: 8, field: 'name', reason: 'Duplicate: "DEE NAMED" appears earlier in this file' },
    ]);
    expect((await contactsOf(acme)).map((c) => `${c.firstName} ${c.lastName}`).sort()).toEqual(['Ann Phone', 'Bea Mail', 'Cy Phoneless', 'Dee Named', 'Eve Phone']);
  });

  it('imports the same file again as nothing but duplicates, phone-less rows included', async () => {
    await importInto(acme, FILE);
    const again = await importInto(acme, FILE);
    expect(again).toMatchObject({ processedRows: 8, imported: 0, duplicates: 8, failed: 0 });
    expect(again.errors.find((e) => e.row === 4)).toEqual({ row: 4, field: 'email', reason: 'Duplicate: Bea@Example.com is already a contact of this company' });
    expect(again.errors.find((e) => e.row === 7)).toEqual({ row: 7, field: 'name', reason: 'Duplicate: "Dee Named" is already a contact of this company' });
    expect(await contactsOf(acme)).toHaveLength(5);
  });

  it('compares with the contacts the company already has, in any case, and only within the company', async () => {
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Old', email: 'OLD@example.com' });
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Nameless', lastName: 'One' });
    await api.invoke('contacts.create', { companyId: globex.id, firstName: 'Elsewhere', email: 'new@example.com' });
    const result = await importInto(acme, ['First Name,Last Name,Email', 'Olda,X,old@EXAMPLE.com', 'NAMELESS,one,', 'New,Person,new@example.com']);
    expect(result).toMatchObject({ imported: 1, duplicates: 2 });
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'email'],
      [3, 'name'],
    ]);
    expect((await contactsOf(acme)).map((c) => c.firstName).sort()).toEqual(['Nameless', 'New', 'Old']);
  });
});

describe('CSV import: malformed rows', () => {
  it('reports an unterminated quote, text after a quote and a wrong number of cells as row errors, and imports none of them', async () => {
    const result = await importInto(acme, [
      'First Name,Last Name,Phone', // 1
      'Ann,Lovelace,(212) 555-0201', // 2
      'Cy,"Smith" Jr,(212) 555-0203', // 3 text after the closing quote
      'Bob,"O\'Neil,(212) 555-0202', // 4 unterminated quote
      'Dee,Too,(212) 555-0204,extra', // 5 one cell too many
      'Eve,(212) 555-0205', // 6 one cell short
      'Fay,Last,(212) 555-0206', // 7
    ]);
    expect(result).toMatchObject({ processedRows: 6, imported: 2, duplicates: 0, failed: 4 });
    expect(result.errors).toEqual([
      { row: 3, field: 'row', reason: 'Text follows the closing quote of a quoted cell' },
      { row: 4, field: 'row', reason: 'A quoted cell is never closed (unterminated quote)' },
      { row: 5, field: 'row', reason: 'This row has 4 cells; the header has 3' },
      { row: 6, field: 'row', reason: 'This row has 2 cells; the header has 3' },
    ]);
    const contacts = await contactsOf(acme);
    expect(contacts.map((c) => [c.firstName, c.lastName, c.phone]).sort()).toEqual([
      ['Ann', 'Lovelace', '+12125550201'],
      ['Fay', 'Last', '+12125550206'],
    ]);
  });

  it('keeps an unterminated quote on the last line out of every contact', async () => {
    const result = await importInto(acme, ['First Name,Last Name,Phone', 'Ann,Lovelace,2125550201', 'Bob,"Never closed,2125550202']);
    expect(result).toMatchObject({ imported: 1, failed: 1 });
    expect((await contactsOf(acme)).map((c) => c.lastName)).toEqual(['Lovelace']);
  });
});

describe('CSV import: one job per file', () => {
  it('gives each import an id and refuses the same file into the same company while it runs', async () => {
    const lines = ['Phone', ...Array.from({ length: 3000 }, (_, i) => `(212) 555-${String(i).padStart(4, '0')}`)];
    const first = importInto(acme, lines);
    const second = await failure(importInto(acme, lines));
    expect(second.code).toBe('conflict');
    const done = await first;
    expect(done).toMatchObject({ importId: expect.stringMatching(/^imp_/), imported: 3000 });
    // finished, the same file is a new job: all duplicates now
    const again = await importInto(acme, lines);
    expect(again.importId).not.toBe(done.importId);
    expect(again).toMatchObject({ imported: 0, duplicates: 3000 });
    expect(core.services.store.sqlite.prepare('SELECT status, count(*) AS n FROM import_jobs GROUP BY status').all()).toEqual([{ status: 'done', n: 2 }]);
    expect(core.services.store.sqlite.prepare('SELECT count(*) FROM import_job_errors').pluck().get()).toBe(0);
  });

  it('lets timers run while it imports', async () => {
    const lines = ['Phone', ...Array.from({ length: 3000 }, (_, i) => `(212) 555-${String(i).padStart(4, '0')}`)];
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    let timerRanBeforeTheEnd = false;
    await importInto(acme, lines).then(() => (timerRanBeforeTheEnd = timerRan));
    expect(timerRanBeforeTheEnd).toBe(true);
  });
});
