import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../main/db/open';
import type { CsvImportProgress, CsvImportResult } from '../../shared/crm/csvImport';
import { person } from '../bench/people';
import { tempDbFile } from '../support/tempDb';
import { tempFile } from '../support/tempFiles';

const ROWS = 50_000;
const UNTERMINATED_AT = 25_000;
const SHORT_AT = 30_000;

interface Expected {
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
}

/**
 * Data row i of the file, and the contact it makes when it is a valid row of its own (null: a bad, malformed or
 * duplicate row). Most rows have a phone; some only an email, some only a name; a few quote a cell (before the
 * unterminated quote, so that quote never closes).
 */
function dataRow(i: number): { line: string; contact: Expected | null } {
  const p = person(i);
  if (i === UNTERMINATED_AT) return { line: `Bob,"Never closed,${p.phoneE164},`, contact: null };
  if (i === SHORT_AT) return { line: 'Too,Few', contact: null };
  if (i % 1000 === 500) return { line: `Bad,Phone${i},12345,`, contact: null };
  const earlier = i % 997 === 3 && i > 10 ? dataRow(i - 7).contact : null;
  if (earlier?.phone) return { line: `Dup,Row${i},${earlier.phone.replace('+1', '')},`, contact: null };
  if (i % 10 === 1) return { line: `${p.first},${p.last},,${p.email}`, contact: { firstName: p.first, lastName: p.last, phone: null, email: p.email } };
  if (i % 50 === 7) return { line: `N${i},Nameonly,,`, contact: { firstName: `N${i}`, lastName: 'Nameonly', phone: null, email: null } };
  if (i % 5000 === 2 && i < UNTERMINATED_AT) return { line: `${p.first},"${p.last}, Jr",${p.phoneE164},${p.email}`, contact: { firstName: p.first, lastName: `${p.last}, Jr`, phone: p.phoneE164, email: p.email } };
  return { line: `${p.first},${p.last},${p.phoneE164},${p.email}`, contact: { firstName: p.first, lastName: p.last, phone: p.phoneE164, email: p.email } };
}

function writeFile(): { csvFile: string; valid: Expected[] } {
  const rows = Array.from({ length: ROWS }, (_, i) => dataRow(i));
  const csvFile = tempFile('contacts.csv');
  writeFileSync(csvFile, ['First Name,Last Name,Phone,Email', ...rows.map((r) => r.line)].join('\n') + '\n');
  return { csvFile, valid: rows.flatMap((r) => (r.contact ? [r.contact] : [])) };
}

interface Run {
  progress: CsvImportProgress[];
  result: CsvImportResult | null;
  signal: NodeJS.Signals | null;
}

/** Runs the importing process; with `killAfterRows`, kills it (SIGKILL) once it reports that many rows done. */
function runImport(dbFile: string, csvFile: string, killAfterRows?: number): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/crm/importChild.ts', dbFile, csvFile], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const run: Run = { progress: [], result: null, signal: null };
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [kind, json] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
    if (kind === 'progress') run.progress.push(JSON.parse(json));
    if (kind === 'result') run.result = JSON.parse(json);
    if (killAfterRows !== undefined && run.progress.at(-1)!.processedRows >= killAfterRows) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ ...run, signal }));
  });
}

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const contactsOf = (db: Store['sqlite']) =>
  db.prepare(`SELECT first_name AS firstName, last_name AS lastName, phone, email FROM contacts`).all() as Expected[];

describe('CSV import killed mid-way', () => {
  it('is resumed by importing the same file again: the contacts are exactly the valid rows of the file', { timeout: 300_000 }, async () => {
    const dbFile = tempDbFile();
    const { csvFile, valid } = writeFile();

    const killed = await runImport(dbFile, csvFile, 15_000);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.result).toBeNull();
    store = await openStore(dbFile);
    const cutOff = store.sqlite.prepare(`SELECT id, status, rows_done AS rowsDone FROM import_jobs`).all() as { id: string; status: string; rowsDone: number }[];
    expect(cutOff).toEqual([{ id: killed.progress[0].importId, status: 'running', rowsDone: expect.any(Number) }]);
    const keptAtKill = contactsOf(store.sqlite).length;
    expect(keptAtKill).toBeGreaterThan(10_000);
    expect(keptAtKill).toBeLessThan(valid.length);
    await store.close();
    store = undefined;

    const resumed = await runImport(dbFile, csvFile);
    expect(resumed.signal).toBeNull();
    const result = resumed.result!;
    // the same job, going on after its last committed row: its first report is past the rows done before the kill
    expect(result.importId).toBe(killed.progress[0].importId);
    expect(resumed.progress[0].processedRows).toBeGreaterThan(cutOff[0].rowsDone - 1);
    expect(result).toMatchObject({ processedRows: ROWS, imported: valid.length, errorsTruncated: false });
    expect(result.imported + result.duplicates + result.failed).toBe(ROWS);
    const rowsWithErrors = new Set(result.errors.map((e) => e.row));
    expect(rowsWithErrors.size).toBe(result.duplicates + result.failed);
    // errors from both sides of the kill are in the one report, with their row numbers (data row i is row i + 2)
    expect(result.errors).toContainEqual({ row: 500 + 2, field: 'phone', reason: '"12345" is not a valid phone number' });
    expect(result.errors).toContainEqual({ row: UNTERMINATED_AT + 2, field: 'row', reason: 'A quoted cell is never closed (unterminated quote)' });
    expect(result.errors).toContainEqual({ row: SHORT_AT + 2, field: 'row', reason: 'This row has 2 cells; the header has 4' });

    store = await openStore(dbFile);
    const contacts = contactsOf(store.sqlite);
    expect(contacts).toHaveLength(valid.length);
    const key = (c: Expected) => c.phone ?? c.email ?? `${c.firstName} ${c.lastName}`;
    const stored = new Map(contacts.map((c) => [key(c), c]));
    expect(stored.size).toBe(valid.length);
    for (let i = 0; i < valid.length; i += 97) expect(stored.get(key(valid[i]))).toEqual(valid[i]);
    expect(store.sqlite.prepare(`SELECT status FROM import_jobs`).pluck().all()).toEqual(['done']);
    expect(store.sqlite.prepare(`SELECT count(*) FROM import_job_errors`).pluck().get()).toBe(0);
    await store.close();
    store = undefined;

    // the file once more: a new job, and nothing but duplicates
    const again = await runImport(dbFile, csvFile);
    expect(again.result).toMatchObject({ imported: 0, duplicates: result.duplicates + valid.length, failed: result.failed });
    store = await openStore(dbFile);
    expect(contactsOf(store.sqlite)).toHaveLength(valid.length);
  });
});
